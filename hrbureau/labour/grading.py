"""The yearly labour-compliance grades and the law-abiding honest employer list (DOMAIN.md §5).

Grades follow the MOHRSS 2016 rating on one year's record: **C** if any of — penalised 3 or more times,
a mass or extreme incident, child or forced labour, ignoring an order or a penalty, obstructing
inspectors, criminal liability; else **B** if penalised at all; else **A**. The district's list is
drawn from grade A with its extra criteria, an admin-editable rule of the shared rules mechanism
(subject ``labour.employer``), published after a public notice during which objections are decided.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import rules
from hrbureau.enterprises.choices import EnterpriseStatus, SizeClass
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import (
    GRADE_C_KINDS,
    OPEN_RISK_STATES,
    PENALTIES_FOR_C,
    EvaluationState,
    Grade,
    ObjectionDecision,
    RecordKind,
    TimeLimitKey,
)
from hrbureau.labour.models import ArrearsFlag, EmployerGrade, Evaluation, LabourRecord, Objection, Risk
from hrbureau.labour.rules import limit_in_force

SUBJECT = "labour.employer"
CRITERIA_RULE = "labour-honest-employer"
THREE_PENALTIES = "penalties_3"
GRADED_STATUSES = (EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL)


def _count(queryset: Any) -> Any:
    return Coalesce(
        Subquery(
            queryset.filter(enterprise=OuterRef("pk"))
            .order_by()
            .values("enterprise")
            .annotate(n=Count("pk"))
            .values("n"),
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _annotate(queryset: Any) -> Any:
    return queryset.annotate(
        open_risks=_count(Risk.objects.filter(state__in=OPEN_RISK_STATES)),
        si_arrears=_count(ArrearsFlag.objects.filter(cleared_on__isnull=True)),
    )


rules.register_subject(
    rules.RuleSubject(
        key=SUBJECT,
        label=gettext_lazy("Enterprise (honest employer criteria)"),
        model=Enterprise,
        annotate=_annotate,
        fields={
            "status": rules.RuleField(
                gettext_lazy("registration status"),
                rules.TEXT,
                "status",
                choices=tuple(EnterpriseStatus.choices),
            ),
            "size_class": rules.RuleField(
                gettext_lazy("size class"), rules.TEXT, "size_class", choices=tuple(SizeClass.choices)
            ),
            "employees": rules.RuleField(gettext_lazy("employees"), rules.NUMBER, "employees"),
            "open_risks": rules.RuleField(gettext_lazy("open labour risks"), rules.NUMBER, "open_risks"),
            "si_arrears": rules.RuleField(
                gettext_lazy("open social-insurance arrears flags"), rules.NUMBER, "si_arrears"
            ),
            "risk_score": rules.RuleField(gettext_lazy("risk score"), rules.NUMBER, "risk_score__total"),
        },
    )
)


def grade_of(penalties: int, kinds: Iterable[str]) -> tuple[str, list[str]]:
    """The grade for a year with ``penalties`` penalties and records of ``kinds``, and the grade-C
    findings that decided it (empty unless C)."""
    findings = sorted({k for k in kinds if k in GRADE_C_KINDS})
    if penalties >= PENALTIES_FOR_C:
        findings.append(THREE_PENALTIES)
    if findings:
        return Grade.C, findings
    return (Grade.B if penalties else Grade.A), []


def finding_label(code: str) -> str:
    if code == THREE_PENALTIES:
        return _("penalised %(n)d or more times") % {"n": PENALTIES_FOR_C}
    return str(RecordKind(code).label) if code in RecordKind.values else code


def _require(actor: Any, permission: str = "labour.evaluate_employers") -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(permission)


@transaction.atomic
def evaluation_run(*, actor: Any, year: Any) -> Evaluation:
    """Grade every operating enterprise on ``year``'s record (a past year) and mark the list's candidates.
    Run again while still a draft, it grades afresh (records corrected meanwhile count)."""
    _require(actor)
    today = timezone.localdate()
    text = str(year).strip()
    if not text.isdigit() or not 2000 <= int(text) < today.year:
        raise ValidationError(
            {"year": [_("Grade a past year (2000 to %(last)d).") % {"last": today.year - 1}]}
        )
    year = int(text)
    evaluation = Evaluation.objects.select_for_update().filter(year=year).first()
    if evaluation is not None and evaluation.state != EvaluationState.DRAFT:
        raise ValidationError(
            {"year": [_("The list of %(year)d is already on notice or published.") % {"year": year}]}
        )
    rule = rules.rule_in_force(CRITERIA_RULE, today)
    if evaluation is None:
        evaluation = Evaluation(year=year, state=EvaluationState.DRAFT, created_by=actor)
    # Stored as it is read, beside the rule's Chinese name: Chinese brackets.
    evaluation.criteria = f"{rule.name}（{rule.valid_from.isoformat()}）"[:300]
    evaluation.created_by = actor
    evaluation.save()
    evaluation.grades.all().delete()
    penalties: dict[int, int] = defaultdict(int)
    kinds: dict[int, set[str]] = defaultdict(set)
    for enterprise_id, kind, n in (
        LabourRecord.objects.filter(occurred_on__year=year)
        .order_by()
        .values_list("enterprise_id", "kind")
        .annotate(n=Count("pk"))
    ):
        kinds[enterprise_id].add(kind)
        if kind == RecordKind.PENALTY:
            penalties[enterprise_id] += n
    end = dt.date(year, 12, 31)
    population = (
        Enterprise.objects.filter(status__in=GRADED_STATUSES)
        .filter(Q(registration_date__isnull=True) | Q(registration_date__lte=end))
        .order_by("id")
        .values_list("id", flat=True)
    )
    batch: list[EmployerGrade] = []
    for enterprise_id in population.iterator(chunk_size=5000):
        grade, findings = grade_of(penalties.get(enterprise_id, 0), kinds.get(enterprise_id, ()))
        batch.append(
            EmployerGrade(
                evaluation=evaluation,
                enterprise_id=enterprise_id,
                grade=grade,
                penalties=penalties.get(enterprise_id, 0),
                findings=findings,
            )
        )
        if len(batch) == 5000:
            EmployerGrade.objects.bulk_create(batch)
            batch.clear()
    EmployerGrade.objects.bulk_create(batch)
    graded_a = evaluation.grades.filter(grade=Grade.A).values("enterprise_id")
    meeting = rules.matching(SUBJECT, rule.condition, Enterprise.objects.filter(pk__in=graded_a)).values("pk")
    evaluation.grades.filter(grade=Grade.A, enterprise_id__in=meeting).update(candidate=True)
    return evaluation


def criteria_lines(enterprise: Enterprise, *, on: dt.date | None = None) -> list[dict[str, Any]]:
    """Why an enterprise does or does not meet the district's criteria, worded for the page."""
    rule = rules.rule_in_force(CRITERIA_RULE, on or timezone.localdate())
    loaded = rules.subject(SUBJECT).queryset().select_related("risk_score").get(pk=enterprise.pk)
    return rules.lines(SUBJECT, rules.trace(SUBJECT, rule.condition, loaded))


def notice_start(
    *, actor: Any, evaluation: Evaluation, notice_from: dt.date | None, notice_to: dt.date | None
) -> Evaluation:
    """Put the list on public notice for at least the configured period (5 working days by default)."""
    _require(actor)
    if evaluation.state != EvaluationState.DRAFT:
        raise ValidationError({"state": [_("Only a list that is not yet on notice can be put on notice.")]})
    if notice_from is None or notice_to is None:
        raise ValidationError({"notice_from": [_("Give the first and the last day of the notice.")]})
    if notice_from < timezone.localdate():
        raise ValidationError({"notice_from": [_("The notice cannot start in the past.")]})
    limit = limit_in_force(TimeLimitKey.NOTICE, notice_from)
    if notice_to < limit.due_from(notice_from - dt.timedelta(days=1)):
        raise ValidationError(
            {
                "notice_to": [
                    _("The notice lasts at least %(days)d %(kind)s.")
                    % {"days": limit.days, "kind": limit.get_day_kind_display()}
                ]
            }
        )
    evaluation.state, evaluation.notice_from, evaluation.notice_to = (
        EvaluationState.NOTICE,
        notice_from,
        notice_to,
    )
    evaluation.save(update_fields=["state", "notice_from", "notice_to", "updated_at"])
    return evaluation


def objection_record(
    *,
    actor: Any,
    grade: EmployerGrade,
    raised_by: str,
    content: str,
    contact: str = "",
    received_on: dt.date | None = None,
) -> Objection:
    _require(actor)
    evaluation = grade.evaluation
    day = received_on or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if evaluation.state != EvaluationState.NOTICE or not grade.candidate:
        errors["grade"] = [_("Objections are taken to names on a list while it is on notice.")]
    elif (
        evaluation.notice_from
        and evaluation.notice_to
        and not evaluation.notice_from <= day <= evaluation.notice_to
    ):
        errors["received_on"] = [_("The objection must be received during the notice.")]
    if day > timezone.localdate():
        errors["received_on"] = [_("The day cannot be in the future.")]
    if not raised_by.strip():
        errors["raised_by"] = [_("Say who raised the objection.")]
    if not content.strip():
        errors["content"] = [_("Write down the objection.")]
    if errors:
        raise ValidationError(errors)
    return Objection.objects.create(
        grade=grade,
        raised_by=raised_by.strip()[:100],
        contact=contact.strip()[:100],
        content=content.strip(),
        received_on=day,
    )


@transaction.atomic
def objection_decide(*, actor: Any, objection: Objection, upheld: bool, reply: str) -> Objection:
    """Decide an objection with a reply; an upheld one takes the enterprise off the list."""
    _require(actor)
    if objection.decision != ObjectionDecision.PENDING:
        raise ValidationError({"decision": [_("This objection is already decided.")]})
    if objection.grade.evaluation.state != EvaluationState.NOTICE:
        raise ValidationError({"decision": [_("The list is no longer on notice.")]})
    if not reply.strip():
        raise ValidationError({"reply": [_("Write the reply to the objection.")]})
    objection.decision = ObjectionDecision.UPHELD if upheld else ObjectionDecision.REJECTED
    objection.reply, objection.decided_on, objection.decided_by = reply.strip(), timezone.localdate(), actor
    objection.save(update_fields=["decision", "reply", "decided_on", "decided_by", "updated_at"])
    if upheld:
        EmployerGrade.objects.filter(pk=objection.grade_id).update(withdrawn=True)
    return objection


def publish(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """Publish the list once the notice is over and every objection decided."""
    _require(actor)
    today = timezone.localdate()
    if evaluation.state != EvaluationState.NOTICE or evaluation.notice_to is None:
        raise ValidationError({"state": [_("A list is published after its public notice.")]})
    if today <= evaluation.notice_to:
        raise ValidationError(
            {"state": [_("The notice runs until %(day)s.") % {"day": evaluation.notice_to.isoformat()}]}
        )
    pending = Objection.objects.filter(
        grade__evaluation=evaluation, decision=ObjectionDecision.PENDING
    ).count()
    if pending:
        raise ValidationError({"state": [_("Decide the %(n)d pending objection(s) first.") % {"n": pending}]})
    evaluation.state, evaluation.published_on = EvaluationState.PUBLISHED, today
    evaluation.save(update_fields=["state", "published_on", "updated_at"])
    return evaluation


def honest_list(evaluation: Evaluation) -> Any:
    """The names on the list: graded A, meeting the district's criteria, not taken off after an objection."""
    return evaluation.grades.filter(candidate=True, withdrawn=False).select_related("enterprise")


def record_add(
    *,
    actor: Any,
    enterprise: Enterprise | None,
    kind: str,
    occurred_on: dt.date | None,
    description: str,
    decision_no: str = "",
) -> LabourRecord:
    """Enter a penalty or an incident in the register the grades are evaluated from."""
    _require(actor, "labour.add_labourrecord")
    errors: dict[str, list[str]] = {}
    if enterprise is None:
        errors["enterprise"] = [_("Give the enterprise's USCC.")]
    if kind not in RecordKind.values:
        errors["kind"] = [_("Choose the kind of record.")]
    if occurred_on is None:
        errors["occurred_on"] = [_("Give the date.")]
    elif occurred_on > timezone.localdate():
        errors["occurred_on"] = [_("The day cannot be in the future.")]
    if not description.strip():
        errors["description"] = [_("Describe what happened.")]
    if errors or enterprise is None or occurred_on is None:
        raise ValidationError(errors)
    return LabourRecord.objects.create(
        enterprise=enterprise,
        kind=kind,
        occurred_on=occurred_on,
        description=description.strip(),
        decision_no=decision_no.strip()[:100],
        recorded_by=actor,
    )
