"""Reads of labour-risk early warning, always through ``for_user`` (a grid worker sees their grid, street
staff their street, the department and leadership the district)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.textsearch import TextIndex, substring_filter
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.selectors import normalize_query
from hrbureau.labour.choices import DONE_RISK_STATES, OPEN_RISK_STATES, RiskState, WarningLevel
from hrbureau.labour.models import (
    EmployerGrade,
    EnterpriseRiskScore,
    Inspection,
    PlanTarget,
    Risk,
    SampleMember,
)

# Each figure of the statistics is a condition over the risks found in the period; its link opens the
# risk list filtered by the same condition, so a figure and its list cannot disagree.
RISK_FIGURES: dict[str, Q] = {
    "found": Q(),
    "resolved": Q(state__in=DONE_RISK_STATES),
    "verified": Q(state=RiskState.VERIFIED),
    "open": Q(state__in=OPEN_RISK_STATES),
    "escalated": Q(escalated=True),
}


@dataclass
class RiskFilters:
    q: str = ""
    state: str = ""
    risk_type: str = ""
    severity: str = ""
    street: int | None = None
    enterprise: int | None = None
    found_from: dt.date | None = None
    found_to: dt.date | None = None
    figure: str = ""
    overdue: bool = False


def risk_list(*, user: Any, filters: RiskFilters | None = None) -> QuerySet[Risk]:
    f = filters or RiskFilters()
    risks = Risk.objects.for_user(user)
    if f.q:
        q = f.q.strip()
        risks = risks.filter(Q(number=q) | Q(enterprise__name__contains=q) | Q(enterprise__uscc=q.upper()))
    if f.state:
        risks = risks.filter(state=f.state)
    if f.risk_type:
        risks = risks.filter(risk_type=f.risk_type)
    if f.severity:
        risks = risks.filter(severity=f.severity)
    if f.street:
        risks = risks.filter(street_id=f.street)
    if f.enterprise:
        risks = risks.filter(enterprise_id=f.enterprise)
    if f.found_from:
        risks = risks.filter(found_on__gte=f.found_from)
    if f.found_to:
        risks = risks.filter(found_on__lte=f.found_to)
    if f.figure:
        risks = risks.filter(RISK_FIGURES[f.figure])
    if f.overdue:
        risks = risks.filter(
            state__in=OPEN_RISK_STATES | {RiskState.RESOLVED}, due_on__lt=timezone.localdate()
        )
    return risks


def risk_detail(*, user: Any, pk: int) -> Risk:
    return get_for_user_or_404(
        Risk.objects.select_related(
            "enterprise", "inspection", "street", "grid", "assigned_unit", "found_by"
        ),
        user,
        pk=pk,
    )


@dataclass
class InspectionFilters:
    q: str = ""
    kind: str = ""
    street: int | None = None
    enterprise: int | None = None
    visited_from: dt.date | None = None
    visited_to: dt.date | None = None
    with_risks: bool | None = None


def inspection_list(*, user: Any, filters: InspectionFilters | None = None) -> QuerySet[Inspection]:
    f = filters or InspectionFilters()
    inspections = Inspection.objects.for_user(user)
    if f.q:
        q = f.q.strip()
        inspections = inspections.filter(Q(enterprise__name__contains=q) | Q(enterprise__uscc=q.upper()))
    if f.kind:
        inspections = inspections.filter(kind=f.kind)
    if f.street:
        inspections = inspections.filter(street_id=f.street)
    if f.enterprise:
        inspections = inspections.filter(enterprise_id=f.enterprise)
    if f.visited_from:
        inspections = inspections.filter(visited_on__gte=f.visited_from)
    if f.visited_to:
        inspections = inspections.filter(visited_on__lte=f.visited_to)
    if f.with_risks is not None:
        inspections = (
            inspections.filter(risks_found__gt=0) if f.with_risks else inspections.filter(risks_found=0)
        )
    return inspections


def inspection_detail(*, user: Any, pk: int) -> Inspection:
    return get_for_user_or_404(
        Inspection.objects.select_related("enterprise", "inspector", "street", "grid"), user, pk=pk
    )


def my_visits(*, user: Any) -> QuerySet[PlanTarget]:
    """Planned visits not yet made, in the user's scope: the grid worker's list for the day."""
    return (
        PlanTarget.objects.for_user(user)
        .filter(inspection__isnull=True)
        .select_related("plan", "enterprise", "grid")
        .order_by("plan__ends_on", "plan_id", "id")
    )


def my_survey_tasks(*, user: Any) -> QuerySet[SampleMember]:
    return (
        SampleMember.objects.for_user(user)
        .select_related("sample", "enterprise", "grid")
        .order_by("state", "sample_id", "id")
    )


def warning_list(*, user: Any, level: str = "", street: int | None = None) -> QuerySet[EnterpriseRiskScore]:
    """The early-warning list: enterprises with a warning level, highest score first."""
    scores = EnterpriseRiskScore.objects.for_user(user).exclude(level=WarningLevel.NONE)
    if level:
        scores = scores.filter(level=level)
    if street:
        scores = scores.filter(street_id=street)
    return scores


# --- statistics -----------------------------------------------------------------------------------------


@dataclass
class StreetFigures:
    street_id: int | None
    name: str
    screened: int = 0  # enterprises inspected at least once in the period
    inspections: int = 0
    found: int = 0  # risks found in the period
    resolved: int = 0  # of those, resolved (verified or waiting for verification)
    verified: int = 0
    open: int = 0
    escalated: int = 0

    @property
    def resolution_rate(self) -> float | None:
        return round(100 * self.resolved / self.found, 2) if self.found else None


@dataclass
class ScreeningStatistics:
    period_from: dt.date | None
    period_to: dt.date | None
    rows: list[StreetFigures] = field(default_factory=list)
    total: StreetFigures = field(default_factory=lambda: StreetFigures(None, ""))


FIGURE_NAMES = ("screened", "inspections", "found", "resolved", "verified", "open", "escalated")


def screening_statistics(
    *, user: Any, period_from: dt.date | None = None, period_to: dt.date | None = None
) -> ScreeningStatistics:
    """Enterprises screened, risks found, resolved and the resolution rate, by street: two grouped
    queries (inspections, risks) over the user's scope; the total's "screened" counts an enterprise
    once even if it was visited in two streets' rounds."""
    inspections = Inspection.objects.for_user(user)
    risks = Risk.objects.for_user(user)
    if period_from:
        inspections = inspections.filter(visited_on__gte=period_from)
        risks = risks.filter(found_on__gte=period_from)
    if period_to:
        inspections = inspections.filter(visited_on__lte=period_to)
        risks = risks.filter(found_on__lte=period_to)
    by_street: dict[int | None, StreetFigures] = {}

    def row(street_id: int | None) -> StreetFigures:
        if street_id not in by_street:
            by_street[street_id] = StreetFigures(street_id, "")
        return by_street[street_id]

    for r in (
        inspections.order_by()
        .values("street_id")
        .annotate(screened=Count("enterprise_id", distinct=True), inspections=Count("id"))
    ):
        figures = row(r["street_id"])
        figures.screened, figures.inspections = r["screened"], r["inspections"]
    for r in (
        risks.order_by()
        .values("street_id")
        .annotate(
            found=Count("id"),
            **{
                name: Count("id", filter=condition)
                for name, condition in RISK_FIGURES.items()
                if name != "found"
            },
        )
    ):
        figures = row(r["street_id"])
        for name in ("found", "resolved", "verified", "open", "escalated"):
            setattr(figures, name, r[name])
    names = dict(OrgUnit.objects.filter(pk__in=[k for k in by_street if k]).values_list("pk", "name"))
    rows = sorted(by_street.values(), key=lambda f: (f.street_id is None, names.get(f.street_id or 0, "")))
    for figures in rows:
        figures.name = names.get(figures.street_id or 0, "") if figures.street_id else ""
    total = StreetFigures(None, "")
    for name in FIGURE_NAMES:
        setattr(total, name, sum(getattr(f, name) for f in rows))
    total.screened = inspections.order_by().aggregate(n=Count("enterprise_id", distinct=True))["n"]
    return ScreeningStatistics(period_from=period_from, period_to=period_to, rows=rows, total=total)


# The honest employer list is searched by what it shows: the enterprise's name and USCC (the enterprise
# registry's text index narrows, the substring decides, as everywhere).
_NAME_AND_CODE = TextIndex(Enterprise.text_index.table, ("name", "uscc"))


def search_text(raw: str) -> str:
    """A search box's text as searched: trimmed, at most 100 characters, without control characters."""
    return "".join(ch for ch in raw.strip()[:100] if ch.isprintable())


def grades_matching(grades: QuerySet[EmployerGrade], query: str) -> QuerySet[EmployerGrade]:
    """The grades whose enterprise's name or USCC contains ``query`` (exactly a substring scan's answer)."""
    query = normalize_query(search_text(query))
    if not query:
        return grades
    enterprises = substring_filter(Enterprise.objects.all(), _NAME_AND_CODE, query)
    return grades.filter(enterprise__in=enterprises.values("pk"))


def streets() -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(kind=OrgUnitKind.STREET, is_active=True).order_by("name"))
