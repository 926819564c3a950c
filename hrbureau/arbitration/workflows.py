"""The dispute workflow: every state and transition in one place (DOMAIN.md §2).

Effects run inside the transition's transaction and keep the clocks exactly as the law says:
acceptance 5 days from receipt (paused while a supplement is awaited, restarted from the day it is
complete); on acceptance the tribunal (5), the copy to the respondent (5) and the award (45) clocks;
the award clock restarts on a new party, a completed supplement, changed claims, a counter-claim or a
transfer, pauses while the case is suspended, and is extended once by at most 15 days.

Every transition takes the day the act happened in ``data["on"]`` (default today), so a clerk can record
an act of the day before; services refuse a day in the future.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.arbitration import forms as F
from hrbureau.arbitration.choices import PROCEEDING_STATES, Procedure
from hrbureau.arbitration.choices import DisputeState as S
from hrbureau.arbitration.choices import TimeLimitKey as K
from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.rules import (
    CLOCK_ACCEPTANCE,
    CLOCK_AWARD,
    CLOCK_COPY,
    CLOCK_DEFENCE,
    CLOCK_TRIBUNAL,
    limit_in_force,
    max_extension_days,
)
from hrbureau.core import clocks
from hrbureau.core.workflow import Guard, TransitionContext, act_day, declare_workflow

WORKFLOW = declare_workflow(
    Dispute,
    states=S,
    initial=S.FILED,
    todo_states={S.FILED, S.ACCEPTED, S.TRIBUNAL, S.SCHEDULED, S.HEARD},
    final_states={S.REFUSED, S.MEDIATED, S.AWARDED, S.WITHDRAWN},
    # Collective disputes are registered and handled first [law Art.7; rules].
    todo_first="collective",
    todo_first_label=gettext_lazy("collective case: handled first"),
)

# What restarts the 45 days [rules Art.46], as recorded by the "amend" action.
RESTART_REASONS = {
    "party_added": gettext_lazy("A party or third party was added"),
    "supplement_complete": gettext_lazy("The supplement is complete"),
    "claims_changed": gettext_lazy("Added or changed claims were accepted"),
    "counterclaim": gettext_lazy("A counter-claim was accepted and merged"),
    "transfer_received": gettext_lazy("The transferred case was received"),
}


# --- guards: None when allowed, else the translated reason -------------------------------------------


def _not_suspended(case: Dispute, actor: Any, data: dict[str, Any]) -> str | None:
    if case.suspended:
        return _("The case is suspended since %(day)s; resume it first.") % {
            "day": case.suspended_since.isoformat()  # type: ignore[union-attr]
        }
    return None


def _all(*guards: Guard) -> Guard:
    def check(case: Any, actor: Any, data: dict[str, Any]) -> Any:
        for guard in guards:
            refusal = guard(case, actor, data)
            if refusal is not None:
                return refusal
        return None

    return check


def _suspended(case: Dispute, actor: Any, data: dict[str, Any]) -> str | None:
    return None if case.suspended else _("The case is not suspended.")


def _can_extend(case: Dispute, actor: Any, data: dict[str, Any]) -> str | None:
    if case.extended:
        return _("The award period can be extended only once.")
    days = data.get("days")
    most = max_extension_days(act_day(data))
    if days is not None and not (1 <= int(days) <= most):
        return _("An extension is at most %(max)d days.") % {"max": most}
    return None


def _restart_reason(case: Dispute, actor: Any, data: dict[str, Any]) -> str | None:
    kind = data.get("kind")
    if kind is not None and kind not in RESTART_REASONS:
        return _("Unknown change to the case.")
    return None


def _procedure_allowed(case: Dispute, actor: Any, data: dict[str, Any]) -> str | None:
    from hrbureau.arbitration.triage import simplified_refusal

    if data.get("procedure") == Procedure.SIMPLIFIED:
        return simplified_refusal(case)
    return None


# --- transitions --------------------------------------------------------------------------------------

add = WORKFLOW.add
STAFF_ACTIVE = {S.FILED, S.SUPPLEMENT} | PROCEEDING_STATES
add(
    "request_supplement",
    gettext_lazy("Ask for a supplement"),
    source={S.FILED},
    target=S.SUPPLEMENT,
    permission="arbitration.accept_dispute",
    button="outline-primary",
    form=F.SupplementRequestForm,
)
add(
    "supplement_complete",
    gettext_lazy("Supplement complete"),
    source={S.SUPPLEMENT},
    target=S.FILED,
    permission="arbitration.accept_dispute",
    form=F.SupplementCompleteForm,
)
add(
    "accept",
    gettext_lazy("Accept"),
    source={S.FILED},
    target=S.ACCEPTED,
    permission="arbitration.accept_dispute",
    form=F.ActForm,
)
add(
    "refuse",
    gettext_lazy("Do not accept"),
    source={S.FILED, S.SUPPLEMENT},
    target=S.REFUSED,
    permission="arbitration.accept_dispute",
    requires_reason=True,
    button="outline-danger",
    form=F.ActForm,
)
add(
    "confirm_procedure",
    gettext_lazy("Confirm the procedure"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.triage_dispute",
    guard=_procedure_allowed,
    button="outline-primary",
    form=F.ProcedureForm,
)
add(
    "form_tribunal",
    gettext_lazy("Form the tribunal"),
    source={S.ACCEPTED},
    target=S.TRIBUNAL,
    permission="arbitration.schedule_dispute",
    guard=_not_suspended,
    form=F.TribunalForm,
)
add(
    "schedule_hearing",
    gettext_lazy("Book the hearing"),
    source={S.TRIBUNAL, S.SCHEDULED},
    target=S.SCHEDULED,
    permission="arbitration.schedule_dispute",
    guard=_not_suspended,
    form=F.HearingForm,
)
add(
    "hold_hearing",
    gettext_lazy("Record the hearing as held"),
    source={S.SCHEDULED},
    target=S.HEARD,
    permission="arbitration.decide_dispute",
    guard=_not_suspended,
    form=F.HoldHearingForm,
)
add(
    "agree_mediation",
    gettext_lazy("Record the mediation agreement"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.decide_dispute",
    guard=_not_suspended,
    button="outline-primary",
    form=F.MediationForm,
)
add(
    "mediate",
    gettext_lazy("Close by mediation"),
    source=PROCEEDING_STATES,
    target=S.MEDIATED,
    permission="arbitration.decide_dispute",
    guard=_not_suspended,
    form=F.ActForm,
)
add(
    "award",
    gettext_lazy("Make the award"),
    source={S.HEARD},
    target=S.AWARDED,
    permission="arbitration.decide_dispute",
    guard=_not_suspended,
    form=F.AwardForm,
)
add(
    "withdraw",
    gettext_lazy("Record the withdrawal"),
    source=STAFF_ACTIVE,
    target=S.WITHDRAWN,
    permission="arbitration.accept_dispute",
    requires_reason=True,
    button="outline-secondary",
    form=F.ActForm,
)
add(
    "suspend",
    gettext_lazy("Suspend (中止)"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.decide_dispute",
    guard=_not_suspended,
    requires_reason=True,
    button="outline-secondary",
    form=F.ActForm,
)
add(
    "resume",
    gettext_lazy("Resume"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.decide_dispute",
    guard=_suspended,
    button="outline-primary",
    form=F.ActForm,
)
add(
    "extend",
    gettext_lazy("Approve an extension of the award period"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.extend_dispute",
    guard=_can_extend,
    requires_reason=True,
    button="outline-primary",
    form=F.ExtendForm,
)
add(
    "amend",
    gettext_lazy("Record a change that restarts the award period"),
    source=PROCEEDING_STATES,
    target=None,
    permission="arbitration.amend_dispute",
    guard=_all(_not_suspended, _restart_reason),
    requires_reason=True,
    button="outline-secondary",
    form=F.AmendForm,
)
add(
    "serve",
    gettext_lazy("Record a service"),
    source=set(S.values),
    target=None,
    permission="arbitration.serve_document",
    button="outline-secondary",
    form=F.ServeForm,
)
add(
    "add_agent",
    gettext_lazy("Register an agent"),
    source=STAFF_ACTIVE,
    target=None,
    permission="arbitration.amend_dispute",
    button="outline-secondary",
    form=F.AgentForm,
)
add(
    "e_service",
    gettext_lazy("Give or withdraw consent to electronic service"),
    source=set(S.values),
    target=None,
    permission="arbitration.sign_document",
    area="portal",
    form=F.EServiceForm,
)
add(
    "sign_document",
    gettext_lazy("Sign for a document"),
    source=set(S.values),
    target=None,
    permission="arbitration.sign_document",
    area="portal",
    form=F.SignDocumentForm,
)


# What the parties read on the portal: each change of state, and the steps the law has them told of
# (a refusal and its reason, a suspension, an extension of the award period [law Art.43]) — not the
# commission's own records (triage, services to the other side, agents).
WORKFLOW.for_parties(
    states={},
    told={
        "request_supplement": gettext_lazy("You are asked to supplement materials"),
        "refuse": None,
        "withdraw": None,
        "suspend": gettext_lazy("The case is suspended"),
        "resume": gettext_lazy("The case is resumed"),
        "extend": gettext_lazy("The award period is extended"),
        "amend": gettext_lazy("The award period starts again"),
    },
    clocks={CLOCK_ACCEPTANCE, CLOCK_DEFENCE, CLOCK_AWARD},
)


# --- effects -----------------------------------------------------------------------------------------


def _start(dispute: Dispute, name: str, key: str, on: dt.date, actor: Any) -> None:
    limit = limit_in_force(key, on)
    clocks.clock_start(
        case=dispute,
        name=name,
        label=K(key).label,
        days=limit.days,
        day_kind=limit.day_kind,
        on=on,
        unit=dispute.assigned_unit,
        actor=actor,
    )


@WORKFLOW.effect("request_supplement")
def _supplement_requested(ctx: TransitionContext) -> None:
    # Waiting for the applicant: the acceptance period stands still (it restarts when complete).
    clocks.clock_pause(
        case=ctx.case, name=CLOCK_ACCEPTANCE, on=act_day(ctx), reason=ctx.reason, actor=ctx.actor
    )


@WORKFLOW.effect("supplement_complete")
def _supplement_completed(ctx: TransitionContext) -> None:
    # The application counts as received on the day the supplement is complete [law]: 5 days afresh.
    dispute: Dispute = ctx.case
    day = act_day(ctx)
    Dispute.objects.filter(pk=dispute.pk).update(received_on=day)
    dispute.received_on = day
    clocks.clock_resume(case=dispute, name=CLOCK_ACCEPTANCE, on=day, actor=ctx.actor)
    clocks.clock_restart(
        case=dispute,
        name=CLOCK_ACCEPTANCE,
        on=day,
        reason=str(RESTART_REASONS["supplement_complete"]),
        actor=ctx.actor,
    )


@WORKFLOW.effect("accept")
def _accepted(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    day = act_day(ctx)
    clocks.clock_stop(case=dispute, name=CLOCK_ACCEPTANCE, on=day, actor=ctx.actor)
    _start(dispute, CLOCK_AWARD, K.AWARD, day, ctx.actor)
    _start(dispute, CLOCK_TRIBUNAL, K.TRIBUNAL, day, ctx.actor)
    _start(dispute, CLOCK_COPY, K.RESPONDENT_COPY, day, ctx.actor)


def _stop_all(dispute: Dispute, day: dt.date, actor: Any) -> None:
    for clock in clocks.clocks_of(dispute):
        if clock.paused_since is not None:
            clocks.clock_resume(case=dispute, name=clock.name, on=day, actor=actor)
        clocks.clock_stop(case=dispute, name=clock.name, on=day, actor=actor)


@WORKFLOW.effect("refuse", "mediate", "award", "withdraw")
def _ended(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    day = act_day(ctx)
    award = clocks.clock_of(dispute, CLOCK_AWARD)
    _stop_all(dispute, day, ctx.actor)
    fields: dict[str, Any] = {"closed_on": day}
    if ctx.transition.name in ("mediate", "award") and dispute.accepted_on is not None:
        # Read before the clocks stop: the award period as it stood (extensions and pauses included).
        fields["days_to_close"] = (day - dispute.accepted_on).days
        fields["closed_on_time"] = award is None or award.due_on is None or day <= award.due_on
    Dispute.objects.filter(pk=dispute.pk).update(**fields)
    for name, value in fields.items():
        setattr(dispute, name, value)


@WORKFLOW.effect("form_tribunal")
def _tribunal_formed(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_TRIBUNAL, on=act_day(ctx), actor=ctx.actor)


@WORKFLOW.effect("suspend")
def _suspended_effect(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    day = act_day(ctx)
    clocks.clock_pause(case=dispute, name=CLOCK_AWARD, on=day, reason=ctx.reason, actor=ctx.actor)
    Dispute.objects.filter(pk=dispute.pk).update(suspended_since=day)
    dispute.suspended_since = day


@WORKFLOW.effect("resume")
def _resumed(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    clocks.clock_resume(case=dispute, name=CLOCK_AWARD, on=act_day(ctx), actor=ctx.actor)
    Dispute.objects.filter(pk=dispute.pk).update(suspended_since=None)
    dispute.suspended_since = None


@WORKFLOW.effect("extend")
def _extended(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    clocks.clock_extend(
        case=dispute,
        name=CLOCK_AWARD,
        days=int(ctx.data["days"]),
        on=act_day(ctx),
        reason=ctx.reason,
        actor=ctx.actor,
    )
    Dispute.objects.filter(pk=dispute.pk).update(extended=True)
    dispute.extended = True


@WORKFLOW.effect("amend")
def _amended(ctx: TransitionContext) -> None:
    dispute: Dispute = ctx.case
    clocks.clock_restart(
        case=dispute,
        name=CLOCK_AWARD,
        on=act_day(ctx),
        reason=f"{RESTART_REASONS[ctx.data['kind']]}: {ctx.reason}",
        actor=ctx.actor,
    )
