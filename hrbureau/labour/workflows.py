"""The labour-risk workflow (``WORKFLOW``) and the survey task's (``SURVEYS``).

The labour-risk workflow: found → assigned → being resolved → resolved → verified (issue 6).

A risk is recorded by the inspector and lands with the street it lies in (or, when the escalation rule
says so, with the labour-relations department and its head at once). The street or the department
assigns it to the unit that resolves it; the resolution clock, whose length depends on the severity,
runs from the day it was found and climbs the supervision ladder like every clock. A resolution is
verified by the department — never by whoever resolved it; a failed verification sends it back with a
rework period.

A survey task is one enterprise drawn into a sample: the grid it lies in visits it and records it
surveyed, or not surveyed with why; a planner may reopen a task recorded by mistake.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import clocks
from hrbureau.core.workflow import TransitionContext, act_day, declare_workflow
from hrbureau.labour import forms as F
from hrbureau.labour.choices import RiskState as S
from hrbureau.labour.choices import SurveyState
from hrbureau.labour.choices import TimeLimitKey as K
from hrbureau.labour.models import Risk, SampleMember
from hrbureau.labour.rules import CLOCK_RESOLVE, CLOCK_VERIFY, limit_in_force

WORKFLOW = declare_workflow(
    Risk,
    states=S,
    initial=S.FOUND,
    todo_states={S.FOUND, S.ASSIGNED, S.RESOLVING, S.RESOLVED},
    final_states={S.VERIFIED},
    # A severe risk (owner absconding, many workers unpaid) is dealt with before anything else.
    todo_first="escalated",
    todo_first_label=gettext_lazy("escalated: deal with it first"),
    slug="labour-risks",
)


# --- guards -------------------------------------------------------------------------------------------


def _own_unit(case: Risk, actor: Any, data: dict[str, Any]) -> str | None:
    if actor is None or actor.org_unit_id is None or actor.org_unit_id != case.assigned_unit_id:
        return _("Only the unit the risk is assigned to can do this.")
    return None


def _not_the_resolver(case: Risk, actor: Any, data: dict[str, Any]) -> str | None:
    from hrbureau.core.workflow import case_events

    resolved = case_events(case).filter(name="resolve").order_by("-created_at", "-id").first()
    if resolved is not None and actor is not None and resolved.actor_id == actor.pk:
        return _("A resolution is verified by someone other than the person who resolved it.")
    return None


def _not_escalated(case: Risk, actor: Any, data: dict[str, Any]) -> str | None:
    return _("This risk is already with the department head.") if case.escalated else None


# --- transitions --------------------------------------------------------------------------------------

add = WORKFLOW.add
add(
    "assign",
    gettext_lazy("Assign to a unit"),
    source={S.FOUND, S.ASSIGNED},
    target=S.ASSIGNED,
    permission="labour.assign_risk",
    form=F.RiskAssignForm,
)
add(
    "take_up",
    gettext_lazy("Take it up"),
    source={S.ASSIGNED},
    target=S.RESOLVING,
    permission="labour.handle_risk",
    guard=_own_unit,
    form=F.RiskDayForm,
)
add(
    "resolve",
    gettext_lazy("Report it resolved"),
    source={S.RESOLVING},
    target=S.RESOLVED,
    permission="labour.handle_risk",
    guard=_own_unit,
    requires_reason=True,
    form=F.RiskResolveForm,
)
add(
    "verify",
    gettext_lazy("Verify the resolution"),
    source={S.RESOLVED},
    target=S.VERIFIED,
    permission="labour.verify_risk",
    guard=_not_the_resolver,
    form=F.RiskDayForm,
)
add(
    "reject",
    gettext_lazy("Not resolved: send it back"),
    source={S.RESOLVED},
    target=S.RESOLVING,
    permission="labour.verify_risk",
    guard=_not_the_resolver,
    requires_reason=True,
    button="outline-danger",
    form=F.RiskRejectForm,
)
add(
    "escalate",
    gettext_lazy("Escalate to the department head"),
    source={S.FOUND, S.ASSIGNED, S.RESOLVING},
    target=None,
    permission="labour.escalate_risk",
    guard=_not_escalated,
    requires_reason=True,
    button="outline-danger",
    form=F.RiskDayForm,
)


# --- effects ------------------------------------------------------------------------------------------


def start_clock(risk: Risk, name: str, key: str, on: dt.date, actor: Any) -> None:
    limit = limit_in_force(key, on)
    clocks.clock_start(
        case=risk,
        name=name,
        label=K(key).label,
        days=limit.days,
        day_kind=limit.day_kind,
        on=on,
        unit=risk.assigned_unit,
        actor=actor,
    )


@WORKFLOW.effect("assign")
def _assigned(ctx: TransitionContext) -> None:
    clocks.clocks_reassign(case=ctx.case, unit=ctx.case.assigned_unit)


@WORKFLOW.effect("resolve")
def _resolved(ctx: TransitionContext) -> None:
    risk: Risk = ctx.case
    day = act_day(ctx)
    clocks.clock_stop(case=risk, name=CLOCK_RESOLVE, on=day, actor=ctx.actor)
    start_clock(risk, CLOCK_VERIFY, K.VERIFY, day, ctx.actor)


@WORKFLOW.effect("verify")
def _verified(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_VERIFY, on=act_day(ctx), actor=ctx.actor)


@WORKFLOW.effect("reject")
def _rejected(ctx: TransitionContext) -> None:
    risk: Risk = ctx.case
    day = act_day(ctx)
    clocks.clock_stop(case=risk, name=CLOCK_VERIFY, on=day, actor=ctx.actor)
    # The resolution clock starts afresh with the rework period, not with the full severity period.
    start_clock(risk, CLOCK_RESOLVE, K.REWORK, day, ctx.actor)


# --- survey tasks -------------------------------------------------------------------------------------

SURVEYS = declare_workflow(
    SampleMember,
    states=SurveyState,
    initial=SurveyState.PENDING,
    final_states={SurveyState.DONE, SurveyState.UNREACHABLE},
    slug="survey-tasks",
)
SURVEYS.add(
    "survey",
    gettext_lazy("Surveyed"),
    source={SurveyState.PENDING},
    target=SurveyState.DONE,
    permission="labour.survey_sample",
    form=F.SurveyForm,
)
SURVEYS.add(
    "unreachable",
    gettext_lazy("Could not survey"),
    source={SurveyState.PENDING},
    target=SurveyState.UNREACHABLE,
    permission="labour.survey_sample",
    requires_reason=True,
    button="outline-secondary",
    form=F.UnreachableForm,
)
SURVEYS.add(
    "reopen",
    gettext_lazy("Reopen: survey it again"),
    source={SurveyState.DONE, SurveyState.UNREACHABLE},
    target=SurveyState.PENDING,
    permission="labour.plan_inspection",
    requires_reason=True,
    button="outline-secondary",
)
