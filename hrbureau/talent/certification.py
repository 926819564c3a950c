"""Services of talent intake (人才引进入户) and high-level talent certification (区高层次人才认定).

Each action is a service on the workflow core (``@WORKFLOW.performs``), taken from the case page and the
API alike. Certificate numbers are gap-free and sequential per year (``core.counters``), in the bureau's
document style: 区高层次人才〔2026〕第0001号.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import counters, periodic, rules
from hrbureau.core.attachments import attachment_add
from hrbureau.core.workflow import SYSTEM, create_case, transition
from hrbureau.enterprises.models import Enterprise
from hrbureau.talent.certification_choices import CertificationState, EvidenceKind, IntakeState
from hrbureau.talent.certification_models import (
    Certification,
    CertificationEvidence,
    ExpertReview,
    IntakeApplication,
    TalentCategory,
)
from hrbureau.talent.certification_rules import CANDIDATE_SUBJECT
from hrbureau.talent.certification_workflows import CERTIFICATION_WORKFLOW, INTAKE_WORKFLOW

CS = CertificationState
IS = IntakeState
OPEN_INTAKE = (IS.SUBMITTED, IS.SUPPLEMENT, IS.REVIEWED, IS.APPROVED)
OPEN_CERTIFICATION = (CS.SUBMITTED, CS.EXPERT_REVIEW, CS.REVIEWED)
CERTIFICATE_FORMAT = "区高层次人才〔{year}〕第{n:04d}号"


def age_on(birth_date: dt.date | None, on: dt.date) -> int | None:
    if birth_date is None:
        return None
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February becomes 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def employer_by_uscc(uscc: str) -> Enterprise | None:
    """The employer a person names by its USCC (empty: none); an unknown USCC is an error."""
    code = (uscc or "").strip().upper()
    if not code:
        return None
    employer = Enterprise.objects.filter(uscc=code).first()
    if employer is None:
        raise ValidationError({"employer_uscc": [_("No enterprise with this USCC.")]})
    return employer


# --- talent intake ------------------------------------------------------------------------------------


def intake_submit(
    *,
    actor: Any,
    person: Any,
    basis: str,
    qualification: str,
    employer: Enterprise | None = None,
    family_members: int = 0,
    statement: str = "",
    materials: list[Any] | None = None,
    on: dt.date | None = None,
) -> IntakeApplication:
    """File a talent intake application for ``person``: one open application at a time."""
    on = on or timezone.localdate()
    if not (qualification or "").strip():
        raise ValidationError({"qualification": [_("Say which degree, title or skill level.")]})
    with transaction.atomic():
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        if IntakeApplication.objects.filter(person=person, state__in=OPEN_INTAKE).exists():
            raise ValidationError(_("You already have a talent intake application in progress."))
        number = counters.next_value(f"talent-intake-{on.year}")
        application = IntakeApplication(
            number=f"YJ{on.year}{number:06d}",
            person=person,
            employer=employer,
            street_id=person.street_id,
            basis=basis,
            qualification=qualification.strip(),
            family_members=family_members or 0,
            statement=statement,
            submitted_on=on,
            filed_by=actor
            if getattr(actor, "is_authenticated", False) and actor.person_id != person.pk
            else None,
        )
        event = create_case(application, actor=actor, data={"on": on})
        for upload in materials or []:
            attachment_add(case=application, upload=upload, actor=actor, event=event)
    return application


@INTAKE_WORKFLOW.performs("review", case="application")
def intake_review(*, actor: Any, application: IntakeApplication, opinion: str = "") -> Any:
    return transition(application, "review", actor=actor, reason=opinion, fields={"reviewed_by_id": actor.pk})


@INTAKE_WORKFLOW.performs("approve", case="application")
def intake_approve(
    *, actor: Any, application: IntakeApplication, opinion: str = "", on: dt.date | None = None
) -> Any:
    on = on or timezone.localdate()
    return transition(
        application,
        "approve",
        actor=actor,
        reason=opinion,
        fields={"approved_by_id": actor.pk, "approved_on": on},
    )


@INTAKE_WORKFLOW.performs("register", case="application")
def intake_register(
    *,
    actor: Any,
    application: IntakeApplication,
    registration_number: str,
    registered_on: dt.date | None = None,
) -> Any:
    """Record the public-security side's acceptance of the household move: its date and number."""
    registered_on = registered_on or timezone.localdate()
    number = (registration_number or "").strip()
    if not number:
        raise ValidationError({"registration_number": [_("The acceptance number is needed.")]})
    if registered_on < (application.approved_on or application.submitted_on):
        raise ValidationError({"registered_on": [_("The acceptance cannot come before the approval.")]})
    return transition(
        application,
        "register",
        actor=actor,
        data={"on": registered_on, "number": number},
        fields={"registered_on": registered_on, "registration_number": number},
    )


@INTAKE_WORKFLOW.performs("request_supplement", case="application")
def intake_request_supplement(*, actor: Any, application: IntakeApplication, reason: str) -> Any:
    return transition(
        application, "request_supplement", actor=actor, reason=reason, fields={"reviewed_by_id": None}
    )


@INTAKE_WORKFLOW.performs("resubmit", case="application")
def intake_resubmit(
    *, actor: Any, application: IntakeApplication, statement: str = "", materials: list[Any] | None = None
) -> Any:
    with transaction.atomic():
        event = transition(application, "resubmit", actor=actor, reason=statement)
        for upload in materials or []:
            attachment_add(case=application, upload=upload, actor=actor, event=event)
    return event


INTAKE_WORKFLOW.performs_plainly("refuse", "withdraw", "withdraw_at_counter")


# --- certification: filing ----------------------------------------------------------------------------


def renewal_refusal(previous: Certification, *, on: dt.date) -> str | None:
    """Why ``previous`` cannot be renewed on ``on`` (None: it can): it must be certified, the day within
    its category's window before the end of its validity, and no renewal of it open or granted."""
    if previous.state != CS.CERTIFIED or previous.valid_until is None:
        return _("Only a certificate in force can be renewed.")
    window = previous.category.renewal_window_days
    opens = previous.valid_until - dt.timedelta(days=window)
    if on < opens:
        return _("A renewal may be filed from %(opens)s (%(days)d days before the certificate ends).") % {
            "opens": opens.isoformat(),
            "days": window,
        }
    if on > previous.valid_until:
        return _("The certificate has ended; apply anew.")
    if previous.renewals.exclude(state__in=[CS.REFUSED, CS.WITHDRAWN]).exists():
        return _("This certificate already has a renewal application.")
    return None


def certification_submit(
    *,
    actor: Any,
    person: Any,
    category: TalentCategory,
    employer: Enterprise | None = None,
    annual_salary: Decimal | None = None,
    annual_tax: Decimal | None = None,
    statement: str = "",
    evidence: list[tuple[str, str, Any]] | None = None,
    renewal_of: Certification | None = None,
    on: dt.date | None = None,
) -> Certification:
    """File a certification application; ``evidence`` is a list of (kind, description, upload or None).
    One open application per person and category; a renewal only within its window."""
    on = on or timezone.localdate()
    if not category.active:
        raise ValidationError(_("This category no longer accepts applications."))
    if renewal_of is not None:
        if renewal_of.person_id != person.pk:
            raise ValidationError(_("Only the certified person may renew the certificate."))
        refusal = renewal_refusal(renewal_of, on=on)
        if refusal:
            raise ValidationError(refusal)
    kinds = set(EvidenceKind.values)
    for kind, _description, _upload in evidence or []:
        if kind not in kinds:
            raise ValidationError({"evidence_kind": [_("Unknown kind of evidence.")]})
    with transaction.atomic():
        type(person).objects.select_for_update().filter(pk=person.pk).first()
        if Certification.objects.filter(
            person=person, category=category, state__in=OPEN_CERTIFICATION
        ).exists():
            raise ValidationError(_("An application for this category is already in progress."))
        number = counters.next_value(f"talent-certification-{on.year}")
        certification = Certification(
            number=f"RD{on.year}{number:06d}",
            person=person,
            employer=employer,
            street_id=person.street_id,
            category=category,
            renewal_of=renewal_of,
            submitted_on=on,
            age=age_on(person.birth_date, on),
            annual_salary=annual_salary,
            annual_tax=annual_tax,
            statement=statement,
            filed_by=actor
            if getattr(actor, "is_authenticated", False) and actor.person_id != person.pk
            else None,
        )
        event = create_case(certification, actor=actor, data={"on": on})
        for kind, description, upload in evidence or []:
            evidence_add(
                certification=certification,
                kind=kind,
                description=description,
                upload=upload,
                actor=actor,
                event=event,
            )
    return certification


def evidence_add(
    *,
    certification: Certification,
    kind: str,
    description: str = "",
    upload: Any = None,
    actor: Any,
    event: Any = None,
) -> CertificationEvidence:
    """One piece of evidence, its file stored and checked as every case file is (``core.attachments``)."""
    stored = attachment_add(case=certification, upload=upload, actor=actor, event=event) if upload else None
    return CertificationEvidence.objects.create(
        certification=certification, kind=kind, description=description, attachment=stored
    )


# --- certification: criteria, experts, decision -------------------------------------------------------


def criteria_check(certification: Certification) -> tuple[bool, dict[str, Any], list[str]]:
    """Whether the candidate meets the category's criteria, the trace kept with the decision, and the
    conditions failed in plain words. The candidate is loaded through the rules subject."""
    condition = certification.category.criteria or {}
    if not condition:
        return True, {}, []
    validated = rules.validate(CANDIDATE_SUBJECT, condition)
    loaded = (
        rules.subject(CANDIDATE_SUBJECT)
        .queryset(condition=validated)
        .select_related("person", "employer", "employer__street")
        .get(pk=certification.pk)
    )
    trace = rules.trace(CANDIDATE_SUBJECT, validated, loaded)
    failed = [
        line["text"]
        for line in rules.lines(CANDIDATE_SUBJECT, trace)
        if not line["met"] and line["depth"] > 0
    ]
    if not trace["met"] and not failed:
        failed = [line["text"] for line in rules.lines(CANDIDATE_SUBJECT, trace) if not line["met"]]
    return bool(trace["met"]), trace, failed


@CERTIFICATION_WORKFLOW.performs("send_to_experts", case="certification")
def certification_send_to_experts(*, actor: Any, certification: Certification, experts: Any) -> Any:
    """Check the criteria by the rules; unmet, the application is refused with the conditions it fails
    (no override); met, it goes to the experts (exactly as many as the category asks, each once)."""
    met, trace, failed = criteria_check(certification)
    if not met:
        reason = _("The criteria of the category are not met: %(failed)s") % {"failed": "；".join(failed)}
        return transition(
            certification,
            "criteria_unmet",
            actor=actor,
            reason=reason,
            data={"criteria": trace},
            fields={"criteria_trace": trace},
        )
    chosen = list(dict.fromkeys(experts or []))
    needed = certification.category.experts_required
    if len(chosen) != needed:
        raise ValidationError({"experts": [_("Choose %(n)d experts.") % {"n": needed}]})
    if any(e.pk == certification.filed_by_id for e in chosen):
        raise ValidationError({"experts": [_("The person who filed the application cannot score it.")]})
    with transaction.atomic():
        event = transition(
            certification,
            "send_to_experts",
            actor=actor,
            data={"experts": [e.pk for e in chosen]},
            fields={"criteria_trace": trace, "sent_by_id": actor.pk},
        )
        ExpertReview.objects.bulk_create(ExpertReview(certification=certification, expert=e) for e in chosen)
    return event


def pending_review(certification: Certification, expert: Any) -> ExpertReview | None:
    return ExpertReview.objects.filter(
        certification=certification, expert_id=getattr(expert, "pk", None), score__isnull=True
    ).first()


def mean_score(scores: list[int]) -> Decimal:
    return (Decimal(sum(scores)) / Decimal(len(scores))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@CERTIFICATION_WORKFLOW.performs("score", case="certification")
def certification_score(
    *, actor: Any, certification: Certification, score: int, opinion: str, on: dt.date | None = None
) -> Any:
    """An assigned expert's score; the last one closes the review: the mean against the pass mark."""
    on = on or timezone.localdate()
    if score is None or not 0 <= int(score) <= 100:
        raise ValidationError({"score": [_("A score from 0 to 100.")]})
    with transaction.atomic():
        event = transition(certification, "score", actor=actor, reason=opinion, data={"score": int(score)})
        updated = ExpertReview.objects.filter(
            certification=certification, expert=actor, score__isnull=True
        ).update(score=int(score), opinion=opinion, scored_on=on, updated_at=timezone.now())
        if updated != 1:
            raise ValidationError(_("You have already scored this application."))
        reviews = list(
            ExpertReview.objects.filter(certification=certification).values_list("score", flat=True)
        )
        if all(s is not None for s in reviews):
            mean = mean_score([int(s) for s in reviews])  # type: ignore[arg-type]
            passed = mean >= certification.category.pass_mark
            transition(
                certification,
                "experts_done",
                actor=actor,
                data={"mean": mean, "pass_mark": certification.category.pass_mark, "passed": passed},
                fields={"expert_mean": mean, "experts_passed": passed},
            )
    return event


def decision_refusal(certification: Certification, actor: Any, *, certify: bool) -> str | None:
    """Why ``actor`` may not decide now (None: they may): the one who sent it to the experts, an expert
    who scored it or the clerk who filed it never decides it; only a passing mean is certified."""
    if certify and not certification.experts_passed:
        return _("The experts' mean is below the pass mark: the application cannot be certified.")
    if actor is None:
        return None
    if certification.sent_by_id == actor.pk:
        return _("You sent this application to the experts; another person decides it.")
    if certification.filed_by_id == actor.pk:
        return _("You filed this application; another person decides it.")
    if ExpertReview.objects.filter(certification=certification, expert=actor).exists():
        return _("You scored this application as an expert; another person decides it.")
    return None


def certificate_number(year: int) -> str:
    return CERTIFICATE_FORMAT.format(year=year, n=counters.next_value(f"talent-certificate-{year}"))


@CERTIFICATION_WORKFLOW.performs("certify", case="certification")
def certification_certify(
    *, actor: Any, certification: Certification, opinion: str = "", on: dt.date | None = None
) -> Any:
    """Certify: the next certificate number of the year, valid from the decision (or, for a renewal, from
    the day after the previous certificate ends) for the category's years."""
    on = on or timezone.localdate()
    previous = certification.renewal_of
    valid_from = on
    if previous is not None and previous.valid_until is not None and previous.valid_until >= on:
        valid_from = previous.valid_until + dt.timedelta(days=1)
    valid_until = add_years(valid_from, certification.category.validity_years) - dt.timedelta(days=1)
    with transaction.atomic():
        number = certificate_number(on.year)
        return transition(
            certification,
            "certify",
            actor=actor,
            reason=opinion,
            data={"on": on, "certificate": number, "valid_until": valid_until},
            fields={
                "decided_by_id": actor.pk,
                "decided_on": on,
                "decision_reason": opinion,
                "certificate_number": number,
                "valid_from": valid_from,
                "valid_until": valid_until,
            },
        )


@CERTIFICATION_WORKFLOW.performs("refuse", case="certification")
def certification_refuse(*, actor: Any, certification: Certification, reason: str) -> Any:
    return transition(
        certification,
        "refuse",
        actor=actor,
        reason=reason,
        fields={"decided_by_id": actor.pk, "decided_on": timezone.localdate(), "decision_reason": reason},
    )


CERTIFICATION_WORKFLOW.performs_plainly("withdraw", "withdraw_at_counter")


def certifications_expire(today: dt.date) -> str | None:
    """The nightly sweep: every certificate whose validity ended before ``today`` expires."""
    ended = Certification.objects.filter(state=CS.CERTIFIED, valid_until__lt=today)
    count = 0
    for certification in ended.iterator():
        transition(certification, "expire", actor=SYSTEM, data={"on": today})
        count += 1
    return f"{count} certificates expired" if count else None


periodic.register("talent.certifications_expire", certifications_expire)


# --- reads --------------------------------------------------------------------------------------------


def assigned_to(user: Any) -> Any:
    """The certifications ``user`` is an expert on, the ones still to score first."""
    return (
        Certification.objects.filter(expert_reviews__expert=user)
        .select_related("category", "person")
        .order_by("state", "-id")
    )


def renewable(user: Any, *, on: dt.date | None = None) -> list[Certification]:
    """The person's certificates they may renew today."""
    on = on or timezone.localdate()
    rows = Certification.objects.for_user(user).filter(state=CS.CERTIFIED).select_related("category")
    return [c for c in rows if renewal_refusal(c, on=on) is None]


def visible(user: Any) -> Any:
    return Certification.objects.for_user(user)
