"""Reads of labour-risk early warning, always through ``for_user`` (a grid worker sees their grid, street
staff their street, the department and leadership the district)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.enterprises.choices import IndustrySection, SizeClass
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import DONE_RISK_STATES, OPEN_RISK_STATES, RiskState, SurveyState, WarningLevel
from hrbureau.labour.models import (
    EnterpriseRiskScore,
    Inspection,
    InspectionPlan,
    PlanTarget,
    Risk,
    Sample,
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


def risk_list(*, user: Any) -> QuerySet[Risk]:
    """The risks the user may see; the list's filters and search are declared in ``lists.RISKS``."""
    return Risk.objects.for_user(user)


def other_risks(*, user: Any, risk: Risk, limit: int = 10) -> list[Risk]:
    """The enterprise's other risks the user may see, newest found first."""
    return list(
        risk_list(user=user)
        .filter(enterprise_id=risk.enterprise_id)
        .exclude(pk=risk.pk)
        .order_by("-found_on", "-id")[:limit]
    )


def risk_detail(*, user: Any, pk: int) -> Risk:
    return get_for_user_or_404(
        Risk.objects.select_related(
            "enterprise", "inspection", "street", "grid", "assigned_unit", "found_by"
        ),
        user,
        pk=pk,
    )


def inspection_list(*, user: Any) -> QuerySet[Inspection]:
    """The inspections the user may see; the list's filters and search are in ``lists.INSPECTIONS``."""
    return Inspection.objects.for_user(user)


def last_inspection(*, user: Any, enterprise: Enterprise) -> Inspection | None:
    return inspection_list(user=user).filter(enterprise=enterprise).order_by("-visited_on", "-id").first()


def enterprises_to_visit(*, user: Any, query: str) -> list[Enterprise]:
    """Enterprises in the user's reach whose name, address or code contains ``query`` (the enterprise
    list's own search), for the grid worker looking for one to visit."""
    from hrbureau.enterprises.selectors import EnterpriseFilters, enterprise_list

    if not query:
        return []
    return list(enterprise_list(user=user, filters=EnterpriseFilters(q=query)).order_by("name", "id")[:20])


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


def my_survey_tasks(*, user: Any, limit: int = 100) -> list[SampleMember]:
    """The survey visits still to make in the user's scope (none without the survey permission)."""
    if not user.has_perm("labour.survey_sample"):
        return []
    return list(
        SampleMember.objects.for_user(user)
        .filter(state=SurveyState.PENDING)
        .select_related("sample", "enterprise", "grid")
        .order_by("sample_id", "id")[:limit]
    )


def warning_list(*, user: Any) -> QuerySet[EnterpriseRiskScore]:
    """The early-warning list: enterprises with a warning level (filters in ``lists.WARNINGS``)."""
    return EnterpriseRiskScore.objects.for_user(user).exclude(level=WarningLevel.NONE)


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


# --- what the pages look up -----------------------------------------------------------------------------


def enterprise_to_inspect(*, user: Any, pk: int) -> Enterprise:
    """An enterprise the user may see (404 if there is none, 403 outside the user's scope)."""
    return get_for_user_or_404(Enterprise.objects.all(), user, pk=pk)


def plan_targets_in_reach(*, user: Any) -> QuerySet[PlanTarget]:
    """The planned visits the user may see: those an inspection the user records may make."""
    return PlanTarget.objects.for_user(user).select_related("plan")


def assignable_units() -> QuerySet[OrgUnit]:
    """The units a risk may be assigned to: the streets and the departments."""
    return OrgUnit.objects.filter(
        kind__in=[OrgUnitKind.STREET, OrgUnitKind.DEPARTMENT], is_active=True
    ).order_by("kind", "name")


def scores_computed_at() -> dt.datetime | None:
    """When the risk scores were last computed (None: never)."""
    return EnterpriseRiskScore.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()


def warning_counts(*, user: Any) -> dict[str, int]:
    """How many enterprises in the user's scope are at each warning level."""
    return dict(warning_list(user=user).order_by().values_list("level").annotate(n=Count("pk")))


def score_detail(*, user: Any, enterprise_pk: int) -> EnterpriseRiskScore:
    return get_for_user_or_404(
        EnterpriseRiskScore.objects.select_related("enterprise", "street", "grid"),
        user,
        enterprise_id=enterprise_pk,
    )


def plan_list(*, user: Any) -> QuerySet[InspectionPlan]:
    """The plans with a visit in the user's scope, newest first, each with the user's share of its
    visits planned and done."""
    visible = PlanTarget.objects.for_user(user)
    return (
        InspectionPlan.objects.filter(pk__in=visible.values("plan_id"))
        .annotate(
            planned=Count("targets", filter=Q(targets__in=visible)),
            done=Count("targets", filter=Q(targets__in=visible, targets__inspection__isnull=False)),
        )
        .order_by("-starts_on", "-id")
    )


def plan(pk: int) -> InspectionPlan | None:
    return InspectionPlan.objects.filter(pk=pk).first()


def plan_targets(*, user: Any, plan: InspectionPlan) -> list[PlanTarget]:
    """The plan's visits in the user's scope, by grid."""
    return list(
        PlanTarget.objects.for_user(user)
        .filter(plan=plan)
        .select_related("enterprise", "grid", "inspection", "inspector")
        .order_by("grid__name", "id")
    )


def sample_list(*, user: Any) -> QuerySet[Sample]:
    """Every sample for a planner; for anyone else the samples with a survey task in their scope."""
    samples = Sample.objects.order_by("-created_at", "-id")
    if user.has_perm("labour.plan_inspection"):
        return samples
    return samples.filter(pk__in=SampleMember.objects.for_user(user).values("sample_id"))


def sample(pk: int) -> Sample | None:
    return Sample.objects.filter(pk=pk).first()


def survey_tasks(*, user: Any) -> QuerySet[SampleMember]:
    """The survey tasks in the user's scope (filters in ``lists.SAMPLE_MEMBERS``)."""
    return SampleMember.objects.for_user(user)


def samples_named(ids: Any) -> dict[int, Sample]:
    """The samples ``ids`` by id, with their names and allocations (not their kept frames)."""
    return {s.pk: s for s in Sample.objects.filter(pk__in=ids).only("id", "name", "allocation")}


def sample_members(*, user: Any, sample: Sample) -> QuerySet[SampleMember]:
    return (
        SampleMember.objects.for_user(user)
        .filter(sample=sample)
        .select_related("enterprise", "street", "grid")
        .order_by("stratum", "id")
    )


def survey_member(*, user: Any, pk: int) -> SampleMember:
    return get_for_user_or_404(SampleMember.objects.select_related("sample"), user, pk=pk)


def street_names() -> dict[int, str]:
    return dict(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).values_list("pk", "name"))


def stratum_labels(sample: Sample, units: dict[int, str] | None = None) -> dict[str, str]:
    """Readable names of the sample's strata ("东湖街道 · 小型"); ``units``: the streets' names, when
    the caller has them already."""
    units = street_names() if units is None else units
    named = {
        "street": lambda v: units.get(int(v), v) if v.isdigit() else _("(not recorded)"),
        "industry_section": lambda v: (
            str(IndustrySection(v).label) if v in IndustrySection.values else _("(not recorded)")
        ),
        "size_class": lambda v: str(SizeClass(v).label) if v in SizeClass.values else _("(not recorded)"),
    }
    labels = {}
    for stratum in sample.allocation:
        parts = []
        for part in stratum.split("|"):
            name, _eq, value = part.partition("=")
            parts.append(str(named[name](value)) if name in named else value)
        labels[stratum] = " · ".join(parts) or _("(all)")
    return labels
