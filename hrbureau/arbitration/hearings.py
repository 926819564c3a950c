"""The hearing workflow (开庭): every state and step of one hearing in one place (DOMAIN.md §2.2).

A hearing is a record inside its dispute, with its own states: booked (the dispute's "book the hearing"
makes it, the notice rules checked there), then held (with the dispute's "hearing held"), postponed
(延期开庭: by the commission, or at a party's request made at least the configured days before) or
cancelled (by the clerk, or by the platform when the case ends while it is still booked). Each step goes through ``core.workflow.transition``: versioned, refused when the hearing
changed meanwhile, written as an event; the dispute's page shows each hearing's actions
(``core.casepage.record_actions``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.arbitration import forms as F
from hrbureau.arbitration import rules
from hrbureau.arbitration.choices import HearingState as S
from hrbureau.arbitration.models import Hearing
from hrbureau.arbitration.workflows import WORKFLOW as DISPUTE
from hrbureau.core.workflow import SYSTEM, TransitionContext, act_day, declare_workflow, transition

WORKFLOW = declare_workflow(
    Hearing,
    states=S,
    initial=S.BOOKED,
    final_states={S.HELD, S.POSTPONED, S.CANCELLED},
    slug="hearings",
)


# --- guards: None when allowed, else the translated reason -------------------------------------------


def _not_over(hearing: Hearing, actor: Any, data: dict[str, Any]) -> str | None:
    # A hearing whose time has passed was held or did not take place; it is not put off afterwards.
    if hearing.ends_at <= timezone.now():
        return _("This hearing's time has passed: record it as held, or cancel it.")
    return None


def _party_asked_in_time(hearing: Hearing, actor: Any, data: dict[str, Any]) -> str | None:
    # A party may ask to postpone at least 3 days (configurable) before the hearing [rules].
    asked_on = data.get("asked_on")
    if not data.get("asked_by_party") or not isinstance(asked_on, dt.date):
        return None
    day = timezone.localtime(hearing.starts_at).date()
    latest = rules.latest_postponement_request(day)
    if asked_on > latest:
        return _(
            "A party must ask to postpone by %(day)s, at least %(days)d days before the hearing; "
            "the request came on %(asked)s."
        ) % {
            "day": latest.isoformat(),
            "days": (day - latest).days,
            "asked": asked_on.isoformat(),
        }
    return None


def _postponable(hearing: Hearing, actor: Any, data: dict[str, Any]) -> str | None:
    return _not_over(hearing, actor, data) or _party_asked_in_time(hearing, actor, data)


# --- transitions --------------------------------------------------------------------------------------

WORKFLOW.add(
    "postpone",
    gettext_lazy("Postpone"),
    source={S.BOOKED},
    target=S.POSTPONED,
    permission="arbitration.schedule_dispute",
    guard=_postponable,
    requires_reason=True,
    button="outline-secondary",
    form=F.PostponeHearingForm,
)
WORKFLOW.add(
    "cancel",
    gettext_lazy("Cancel the hearing"),
    source={S.BOOKED},
    target=S.CANCELLED,
    permission="arbitration.schedule_dispute",
    requires_reason=True,
    button="outline-danger",
    form=F.ActForm,
)
# Held only as part of the dispute's "hearing held" (services.dispute_hold_hearing), which checks the
# notices for a default award: one act, recorded on the dispute and on the hearing.
WORKFLOW.add(
    "hold",
    gettext_lazy("Held"),
    source={S.BOOKED},
    target=S.HELD,
    permission="arbitration.decide_dispute",
    offered=False,
)


# A case that ends (refused, withdrawn, mediated, awarded) calls off the hearings still booked, so that
# their rooms are free: a step the platform takes, recorded on each hearing.
WORKFLOW.add(
    "call_off",
    gettext_lazy("Called off: the case has ended"),
    source={S.BOOKED},
    target=S.CANCELLED,
    permission=None,
)


@DISPUTE.effect("refuse", "mediate", "award", "withdraw")
def _case_ended(ctx: TransitionContext) -> None:
    ended = str(ctx.transition.label)
    for hearing in Hearing.objects.filter(dispute=ctx.case, state=S.BOOKED):
        transition(
            hearing, "call_off", actor=SYSTEM, reason=ended, data={"on": act_day(ctx), "by": ctx.actor}
        )


# --- services -----------------------------------------------------------------------------------------


def _when(hearing: Hearing) -> str:
    return timezone.localtime(hearing.starts_at).strftime("%Y-%m-%d %H:%M")


@WORKFLOW.performs("postpone", case="hearing")
@transaction.atomic
def hearing_postpone(
    *,
    actor: Any,
    hearing: Hearing,
    reason: str,
    asked_by_party: bool = False,
    asked_on: dt.date | None = None,
    on: dt.date | None = None,
) -> Hearing:
    """Put the hearing off; the parties are told (a new booking follows with its own notice)."""
    from hrbureau.arbitration.services import _act_day, _tell_parties

    transition(
        hearing,
        "postpone",
        actor=actor,
        reason=reason,
        data={"on": _act_day(on), "asked_by_party": asked_by_party, "asked_on": asked_on},
    )
    _tell_parties(
        hearing.dispute,
        _("Case %(case)s: the hearing of %(when)s is postponed; a new hearing notice will follow.")
        % {"case": hearing.dispute, "when": _when(hearing)},
    )
    return hearing


@WORKFLOW.performs("cancel", case="hearing")
@transaction.atomic
def hearing_cancel(*, actor: Any, hearing: Hearing, reason: str, on: dt.date | None = None) -> Hearing:
    """Call the hearing off; the parties are told."""
    from hrbureau.arbitration.services import _act_day, _tell_parties

    transition(hearing, "cancel", actor=actor, reason=reason, data={"on": _act_day(on)})
    _tell_parties(
        hearing.dispute,
        _("Case %(case)s: the hearing of %(when)s is cancelled.")
        % {"case": hearing.dispute, "when": _when(hearing)},
    )
    return hearing


def hearing_hold(*, actor: Any, hearing: Hearing, data: dict[str, Any]) -> None:
    """Record the hearing held (called by the dispute's "hearing held", in its transaction)."""
    transition(hearing, "hold", actor=actor, data={"on": act_day(data), **data})
