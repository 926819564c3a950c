"""Subsidy applications on the workflow core (DOMAIN.md §5, issue 18): submission (portal or counter),
the employer's confirmation, the scheme's approval levels (maker ≠ checker), supplements, refusal,
withdrawal, the public notice with its objections, and approval, which writes the instalments
(``amounts.schedule``). Each action is a service (``@SUBSIDY_WORKFLOW.performs``), taken from the case
page, the portal and the API alike.

One subsidy per person per scheme whatever the channel: the person's row is locked while a submission
checks for a live application (the database constraint ``talent_subsidy_once`` holds it too), and a
person holding a live application of a scheme this one excludes is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import Role
from hrbureau.core import calendar, counters
from hrbureau.core.workflow import SYSTEM, create_case, transition
from hrbureau.people.models import Person
from hrbureau.talent import amounts, rules
from hrbureau.talent.choices import AmountRule, ApplicationState, Channel
from hrbureau.talent.models import (
    LIVE_APPLICATION,
    SchemeLevel,
    SubsidyApplication,
    SubsidyDecision,
    SubsidyScheme,
)
from hrbureau.talent.subsidy_models import ObjectionOutcome, SubsidyObjection
from hrbureau.talent.workflows import SUBSIDY_WORKFLOW

AS = ApplicationState
APPROVED, REFUSED, CONFIRMED, DECLINED = "approved", "refused", "confirmed", "declined"


# --- reading ---------------------------------------------------------------------------------------


def visible_applications(user: Any) -> QuerySet[SubsidyApplication]:
    """The applications ``user`` may read: staff by their scope, a person their own; an enterprise
    only those naming it as employer of a scheme that asks it to confirm — a record about an employee
    of a scheme that does not ask the employer is not the employer's."""
    rows = SubsidyApplication.objects.for_user(user)
    if getattr(user, "role", None) == Role.ENTERPRISE:
        rows = rows.filter(scheme__employer_confirms=True)
    return rows


def approval_queue(user: Any) -> QuerySet[SubsidyApplication]:
    """The applications waiting at a level the user's role decides, oldest first: in review, with the
    scheme's level numbered one above those approved held by the user's role (one query, on the
    (state, id) index and the level's unique (scheme, number))."""
    level_of_role = SchemeLevel.objects.filter(
        scheme_id=OuterRef("scheme_id"), number=OuterRef("levels_approved") + 1, role=user.role
    )
    return (
        SubsidyApplication.objects.for_user(user)
        .filter(state=AS.IN_REVIEW)
        .filter(Exists(level_of_role))
        .order_by("id")
    )


def open_schemes(on: dt.date | None = None) -> QuerySet[SubsidyScheme]:
    """The active schemes whose window includes ``on`` that a person applies for. The internship
    subsidy is not among them: its applications come from the internships an employer reports
    (``talent.internship``), never from a person's own application."""
    from django.db.models import Q

    on = on or timezone.localdate()
    return (
        SubsidyScheme.objects.filter(active=True)
        .exclude(amount_rule=AmountRule.INTERNSHIP)
        .filter(
            Q(opens_on__isnull=True) | Q(opens_on__lte=on),
            Q(closes_on__isnull=True) | Q(closes_on__gte=on),
        )
    )


# --- guards: why an actor may not take a step now (None: they may) -----------------------------------


def employer_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    if not application.scheme.employer_confirms:
        return _("This scheme does not ask the employer to confirm.")
    if actor is not None and (
        application.employer_id is None or getattr(actor, "enterprise_id", None) != application.employer_id
    ):
        return _("Only the employer named in the application confirms it.")
    return None


def decider_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    """Whether ``actor`` decides the application's current level: they hold its role, did not file the
    application and decided no level of it (maker ≠ checker)."""
    number = application.levels_approved + 1
    level = SchemeLevel.objects.filter(scheme_id=application.scheme_id, number=number).first()
    if level is None:
        return _("The scheme has no approval level %(level)d.") % {"level": number}
    if actor is None:
        return None
    if actor.role != level.role:
        return _("Level %(level)d is decided by: %(role)s.") % {
            "level": number,
            "role": Role(level.role).label,
        }
    if application.filed_by_id == actor.pk:
        return _("You filed this application; another person decides it.")
    # An approved level is a decision; asking for a supplement at this level is not.
    if SubsidyDecision.objects.filter(
        application=application, decided_by=actor, level__gte=1, decision=APPROVED
    ).exists():
        return _("You decided a level of this application; the next level is another person's.")
    return None


def _levels(application: SubsidyApplication) -> int:
    return SchemeLevel.objects.filter(scheme_id=application.scheme_id).count()


def level_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    if application.levels_approved + 1 >= _levels(application):
        return _("This is the last level: approve the application.")
    return decider_refusal(application, actor)


def final_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    if application.levels_approved + 1 < _levels(application):
        return _("Approve level %(level)d first.") % {"level": application.levels_approved + 1}
    if application.scheme.notice_days:
        return _("This scheme publishes a notice before approval.")
    return decider_refusal(application, actor)


def notice_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    if application.levels_approved + 1 < _levels(application):
        return _("Approve level %(level)d first.") % {"level": application.levels_approved + 1}
    if not application.scheme.notice_days:
        return _("This scheme publishes no notice.")
    return decider_refusal(application, actor)


def open_objection_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    if not application.objections.filter(outcome=ObjectionOutcome.OPEN).exists():
        return _("No objection is open.")
    return None


def end_notice_refusal(application: SubsidyApplication, actor: Any) -> str | None:
    today = timezone.localdate()
    if application.notice_ends is not None and today <= application.notice_ends:
        return _("The notice runs until %(day)s.") % {"day": application.notice_ends}
    if application.objections.filter(outcome=ObjectionOutcome.OPEN).exists():
        return _("An objection is open: answer it first.")
    return None


# --- submission -------------------------------------------------------------------------------------


def _submission_refusal(scheme: SubsidyScheme, person: Person, on: dt.date) -> str | None:
    if not scheme.active:
        return _("This scheme is not open for applications.")
    if scheme.opens_on is not None and on < scheme.opens_on:
        return _("Applications to this scheme open on %(day)s.") % {"day": scheme.opens_on}
    if scheme.closes_on is not None and on > scheme.closes_on:
        return _("Applications to this scheme closed on %(day)s.") % {"day": scheme.closes_on}
    live = SubsidyApplication.objects.filter(LIVE_APPLICATION, person=person)
    if live.filter(scheme=scheme).exists():
        return _(
            "This person (ID number) already holds an application for this scheme: one subsidy per "
            "person per scheme."
        )
    excluded = live.filter(scheme__in=scheme.excludes.all()).select_related("scheme").first()
    if excluded is not None:
        return _("This scheme cannot be held together with “%(scheme)s” (application %(number)s).") % {
            "scheme": str(excluded.scheme),
            "number": excluded.number,
        }
    return None


def application_submit(
    *,
    actor: Any,
    scheme: SubsidyScheme,
    person: Person,
    channel: str = Channel.PORTAL,
    employer: Any = None,
    degree: str = "",
    graduated_on: dt.date | None = None,
    months: int | None = None,
    amount: Any = None,
    bank_name: str = "",
    account_name: str = "",
    account_number: str = "",
    statement: str = "",
    on: dt.date | None = None,
) -> SubsidyApplication:
    """File an application of ``person`` for ``scheme`` (on the portal by the person, at the counter by
    staff, by import): within the window, no live application of this scheme nor of one it excludes,
    the amount worked out by the scheme's rule, the scheme's conditions met. It then waits for the
    employer's confirmation where the scheme asks, else is at the first level."""
    on = on or timezone.localdate()
    if getattr(actor, "role", None) == Role.INDIVIDUAL and actor.person_id != person.pk:
        raise PermissionDenied("a person applies for themselves only")
    if scheme.employer_confirms and employer is None:
        raise ValidationError({"employer_uscc": [_("This scheme asks the employer to confirm: name it.")]})
    worked_out = amounts.amount_for(
        scheme, degree=degree, birth_date=person.birth_date, on=on, months=months, given=amount
    )
    with transaction.atomic():
        # The person's row locked: two claims at once (portal and counter) are taken one after the other.
        Person.objects.select_for_update().filter(pk=person.pk).first()
        refusal = _submission_refusal(scheme, person, on)
        if refusal:
            raise ValidationError(refusal)
        number = counters.next_value(f"subsidy-application-{on.year}")
        application = SubsidyApplication(
            number=f"BT{on.year}{number:06d}",
            scheme=scheme,
            person=person,
            employer=employer,
            street_id=person.street_id,
            channel=channel,
            degree=degree,
            graduated_on=graduated_on,
            months=months,
            amount=worked_out,
            bank_name=bank_name,
            account_name=account_name or person.name,
            account_number=account_number,
            statement=statement,
            filed_by=actor if getattr(actor, "is_authenticated", False) else None,
            assigned_unit=scheme.department,
        )
        try:
            with transaction.atomic():
                create_case(application, actor=actor, data={"on": on, "channel": channel})
        except IntegrityError:
            raise ValidationError(
                _("This person (ID number) already holds an application for this scheme.")
            ) from None
        if on != timezone.localdate():
            # The application's day is its creation's (the age on it is what the rules read).
            stamp = timezone.make_aware(dt.datetime.combine(on, dt.time(12)))
            SubsidyApplication.objects.filter(pk=application.pk).update(created_at=stamp)
            application.created_at = stamp
        refusal = rules.refusal(application)
        if refusal:
            raise ValidationError(refusal)
        if not scheme.employer_confirms:
            transition(application, "receive", actor=SYSTEM)
    return application


# --- the steps --------------------------------------------------------------------------------------


def _decide(application: SubsidyApplication, *, actor: Any, level: int, decision: str, reason: str) -> None:
    SubsidyDecision.objects.create(
        application=application, level=level, decision=decision, decided_by=actor, reason=reason
    )


@SUBSIDY_WORKFLOW.performs("employer_confirm", case="application")
def application_employer_confirm(*, actor: Any, application: SubsidyApplication, opinion: str = "") -> Any:
    on = timezone.localdate()
    with transaction.atomic():
        event = transition(
            application, "employer_confirm", actor=actor, reason=opinion, fields={"employer_confirmed_on": on}
        )
        _decide(application, actor=actor, level=0, decision=CONFIRMED, reason=opinion)
    return event


@SUBSIDY_WORKFLOW.performs("employer_decline", case="application")
def application_employer_decline(*, actor: Any, application: SubsidyApplication, reason: str) -> Any:
    with transaction.atomic():
        event = transition(application, "employer_decline", actor=actor, reason=reason)
        _decide(application, actor=actor, level=0, decision=DECLINED, reason=reason)
    return event


def _approve(application: SubsidyApplication, on: dt.date) -> None:
    amounts.schedule(application, on)


@SUBSIDY_WORKFLOW.performs("approve_level", case="application", step="approve_level")
@SUBSIDY_WORKFLOW.performs("approve", case="application", step="approve")
@SUBSIDY_WORKFLOW.performs("approve_to_notice", case="application", step="approve_to_notice")
def application_approve(
    *,
    actor: Any,
    application: SubsidyApplication,
    opinion: str = "",
    step: str = "approve_level",
    on: dt.date | None = None,
) -> Any:
    """Approve the current level (a decision row with who and why). The last level approves the
    application — the instalments are written — or, where the scheme asks, puts it on public notice for
    its working days from the next working day."""
    on = on or timezone.localdate()
    level = application.levels_approved + 1
    fields: dict[str, Any] = {"levels_approved": level}
    if step == "approve":
        fields["approved_on"] = on
    if step == "approve_to_notice":
        fields["notice_starts"] = calendar.add_working_days(on, 1)
        fields["notice_ends"] = calendar.add_working_days(on, application.scheme.notice_days)
    with transaction.atomic():
        event = transition(
            application, step, actor=actor, reason=opinion, data={"level": level}, fields=fields
        )
        _decide(application, actor=actor, level=level, decision=APPROVED, reason=opinion)
        if step == "approve":
            _approve(application, on)
    return event


@SUBSIDY_WORKFLOW.performs("request_supplement", case="application")
def application_request_supplement(*, actor: Any, application: SubsidyApplication, reason: str) -> Any:
    with transaction.atomic():
        event = transition(application, "request_supplement", actor=actor, reason=reason)
        _decide(
            application,
            actor=actor,
            level=application.levels_approved + 1,
            decision="returned",
            reason=reason,
        )
    return event


@SUBSIDY_WORKFLOW.performs("resubmit", case="application")
def application_resubmit(*, actor: Any, application: SubsidyApplication, statement: str) -> Any:
    if application.person_id != getattr(actor, "person_id", None):
        raise ValidationError(_("Only the applicant sends the supplement."))
    return transition(application, "resubmit", actor=actor, reason=statement)


@SUBSIDY_WORKFLOW.performs("refuse", case="application")
def application_refuse(*, actor: Any, application: SubsidyApplication, reason: str) -> Any:
    with transaction.atomic():
        event = transition(application, "refuse", actor=actor, reason=reason)
        _decide(
            application, actor=actor, level=application.levels_approved + 1, decision=REFUSED, reason=reason
        )
    return event


@SUBSIDY_WORKFLOW.performs("withdraw", case="application")
def application_withdraw(*, actor: Any, application: SubsidyApplication, reason: str) -> Any:
    if application.person_id != getattr(actor, "person_id", None):
        raise ValidationError(_("Only the applicant withdraws the application."))
    return transition(application, "withdraw", actor=actor, reason=reason)


@SUBSIDY_WORKFLOW.performs("record_objection", case="application")
def application_record_objection(
    *,
    actor: Any,
    application: SubsidyApplication,
    objector: str,
    content: str,
    contact: str = "",
    received_on: dt.date | None = None,
) -> Any:
    received_on = received_on or timezone.localdate()
    with transaction.atomic():
        event = transition(
            application, "record_objection", actor=actor, reason=content, data={"objector": objector}
        )
        SubsidyObjection.objects.create(
            application=application,
            objector=objector,
            contact=contact,
            content=content,
            received_on=received_on,
            recorded_by=actor,
        )
    return event


def _answer(objection: SubsidyObjection, *, actor: Any, outcome: str, answer: str) -> None:
    objection.outcome, objection.answer = outcome, answer
    objection.answered_on, objection.answered_by = timezone.localdate(), actor
    objection.save(update_fields=["outcome", "answer", "answered_on", "answered_by", "updated_at"])


@SUBSIDY_WORKFLOW.performs("dismiss_objection", case="application", upheld=False)
@SUBSIDY_WORKFLOW.performs("uphold_objection", case="application", upheld=True)
def application_answer_objection(
    *, actor: Any, application: SubsidyApplication, objection: SubsidyObjection, answer: str, upheld: bool
) -> Any:
    """Answer an open objection: upheld, the application is refused; dismissed, it stays on notice."""
    if objection.application_id != application.pk or objection.outcome != ObjectionOutcome.OPEN:
        raise ValidationError(_("Answer an open objection of this application."))
    name = "uphold_objection" if upheld else "dismiss_objection"
    with transaction.atomic():
        event = transition(application, name, actor=actor, reason=answer, data={"objection": objection.pk})
        _answer(
            objection,
            actor=actor,
            outcome=ObjectionOutcome.UPHELD if upheld else ObjectionOutcome.DISMISSED,
            answer=answer,
        )
        if upheld:
            _decide(
                application, actor=actor, level=application.levels_approved, decision=REFUSED, reason=answer
            )
    return event


@SUBSIDY_WORKFLOW.performs("end_notice", case="application")
def application_end_notice(*, actor: Any, application: SubsidyApplication, on: dt.date | None = None) -> Any:
    """The notice ended with no objection open: the application is approved (by staff, or the sweep)."""
    on = on or timezone.localdate()
    name = "end_notice" if actor is not SYSTEM else "notice_ended"
    with transaction.atomic():
        event = transition(application, name, actor=actor, fields={"approved_on": on})
        _approve(application, on)
    return event


def close_notices(today: dt.date) -> str | None:
    """The periodic sweep: applications whose notice ended before ``today`` with no objection open are
    approved."""
    from hrbureau.core.workflow import TransitionError

    rows = (
        SubsidyApplication.objects.filter(state=AS.ON_NOTICE, notice_ends__lt=today)
        .exclude(
            Exists(SubsidyObjection.objects.filter(application=OuterRef("pk"), outcome=ObjectionOutcome.OPEN))
        )
        .select_related("scheme")
    )
    done = 0
    for application in rows.iterator():
        try:
            application_end_notice(actor=SYSTEM, application=application, on=today)
        except TransitionError:  # changed meanwhile: the next sweep sees it again
            continue
        done += 1
    return f"{done} applications approved after their notice" if done else None
