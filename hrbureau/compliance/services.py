"""Writes of employer compliance: the register of penalties and incidents, the yearly grading and the
honest employer list's public notice, objections and publication (DOMAIN.md §5), and compliance
trainings and expert consultations (会诊) with attendance. Each write checks the actor's permission,
validates its input (a translated ValidationError naming the field) and writes all or nothing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.compliance.choices import (
    EvaluationState,
    EventKind,
    Grade,
    ObjectionDecision,
    RecordKind,
    TimeLimitKey,
)
from hrbureau.compliance.models import (
    Attendance,
    ComplianceEvent,
    EmployerGrade,
    Evaluation,
    LabourRecord,
    LegalExpert,
    Objection,
)
from hrbureau.compliance.rules import CRITERIA_RULE, GRADED_STATUSES, SUBJECT, grade_of, limit_in_force
from hrbureau.compliance.workflows import WORKFLOW
from hrbureau.core import rules
from hrbureau.core.workflow import TransitionError, create_case, transition
from hrbureau.enterprises.models import Enterprise


def _require(actor: Any, permission: str = "compliance.evaluate_employers") -> None:
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
    # Stored as it is read, beside the rule's Chinese name: Chinese brackets.
    criteria = f"{rule.name}（{rule.valid_from.isoformat()}）"[:300]
    if evaluation is None:
        evaluation = Evaluation(year=year, created_by=actor, criteria=criteria)
        create_case(evaluation, actor=actor, data={"year": year})
    else:
        # Graded again: a step of the case like any other (version-checked, on its timeline).
        transition(evaluation, "regrade", actor=actor, fields={"criteria": criteria, "created_by": actor})
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


@WORKFLOW.performs("regrade", case="evaluation")
def evaluation_regrade(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """Grade the draft's year again (records corrected meanwhile count)."""
    return evaluation_run(actor=actor, year=evaluation.year)


@WORKFLOW.performs("notice", case="evaluation")
def notice_start(
    *, actor: Any, evaluation: Evaluation, notice_from: dt.date | None, notice_to: dt.date | None
) -> Evaluation:
    """Put the list on public notice for at least the configured period (5 working days by default)."""
    _require(actor)
    if evaluation.state != EvaluationState.DRAFT:  # the state refuses the step (409), not the input
        raise TransitionError(_("Only a list that is not yet on notice can be put on notice."))
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
    transition(
        evaluation,
        "notice",
        actor=actor,
        data={"notice_from": notice_from, "notice_to": notice_to},
        fields={"notice_from": notice_from, "notice_to": notice_to},
    )
    return evaluation


@WORKFLOW.performs("object", case="evaluation")
@transaction.atomic
def objection_record(
    *,
    actor: Any,
    grade: EmployerGrade,
    raised_by: str,
    content: str,
    contact: str = "",
    received_on: dt.date | None = None,
    evaluation: Evaluation | None = None,
) -> Objection:
    """Record an objection to a name on the list while it is on notice (a step on the list's timeline)."""
    _require(actor)
    if evaluation is None:
        evaluation = grade.evaluation
    elif grade.evaluation_id != evaluation.pk:
        raise ValidationError({"grade": [_("Choose the name the objection is about.")]})
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
    objection = Objection.objects.create(
        grade=grade,
        raised_by=raised_by.strip()[:100],
        contact=contact.strip()[:100],
        content=content.strip(),
        received_on=day,
    )
    transition(
        evaluation,
        "object",
        actor=actor,
        reason=objection.content,
        data={"objection": objection.pk, "enterprise": grade.enterprise_id, "on": day},
    )
    return objection


@WORKFLOW.performs("decide", case="evaluation")
@transaction.atomic
def objection_decide(
    *, actor: Any, objection: Objection, upheld: bool, reply: str, evaluation: Evaluation | None = None
) -> Objection:
    """Decide an objection with a reply; an upheld one takes the enterprise off the list."""
    _require(actor)
    if evaluation is None:
        evaluation = objection.grade.evaluation
    elif objection.grade.evaluation_id != evaluation.pk:
        raise ValidationError({"objection": [_("Choose an objection to this list.")]})
    if objection.decision != ObjectionDecision.PENDING:
        raise ValidationError({"decision": [_("This objection is already decided.")]})
    if evaluation.state != EvaluationState.NOTICE:
        raise ValidationError({"decision": [_("The list is no longer on notice.")]})
    if not reply.strip():
        raise ValidationError({"reply": [_("Write the reply to the objection.")]})
    decision = ObjectionDecision.UPHELD if upheld else ObjectionDecision.REJECTED
    # The step first: its guard sees the objection still pending.
    transition(
        evaluation,
        "decide",
        actor=actor,
        reason=reply.strip(),
        data={"objection": objection.pk, "decision": decision},
    )
    objection.decision = decision
    objection.reply, objection.decided_on, objection.decided_by = reply.strip(), timezone.localdate(), actor
    objection.save(update_fields=["decision", "reply", "decided_on", "decided_by", "updated_at"])
    if upheld:
        EmployerGrade.objects.filter(pk=objection.grade_id).update(withdrawn=True)
    return objection


@WORKFLOW.performs("publish", case="evaluation")
def evaluation_publish(*, actor: Any, evaluation: Evaluation) -> Evaluation:
    """Publish the list once the notice is over and every objection decided (the transition's guard
    says which is missing). The event names who published it and how many names it held."""
    _require(actor)
    listed = evaluation.grades.filter(candidate=True, withdrawn=False).count()
    transition(
        evaluation,
        "publish",
        actor=actor,
        data={"listed": listed},
        fields={"published_on": timezone.localdate()},
    )
    return evaluation


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
    _require(actor, "compliance.add_labourrecord")
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


# --- trainings and consultations -------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    held_on: dt.date | None,
    place: str = "",
    expert_ids: Sequence[int] = (),
    enterprise_ids: Sequence[int] = (),
    notes: str = "",
) -> ComplianceEvent:
    """A training (any number of enterprises) or a consultation (one enterprise, at least one expert)."""
    _require(actor, "compliance.manage_compliance")
    errors: dict[str, list[str]] = {}
    if kind not in EventKind.values:
        errors["kind"] = [_("Choose a training or a consultation.")]
    if not title.strip():
        errors["title"] = [_("Give the event a title.")]
    if held_on is None:
        errors["held_on"] = [_("Give the date.")]
    experts = list(LegalExpert.objects.filter(pk__in=set(expert_ids), active=True))
    enterprises = list(Enterprise.objects.filter(pk__in=set(enterprise_ids)))
    if len(experts) != len(set(expert_ids)):
        errors["experts"] = [_("Choose experts of the pool who are active.")]
    if len(enterprises) != len(set(enterprise_ids)):
        errors["enterprises"] = [_("Some enterprises were not found.")]
    if kind == EventKind.CONSULTATION:
        if not experts:
            errors.setdefault("experts", []).append(_("A consultation needs at least one expert."))
        if len(enterprises) != 1:
            errors.setdefault("enterprises", []).append(_("A consultation is about one enterprise."))
    elif kind == EventKind.TRAINING and not enterprises:
        errors.setdefault("enterprises", []).append(_("Invite at least one enterprise."))
    if errors or held_on is None:
        raise ValidationError(errors)
    event = ComplianceEvent.objects.create(
        kind=kind,
        title=title.strip()[:200],
        held_on=held_on,
        place=place.strip()[:200],
        notes=notes.strip(),
        created_by=actor,
    )
    event.experts.set(experts)
    Attendance.objects.bulk_create(Attendance(event=event, enterprise=e) for e in enterprises)
    return event


def attendance_mark(*, actor: Any, event: ComplianceEvent, attended: Iterable[int]) -> int:
    """Record who came (enterprise ids among the invited); only once the event has taken place."""
    _require(actor, "compliance.manage_compliance")
    if event.held_on > timezone.localdate():
        raise ValidationError({"attended": [_("Attendance is recorded once the event has taken place.")]})
    came = set(attended)
    invited = set(event.attendance.values_list("enterprise_id", flat=True))
    if not came <= invited:
        raise ValidationError({"attended": [_("Only invited enterprises can have attended.")]})
    with transaction.atomic():
        event.attendance.update(attended=False)
        return event.attendance.filter(enterprise_id__in=came).update(attended=True)
