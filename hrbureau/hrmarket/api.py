"""The HR-service market's API: the register of agencies, for the department's dashboards and the
city's market-supervision platform — the declared list's rows and filters (``hrmarket.lists``), under the
same permission as the page. The licence's steps are core's action endpoints
(``POST /api/v1/hr-agencies/{id}/actions/<name>``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Router, Schema
from pydantic import Field

from hrbureau.hrmarket.lists import AGENCIES

router = Router(tags=["HR-service agencies"])


class AgencyOut(Schema):
    id: int
    enterprise_id: int
    licence_no: str
    licence_kind: str
    licensed_on: dt.date
    valid_until: dt.date | None
    status: str = Field(description="licensed, suspended or revoked")
    actions_count: int
    version: int = Field(description="give it back to an action: a case changed meanwhile is not acted on")

    @staticmethod
    def resolve_status(obj: Any) -> str:
        return str(obj.state)


AGENCIES.add_api(
    router,
    path="/hr-agencies",
    item=AgencyOut,
    summary="HR-service agencies with their licence and count of enforcement actions (keyset-paginated)",
    module=__name__,
)
