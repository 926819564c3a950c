"""The HR-service market's API: the register of agencies, for the department's dashboards and the
city's market-supervision platform — the declared list's rows and filters (``hrmarket.lists``), under the
same permission as the page. The licence's steps are core's action endpoints
(``POST /api/v1/hr-agencies/{id}/actions/<name>``). The HR-service industry's reports likewise: the list
for the department's statistics, the steps at ``POST /api/v1/industry-reports/{id}/actions/<name>``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Router, Schema
from pydantic import Field

from hrbureau.hrmarket.lists import AGENCIES, REPORTS

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


class IndustryReportOut(Schema):
    id: int
    enterprise_id: int
    period_id: int
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    state: str = Field(description="draft, submitted, accepted or returned")
    revenue: Decimal | None = Field(description="yuan, to the fen")
    staff: int | None
    placements: int | None = Field(description="people placed in jobs in the period")
    people_served: int | None
    dispatched: int | None = Field(description="dispatched or outsourced workers at the end of the period")
    submitted_at: dt.datetime | None = Field(description="the first submission")
    submitted_late: bool
    version: int

    @staticmethod
    def resolve_period_start(obj: Any) -> dt.date:
        return obj.period.starts_on

    @staticmethod
    def resolve_period_end(obj: Any) -> dt.date:
        return obj.period.ends_on

    @staticmethod
    def resolve_due_on(obj: Any) -> dt.date:
        return obj.period.due_on


REPORTS.add_api(
    router,
    path="/industry-reports",
    item=IndustryReportOut,
    summary="HR-service industry reports (纳统企业) with their figures (keyset-paginated)",
    module=__name__,
)
