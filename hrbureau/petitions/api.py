from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from hrbureau.core.api import responses
from hrbureau.core.apiutil import Id, ObjectBody, PathId, require_perm
from hrbureau.petitions import selectors, services
from hrbureau.petitions.choices import Channel
from hrbureau.petitions.lists import WORKORDERS
from hrbureau.petitions.models import Category, WorkOrder

router = Router(tags=["work orders"])


class WorkOrderOut(Schema):
    id: int
    number: str | None
    external_no: str
    channel: str
    track: str
    category: str
    title: str
    state: str
    received_at: dt.datetime
    due_on: dt.date | None
    street_id: int | None
    handling_unit_id: int | None
    replied_at: dt.datetime | None
    # The day the petitioner received the written reply: a review may be asked for within 30 days of it.
    reply_received_on: dt.date | None
    satisfaction: str
    bounces: int

    @staticmethod
    def resolve_category(obj: WorkOrder) -> str:
        return obj.category.code


class WorkOrderIn(ObjectBody):
    external_no: str = Field(
        ..., min_length=1, max_length=64, description="the city platform's order number; resending it is safe"
    )
    channel: Channel = Channel.HOTLINE
    category: str = Field(..., max_length=50, description="category code")
    title: str = Field(..., max_length=200)
    content: str = Field(..., max_length=10000)
    petitioner_name: str = Field(..., max_length=100)
    petitioner_phone: str = Field(..., max_length=20)
    street_id: Id | None = None
    received_at: dt.datetime | None = None


WORKORDERS.add_api(
    router,
    path="/workorders",
    item=WorkOrderOut,
    summary="Work orders (scoped, keyset-paginated)",
    module=__name__,
)


@router.get("/workorders/{order_id}", response=responses(WorkOrderOut, detail=True), summary="One work order")
def workorder_detail(request: HttpRequest, order_id: PathId) -> WorkOrder:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "petitions.view_workorder")
    return selectors.workorder_detail(user=user, pk=order_id)


@router.post(
    "/workorders",
    response=responses(WorkOrderOut, ok_status=201, extra={200: WorkOrderOut}),
    summary="Receive a work order (idempotent on channel + external_no: 201 created, 200 already received)",
)
def workorder_receive(request: HttpRequest, payload: WorkOrderIn) -> Status[WorkOrder]:
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.models import OrgUnit

    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "petitions.add_workorder")
    data = payload.dict()
    category = Category.objects.filter(code=data.pop("category"), active=True).first()
    street_id = data.pop("street_id")
    street = OrgUnit.objects.filter(pk=street_id, kind=OrgUnitKind.STREET).first() if street_id else None
    if street_id and street is None:
        raise ValidationError({"street_id": [str(street_id)]})
    data["channel"] = str(data["channel"].value if hasattr(data["channel"], "value") else data["channel"])
    if data.get("received_at") is None:
        data.pop("received_at")
    order, created = services.workorder_receive(
        actor=user, data={**data, "category": category, "street": street}
    )
    return Status(201 if created else 200, order)
