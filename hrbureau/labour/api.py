"""The labour-risk API: risks (scoped like the pages: the department the district, a street its street,
a grid worker their grid) and the screening figures, for dashboards and the city's platforms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from hrbureau.core.api import responses
from hrbureau.core.apiutil import InputSchema, PathId, require_perm
from hrbureau.labour import selectors
from hrbureau.labour.lists import RISKS
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


RISKS.add_api(
    router,
    path="/labour-risks",
    item=RiskOut,
    summary="Labour risks in the caller's scope, newest found first (keyset-paginated)",
    module=__name__,
    name="risk_list",
)


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
