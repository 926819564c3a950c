from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.arbitration import selectors
from hrbureau.arbitration.choices import DisputeState, Procedure
from hrbureau.arbitration.models import Dispute
from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, PathId, api_page, require_perm

router = Router(tags=["labour disputes"])


class ClaimOut(Schema):
    kind: str
    description: str
    amount_claimed: Decimal | None
    amount_awarded: Decimal | None
    final: bool | None


class DisputeOut(Schema):
    id: int
    number: str | None
    case_no: str | None
    state: str
    procedure: str
    channel: str
    collective: bool
    filed_on: dt.date
    received_on: dt.date | None
    accepted_on: dt.date | None
    closed_on: dt.date | None
    due_on: dt.date | None
    total_claimed: Decimal
    total_awarded: Decimal | None


class DisputeDetailOut(DisputeOut):
    claims: list[ClaimOut]

    @staticmethod
    def resolve_claims(obj: Dispute) -> list[Any]:
        return list(obj.claims.all())


class DisputeFilter(InputSchema):
    q: str = Field("", max_length=100, description="application or case number, or a party's name")
    state: DisputeState | None = None
    procedure: Procedure | None = None
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


@router.get(
    "/disputes",
    response=responses(ApiPage[DisputeOut]),
    summary="Labour disputes (staff: all; parties: their own; keyset-paginated)",
)
def dispute_list(request: HttpRequest, filters: Query[DisputeFilter]) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "arbitration.view_dispute")
    query = selectors.DisputeFilters(
        q=filters.q, state=filters.state or "", procedure=filters.procedure or ""
    )
    disputes = selectors.dispute_list(user=user, filters=query)
    return api_page(disputes, ordering=("-filed_on", "-id"), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/disputes/{dispute_id}", response=responses(DisputeDetailOut, detail=True), summary="One dispute"
)
def dispute_detail(request: HttpRequest, dispute_id: PathId) -> Dispute:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "arbitration.view_dispute")
    return selectors.dispute_detail(user=user, pk=dispute_id)
