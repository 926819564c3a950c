"""The labour-risk API: risks (scoped like the pages: the department the district, a street its street,
a grid worker their grid) and the screening figures, for dashboards and the city's platforms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, PathId, api_page, require_perm
from hrbureau.labour import selectors
from hrbureau.labour.choices import RiskState, RiskType, Severity
from hrbureau.labour.models import Risk

router = Router(tags=["labour risks"])


class RiskOut(Schema):
    id: int
    number: str
    state: str
    risk_type: str
    severity: str
    enterprise_id: int
    street_id: int | None
    grid_id: int | None
    workers_affected: int
    arrears_amount: Decimal | None
    escalated: bool
    found_on: dt.date
    due_on: dt.date | None
    resolved_on: dt.date | None
    verified_on: dt.date | None


class RiskDetailOut(RiskOut):
    description: str
    resolution: str
    assigned_unit_id: int | None


class RiskFilter(InputSchema):
    state: RiskState | None = None
    risk_type: RiskType | None = None
    severity: Severity | None = None
    street: int | None = Field(None, ge=1, lt=2**62)
    found_from: dt.date | None = None
    found_to: dt.date | None = None
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


class FiguresOut(Schema):
    street_id: int | None
    screened: int
    inspections: int
    found: int
    resolved: int
    verified: int
    open: int
    escalated: int
    resolution_rate: float | None


class StatisticsOut(Schema):
    period_from: dt.date | None
    period_to: dt.date | None
    rows: list[FiguresOut]
    total: FiguresOut


class PeriodFilter(InputSchema):
    period_from: dt.date | None = None
    period_to: dt.date | None = None


@router.get(
    "/labour-risks",
    response=responses(ApiPage[RiskOut]),
    summary="Labour risks in the caller's scope, newest found first (keyset-paginated)",
)
def risk_list(request: HttpRequest, filters: Query[RiskFilter]) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "labour.view_risk")
    query = selectors.RiskFilters(
        state=filters.state or "",
        risk_type=filters.risk_type or "",
        severity=filters.severity or "",
        street=filters.street,
        found_from=filters.found_from,
        found_to=filters.found_to,
    )
    risks = selectors.risk_list(user=user, filters=query)
    return api_page(risks, ordering=("-found_on", "-id"), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/labour-risks/{risk_id}", response=responses(RiskDetailOut, detail=True), summary="One labour risk"
)
def risk_detail(request: HttpRequest, risk_id: PathId) -> Risk:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "labour.view_risk")
    return selectors.risk_detail(user=user, pk=risk_id)


@router.get(
    "/screening-figures",
    response=responses(StatisticsOut),
    summary="Enterprises screened, risks found and resolved, by street (in the caller's scope)",
)
def screening_figures(request: HttpRequest, filters: Query[PeriodFilter]) -> Any:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "labour.view_statistics")
    return selectors.screening_statistics(
        user=user, period_from=filters.period_from, period_to=filters.period_to
    )
