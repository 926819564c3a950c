"""Reads of employer compliance. The grades, the register and the trainings are the labour-relations
department's and leadership's, district-wide (the permissions decide who reads them); the published
honest employer list is public."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet

from hrbureau.compliance.choices import EvaluationState, Grade, ObjectionDecision
from hrbureau.compliance.models import (
    ComplianceEvent,
    EmployerGrade,
    Evaluation,
    LabourRecord,
    LegalExpert,
    Objection,
)
from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.scoping import get_for_user_or_404, scope_queryset
from hrbureau.core.textsearch import TextIndex, substring_filter
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.selectors import normalize_query

# The honest employer list is searched by what it shows: the enterprise's name and USCC (the enterprise
# registry's text index narrows, the substring decides, as everywhere).
NAME_AND_CODE = TextIndex(Enterprise.text_index.table, ("name", "uscc"))


def search_text(raw: str) -> str:
    """A search box's text as searched: trimmed, at most 100 characters, without control characters."""
    return "".join(ch for ch in raw.strip()[:100] if ch.isprintable())


def grades_matching(grades: QuerySet[EmployerGrade], query: str) -> QuerySet[EmployerGrade]:
    """The grades whose enterprise's name or USCC contains ``query`` (exactly a substring scan's answer)."""
    query = normalize_query(search_text(query))
    if not query:
        return grades
    enterprises = substring_filter(Enterprise.objects.all(), NAME_AND_CODE, query)
    return grades.filter(enterprise__in=enterprises.values("pk"))


def enterprise_by_uscc(text: str) -> Enterprise | None:
    """The registered enterprise with the USCC typed (None for an invalid or unknown code)."""
    try:
        return Enterprise.objects.filter(uscc=normalize_uscc(text)).first()
    except ValidationError:
        return None


def enterprises_by_uscc(text: str) -> tuple[list[int], list[str]]:
    """Enterprise ids for the USCCs typed one per line, and the lines that matched none."""
    ids, unknown = [], []
    for line in (t.strip() for t in text.splitlines()):
        if not line:
            continue
        found = enterprise_by_uscc(line)
        if found is None:
            unknown.append(line)
        else:
            ids.append(found.pk)
    return ids, unknown


# --- the register and the grades -----------------------------------------------------------------------


def record_list(*, user: Any) -> QuerySet[LabourRecord]:
    """The register of penalties and incidents ``user`` may read, newest first."""
    return scope_queryset(LabourRecord.objects.select_related("enterprise"), user).order_by(
        "-occurred_on", "-id"
    )


def evaluation_list(*, user: Any) -> QuerySet[Evaluation]:
    """Every year graded, newest first, with its count of each grade and of the names on the list."""
    return (
        scope_queryset(Evaluation.objects.all(), user)
        .annotate(
            a=Count("grades", filter=Q(grades__grade=Grade.A)),
            b=Count("grades", filter=Q(grades__grade=Grade.B)),
            c=Count("grades", filter=Q(grades__grade=Grade.C)),
            listed=Count("grades", filter=Q(grades__candidate=True, grades__withdrawn=False)),
        )
        .order_by("-year")
    )


def evaluation(*, user: Any, pk: int) -> Evaluation:
    """The evaluation, if ``user`` may read it (404, or an audited 403)."""
    return get_for_user_or_404(Evaluation.objects.all(), user, pk=pk)


def evaluation_choices(*, empty: str) -> list[tuple[Any, Any]]:
    """The years graded, newest first, for the grades' filter."""
    return [("", empty), *Evaluation.objects.order_by("-year").values_list("pk", "year")]


def grade_list(*, user: Any) -> QuerySet[EmployerGrade]:
    """The grades of every year ``user`` may read."""
    return scope_queryset(EmployerGrade.objects.all(), user)


def grade_counts(evaluation: Evaluation) -> dict[str, int]:
    return dict(
        EmployerGrade.objects.filter(evaluation=evaluation)
        .order_by()
        .values_list("grade")
        .annotate(n=Count("pk"))
    )


def grade_of_evaluation(evaluation: Evaluation, pk: int) -> EmployerGrade | None:
    return EmployerGrade.objects.filter(evaluation=evaluation, pk=pk).first()


def objections_of(evaluation: Evaluation) -> QuerySet[Objection]:
    """The objections to names on the list, the pending ones first."""
    return (
        Objection.objects.filter(grade__evaluation=evaluation)
        .select_related("grade__enterprise")
        .order_by("decision", "-received_on")
    )


def objection_of_evaluation(evaluation: Evaluation, pk: int) -> Objection | None:
    return Objection.objects.filter(grade__evaluation=evaluation, pk=pk).first()


def pending_objections(evaluation: Evaluation) -> int:
    return Objection.objects.filter(grade__evaluation=evaluation, decision=ObjectionDecision.PENDING).count()


def records_entered_after(evaluation: Evaluation) -> int:
    """Records of the graded year entered after the draft was graded (grading again would count them)."""
    if evaluation.state != EvaluationState.DRAFT:
        return 0
    return LabourRecord.objects.filter(
        occurred_on__year=evaluation.year, created_at__gt=evaluation.updated_at
    ).count()


def honest_list(evaluation: Evaluation) -> QuerySet[EmployerGrade]:
    """The names on the list: graded A, meeting the district's criteria, not taken off after an objection."""
    return evaluation.grades.filter(candidate=True, withdrawn=False).select_related("enterprise")


def public_evaluations() -> QuerySet[Evaluation]:
    """The lists the public sees: on notice or published, newest first."""
    return Evaluation.objects.exclude(state=EvaluationState.DRAFT).order_by("-year")


# --- trainings and consultations -----------------------------------------------------------------------


def event_list(*, user: Any) -> QuerySet[ComplianceEvent]:
    """Trainings and consultations, newest first, each with how many enterprises were invited and came."""
    return (
        scope_queryset(ComplianceEvent.objects.all(), user)
        .annotate(invited=Count("attendance"), came=Count("attendance", filter=Q(attendance__attended=True)))
        .order_by("-held_on", "-id")
    )


def event_figures() -> dict[str, Any]:
    """Events held, enterprises invited and come, and the attendance rate: one grouped query."""
    totals = ComplianceEvent.objects.aggregate(
        events=Count("id", distinct=True),
        invited=Count("attendance"),
        came=Count("attendance", filter=Q(attendance__attended=True)),
    )
    invited, came = totals["invited"], totals["came"]
    return {
        "events": totals["events"],
        "invited": invited,
        "came": came,
        "rate": round(100 * came / invited, 1) if invited else None,
    }


def event(*, user: Any, pk: int) -> ComplianceEvent:
    """The event, if ``user`` may read it (404, or an audited 403)."""
    return get_for_user_or_404(ComplianceEvent.objects.all(), user, pk=pk)


def attendance_of(event: ComplianceEvent) -> list[Any]:
    return list(event.attendance.select_related("enterprise").order_by("enterprise__name"))


def expert_list(*, user: Any) -> QuerySet[LegalExpert]:
    return scope_queryset(LegalExpert.objects.all(), user)
