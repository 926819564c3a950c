from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from hrbureau.arbitration import selectors
from hrbureau.arbitration.lists import DISPUTES
from hrbureau.arbitration.models import Dispute
from hrbureau.core.api import responses
from hrbureau.core.apiutil import PathId, require_perm

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


DISPUTES.add_api(
    router,
    path="/disputes",
    item=DisputeOut,
    summary="Labour disputes (staff: all; parties: their own; keyset-paginated)",
    module=__name__,
)


@router.get(
    "/disputes/{dispute_id}", response=responses(DisputeDetailOut, detail=True), summary="One dispute"
)
def dispute_detail(request: HttpRequest, dispute_id: PathId) -> Dispute:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "arbitration.view_dispute")
    return selectors.dispute_detail(user=user, pk=dispute_id)
