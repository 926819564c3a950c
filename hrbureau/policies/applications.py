"""Applications for 快申快享 items (DOMAIN.md §5): filing (on the portal or at the counter), the payout
clock, review at the item's levels (maker ≠ checker), supplements, payout, refusal and withdrawal.

Each action is a service on the workflow core (``@APPLICATION_WORKFLOW.performs``), taken from the case
page and the API alike. The payout clock starts when the application is complete: on filing, and — once
a supplement was asked for, which pauses it — afresh on the day the supplement arrives (a restart: the
full period again from the complete application).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import Role
from hrbureau.core import clocks, counters, rules
from hrbureau.core.attachments import attachment_add
from hrbureau.core.dated import in_force
from hrbureau.core.forms import clean_amount
from hrbureau.core.workflow import create_case, transition
from hrbureau.policies import grants, matching
from hrbureau.policies.choices import (
    ApplicationState,
    Beneficiary,
    DeliveryKind,
    GrantChannel,
    GrantPeriod,
    ItemState,
)
from hrbureau.policies.models import (
    ApplicationDecision,
    PolicyApplication,
    PolicyItem,
    PolicyMatch,
    TimeLimit,
)
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, PERSON_SUBJECT
from hrbureau.policies.workflows import APPLICATION_WORKFLOW, PAYOUT_CLOCK

AS = ApplicationState
OPEN_STATES = (AS.SUBMITTED, AS.SUPPLEMENT, AS.IN_REVIEW, AS.APPROVED)
PAYOUT_LABEL = gettext_lazy("Payout")


def period_of(item: PolicyItem, on: dt.date) -> str:
    """The period a grant of ``item`` on ``on`` counts against: the year, or "once" for a once-only item."""
    return GrantPeriod.ONCE.value if item.grant_period == GrantPeriod.ONCE else str(on.year)


def payout_limit(on: dt.date) -> TimeLimit:
    return in_force(TimeLimit.objects.filter(key="payout"), on, what="policy time limit 'payout'")


def eligibility_refusal(item: PolicyItem, *, enterprise: Any = None, person: Any = None) -> str | None:
    """Why the applicant does not qualify for ``item`` now (the conditions it fails), or None. The
    applicant is loaded through the item's rules subject with what its condition names (its facts)."""
    condition = item.eligibility or {}
    if not condition:
        return None
    key = ENTERPRISE_SUBJECT if item.beneficiary == Beneficiary.ENTERPRISE else PERSON_SUBJECT
    applicant = enterprise if item.beneficiary == Beneficiary.ENTERPRISE else person
    validated = rules.validate(key, condition)
    loaded = rules.subject(key).queryset(condition=validated).filter(pk=applicant.pk).first()
    if loaded is not None and rules.evaluate(key, validated, loaded):
        return None
    failed = []
    if loaded is not None:
        failed = [
            line["text"]
            for line in rules.lines(key, rules.trace(key, validated, loaded))
            if not line["met"] and line["depth"] > 0
        ]
    message = _("You do not meet the conditions of this policy now.")
    if failed:
        message += " " + _("Not met: %(conditions)s") % {"conditions": "；".join(failed)}
    return message


def _match_of(item: PolicyItem, *, enterprise: Any, person: Any) -> PolicyMatch | None:
    rows = PolicyMatch.objects.filter(item=item)
    rows = rows.filter(enterprise=enterprise) if enterprise is not None else rows.filter(person=person)
    return rows.first()


def application_submit(
    *,
    actor: Any,
    item: PolicyItem,
    enterprise: Any = None,
    person: Any = None,
    statement: str = "",
    amount_requested: Any = None,
    materials: list[Any] | None = None,
    on: dt.date | None = None,
) -> PolicyApplication:
    """File an application for a published 快申快享 ``item`` by its enterprise (or person): it must
    qualify now, have no open application for the item this period and no grant of it this period
    (whatever the channel). Starts the payout clock: the application is complete when filed."""
    on = on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    amount = clean_amount(amount_requested, "amount_requested", errors)
    if errors:
        raise ValidationError(errors)
    if item.state != ItemState.PUBLISHED or item.kind != DeliveryKind.APPLY:
        raise ValidationError(_("Only a published fast-application policy can be applied for."))
    if item.beneficiary == Beneficiary.ENTERPRISE:
        person = None
        if enterprise is None:
            raise ValidationError(_("This policy is for enterprises; apply with an enterprise's account."))
    else:
        enterprise = None
        if person is None:
            raise ValidationError(_("This policy is for people; apply with a personal account."))
    refusal = eligibility_refusal(item, enterprise=enterprise, person=person)
    if refusal:
        raise ValidationError(refusal)
    period = period_of(item, on)
    beneficiary = {"enterprise": enterprise} if enterprise is not None else {"person": person}
    with transaction.atomic():
        # The applicant's row locked: two filings at once are taken one after the other.
        type(enterprise or person).objects.select_for_update().filter(pk=(enterprise or person).pk).first()
        if PolicyApplication.objects.filter(
            item=item, period=period, state__in=OPEN_STATES, **beneficiary
        ).exists():
            raise ValidationError(_("An application for this policy is already open for this period."))
        if grants.already_granted(item=item, period=period, **beneficiary):
            raise ValidationError(_("This policy has already been granted for this period."))
        number = counters.next_value(f"policy-application-{on.year}")
        application = PolicyApplication(
            number=f"ZC{on.year}{number:06d}",
            item=item,
            enterprise=enterprise,
            person=person,
            street_id=(enterprise or person).street_id,
            match=_match_of(item, enterprise=enterprise, person=person),
            period=period,
            statement=statement,
            amount_requested=amount,
            complete_on=on,
            filed_by=actor if getattr(actor, "is_authenticated", False) else None,
            assigned_unit=item.department,
        )
        event = create_case(application, actor=actor, data={"on": on})
        for upload in materials or []:
            attachment_add(case=application, upload=upload, actor=actor, event=event)
        limit = payout_limit(on)
        clocks.clock_start(
            case=application,
            name=PAYOUT_CLOCK,
            label=PAYOUT_LABEL,
            days=limit.days,
            day_kind=limit.day_kind,
            on=on,
            unit=item.department,
            actor=actor,
        )
        if application.match is not None:
            matching.match_mark_applied(application.match)  # the match follows its application
    return application


@APPLICATION_WORKFLOW.performs("start_review", case="application")
def application_start_review(*, actor: Any, application: PolicyApplication, reason: str = "") -> Any:
    return transition(application, "start_review", actor=actor, reason=reason)


@APPLICATION_WORKFLOW.performs("request_supplement", case="application")
def application_request_supplement(
    *, actor: Any, application: PolicyApplication, reason: str, on: dt.date | None = None
) -> Any:
    """Ask the applicant for what is missing: the payout clock pauses until it arrives."""
    on = on or timezone.localdate()
    with transaction.atomic():
        event = transition(application, "request_supplement", actor=actor, reason=reason, data={"on": on})
        clocks.clock_pause(case=application, name=PAYOUT_CLOCK, on=on, reason=reason, actor=actor)
    return event


@APPLICATION_WORKFLOW.performs("resubmit", case="application")
@APPLICATION_WORKFLOW.performs("resubmit_at_counter", case="application", at_counter=True)
def application_resubmit(
    *,
    actor: Any,
    application: PolicyApplication,
    statement: str = "",
    materials: list[Any] | None = None,
    on: dt.date | None = None,
    at_counter: bool = False,
) -> Any:
    """The supplement arrived: the application is complete from today and the payout clock restarts."""
    on = on or timezone.localdate()
    name = "resubmit_at_counter" if at_counter else "resubmit"
    with transaction.atomic():
        event = transition(
            application, name, actor=actor, reason=statement, data={"on": on}, fields={"complete_on": on}
        )
        for upload in materials or []:
            attachment_add(case=application, upload=upload, actor=actor, event=event)
        clocks.clock_restart(case=application, name=PAYOUT_CLOCK, on=on, reason=statement, actor=actor)
    return event


def approval_refusal(application: PolicyApplication, actor: Any, *, final: bool) -> str | None:
    """Why ``actor`` may not approve the application's next level now (None: they may). Level 1 is the
    department's staff's (or head's), the levels above the head's; nobody approves two levels, and the
    clerk who filed an application at the counter approves none of it."""
    level = application.levels_approved + 1
    levels = application.item.approval_levels
    if final != (level >= levels):
        if final:
            return _("Level %(level)d of %(levels)d: approve this level first.") % {
                "level": level,
                "levels": levels,
            }
        return _("This is the last level: approve the application.")
    if actor is None:
        return None
    if level >= 2 and actor.role != Role.DEPT_HEAD:
        return _("Level %(level)d is approved by a department head.") % {"level": level}
    if application.filed_by_id == actor.pk:
        return _("You filed this application; another person reviews it.")
    if ApplicationDecision.objects.filter(application=application, decided_by=actor).exists():
        return _("You have approved a level of this application; the next level is another person's.")
    return None


def _decide(application: PolicyApplication, *, actor: Any, level: int, decision: str, reason: str) -> None:
    ApplicationDecision.objects.create(
        application=application, level=level, decision=decision, decided_by=actor, reason=reason
    )


@APPLICATION_WORKFLOW.performs("approve_level", case="application")
@APPLICATION_WORKFLOW.performs("approve", case="application", final=True)
def application_approve(
    *,
    actor: Any,
    application: PolicyApplication,
    opinion: str = "",
    amount_approved: Any = None,
    final: bool = False,
) -> Any:
    """Approve the next level (recorded with who and why); the last level approves the application."""
    errors: dict[str, list[str]] = {}
    amount = clean_amount(amount_approved, "amount_approved", errors)
    if errors:
        raise ValidationError(errors)
    level = application.levels_approved + 1
    fields: dict[str, Any] = {"levels_approved": level}
    if amount is not None:
        fields["amount_approved"] = amount
    with transaction.atomic():
        event = transition(
            application,
            "approve" if final else "approve_level",
            actor=actor,
            reason=opinion,
            data={"level": level, "amount_approved": amount},
            fields=fields,
        )
        _decide(application, actor=actor, level=level, decision="approved", reason=opinion)
    return event


@APPLICATION_WORKFLOW.performs("refuse", case="application")
def application_refuse(*, actor: Any, application: PolicyApplication, reason: str) -> Any:
    on = timezone.localdate()
    with transaction.atomic():
        event = transition(application, "refuse", actor=actor, reason=reason)
        _decide(
            application, actor=actor, level=application.levels_approved + 1, decision="refused", reason=reason
        )
        clocks.clock_stop(case=application, name=PAYOUT_CLOCK, on=on, actor=actor)
        if application.match is not None:
            matching.match_mark_decided(application.match, granted=False)
    return event


@APPLICATION_WORKFLOW.performs("withdraw", case="application")
def application_withdraw(*, actor: Any, application: PolicyApplication, reason: str) -> Any:
    with transaction.atomic():
        event = transition(application, "withdraw", actor=actor, reason=reason)
        clocks.clock_stop(case=application, name=PAYOUT_CLOCK, on=timezone.localdate(), actor=actor)
    return event


@APPLICATION_WORKFLOW.performs("pay", case="application")
def application_pay(
    *,
    actor: Any,
    application: PolicyApplication,
    amount: Any,
    reference: str,
    paid_on: dt.date | None = None,
) -> Any:
    """Record the payout (day, amount, reference) and the grant it is; refused, with nothing written,
    when the beneficiary was granted the item this period meanwhile by another channel."""
    paid_on = paid_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    paid = clean_amount(amount, "amount", errors)
    if paid is None and "amount" not in errors:
        errors["amount"] = [_("The amount paid is needed.")]
    if not (reference or "").strip():
        errors["reference"] = [_("The payment reference is needed.")]
    if errors:
        raise ValidationError(errors)
    beneficiary = {"enterprise": application.enterprise, "person": application.person}
    if grants.already_granted(item=application.item, period=application.period, **beneficiary):
        raise ValidationError(_("This policy has already been granted for this period."))
    with transaction.atomic():
        event = transition(
            application,
            "pay",
            actor=actor,
            data={"on": paid_on, "amount": paid, "reference": reference},
            fields={"paid_on": paid_on, "payment_reference": reference.strip()},
        )
        grants.grant_record(
            item=application.item,
            enterprise=application.enterprise,
            person=application.person,
            street_id=application.street_id,
            period=application.period,
            amount=paid,
            granted_on=paid_on,
            channel=GrantChannel.APPLICATION,
            application=application,
        )
        clocks.clock_stop(case=application, name=PAYOUT_CLOCK, on=paid_on, actor=actor)
        if application.match is not None:
            matching.match_mark_decided(application.match, granted=True)
    return event


def paid_amount(application: PolicyApplication) -> Decimal | None:
    grant = getattr(application, "grant", None)
    return grant.amount if grant is not None else None
