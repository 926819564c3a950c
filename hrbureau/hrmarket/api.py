"""The HR-service market's API: the register of agencies, for the department's dashboards and the
city's market-supervision platform (read-only; the same permission as the page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, api_page, require_perm
from hrbureau.hrmarket import selectors
from hrbureau.hrmarket.choices import AgencyStatus

router = Router(tags=["HR-service agencies"])


class AgencyOut(Schema):
    id: int
    enterprise_id: int
    licence_no: str
    licence_kind: str
    licensed_on: dt.date
    valid_until: dt.date | None
    status: str
    actions_count: int


class AgencyFilter(InputSchema):
    status: AgencyStatus | None = None
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


@router.get(
    "/hr-agencies",
    response=responses(ApiPage[AgencyOut]),
    summary="HR-service agencies with their licence and count of enforcement actions (keyset-paginated)",
)
def agency_list(request: HttpRequest, filters: Query[AgencyFilter]) -> dict[str, Any]:
    require_perm(request.auth, "hrmarket.view_agency")  # type: ignore[attr-defined]
    agencies = selectors.agency_list(status=filters.status or "").order_by("id")
    return api_page(agencies, ordering=("id",), cursor=filters.cursor, limit=filters.limit)
