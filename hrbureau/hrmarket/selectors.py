"""Reads of the HR-service market: the register of agencies (district-wide; the permissions decide who
reads it) with their enforcement actions, always through ``core.scoping``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.scoping import get_for_user_or_404, scope_queryset
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.choices import ReportState
from hrbureau.hrmarket.models import EnforcementAction, HRAgency, IndustryReport, ReportingPeriod


def agency_list(*, user: Any) -> QuerySet[HRAgency]:
    """The agencies ``user`` may see, by name, each with its count of enforcement actions."""
    agencies = scope_queryset(HRAgency.objects.all(), user)
    return (
        agencies.select_related("enterprise")
        .annotate(actions_count=Count("actions"))
        .order_by("enterprise__name", "id")
    )


def agency_detail(*, user: Any, pk: int) -> HRAgency:
    """The agency, if ``user`` may see it (404, or an audited 403)."""
    return get_for_user_or_404(HRAgency.objects.select_related("enterprise"), user, pk=pk)


def enforcement_list(*, user: Any) -> QuerySet[EnforcementAction]:
    """The inspections and sanctions of the agencies ``user`` may see, newest first."""
    agencies = scope_queryset(HRAgency.objects.all(), user)
    return EnforcementAction.objects.filter(agency__in=agencies.values("pk")).order_by("-taken_on", "-id")


def actions_of(agency: HRAgency) -> QuerySet[EnforcementAction]:
    return agency.actions.select_related("recorded_by")


def enterprise_by_uscc(text: str) -> Enterprise | None:
    """The registered enterprise with the USCC typed (None for an invalid or unknown code)."""
    try:
        return Enterprise.objects.filter(uscc=normalize_uscc(text)).first()
    except ValidationError:
        return None


# --- the HR-service industry's reports --------------------------------------------------------------------


def report_list(*, user: Any) -> QuerySet[IndustryReport]:
    """The industry reports ``user`` may see (staff: the district's; an enterprise: its own)."""
    return IndustryReport.objects.for_user(user)


def report_detail(*, user: Any, pk: int) -> IndustryReport:
    return get_for_user_or_404(IndustryReport.objects.select_related("enterprise", "period"), user, pk=pk)


def late_condition(today: dt.date) -> Q:
    """Not in by the due date: submitted after it, or still not submitted once it has passed."""
    return Q(submitted_late=True) | Q(submitted_at__isnull=True, period__due_on__lt=today)


# The reports whose figures count in the industry's totals: submitted (being checked) or accepted.
COUNTED = Q(state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED))
SUBMITTED = Q(submitted_at__isnull=False)


def _sums(prefix: str = "") -> dict[str, Any]:
    return {
        "reports": Count("id"),
        "submitted": Count("id", filter=SUBMITTED),
        "counted": Count("id", filter=COUNTED),
        "revenue": Sum("revenue", filter=COUNTED),
        "staff": Sum("staff", filter=COUNTED),
        "placements": Sum("placements", filter=COUNTED),
        "people_served": Sum("people_served", filter=COUNTED),
    }


def _rate(row: dict[str, Any]) -> float | None:
    return round(100 * row["submitted"] / row["reports"], 1) if row["reports"] else None


def industry_by_period(*, user: Any, limit: int = 12) -> list[dict[str, Any]]:
    """Per period (newest first, at most ``limit``): reports expected, submitted, late, the submission rate
    and the totals of the counted figures — one grouped query over the reader's reports."""
    today = timezone.localdate()
    periods = list(ReportingPeriod.objects.order_by("-starts_on", "-id")[:limit])
    grouped = {
        row["period_id"]: row
        for row in report_list(user=user)
        .filter(period__in=periods)
        .values("period_id")
        .annotate(**_sums(), late=Count("id", filter=late_condition(today)))
        .order_by()
    }
    rows = []
    for period in periods:
        row = grouped.get(period.pk) or {"reports": 0, "submitted": 0, "counted": 0, "late": 0}
        rows.append({**row, "period": period, "rate": _rate(row)})
    return rows


def industry_by_street(*, user: Any, period: ReportingPeriod) -> list[dict[str, Any]]:
    """For one period, by the enterprises' street: reports, submitted, the rate and the counted figures."""
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.selectors import unit_choices

    names = dict(unit_choices(OrgUnitKind.STREET))
    rows = (
        report_list(user=user)
        .filter(period=period)
        .values("enterprise__street_id")
        .annotate(**_sums())
        .order_by("enterprise__street_id")
    )
    return [
        {
            **row,
            "street_id": row["enterprise__street_id"],
            "street": names.get(row["enterprise__street_id"], "—"),
            "rate": _rate(row),
        }
        for row in rows
    ]


def latest_closed_period(today: dt.date | None = None) -> ReportingPeriod | None:
    """The newest period whose due date has passed (its figures should all be in)."""
    today = today or timezone.localdate()
    return ReportingPeriod.objects.filter(due_on__lt=today).order_by("-starts_on", "-id").first()


def portal_periods(*, user: Any) -> list[ReportingPeriod]:
    """The periods an enterprise may report for now: the last ended one, and any it has still open."""
    from hrbureau.hrmarket.reporting import last_ended_period

    periods: dict[int, ReportingPeriod] = {}
    last = last_ended_period(timezone.localdate())
    if last is not None:
        periods[last.pk] = last
    for report in report_list(user=user).filter(state__in=(ReportState.DRAFT, ReportState.RETURNED)):
        periods.setdefault(report.period_id, report.period)
    return sorted(periods.values(), key=lambda p: p.starts_on, reverse=True)
