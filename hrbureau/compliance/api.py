"""The employer-compliance API: the yearly grades and the honest employer lists, for the department's
dashboards (read-only; the same permission as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.compliance import selectors
from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, api_page, require_perm

router = Router(tags=["employer compliance"])


class EvaluationOut(Schema):
    id: int
    year: int
    state: str
    notice_from: dt.date | None
    notice_to: dt.date | None
    published_on: dt.date | None
    a: int = Field(description="graded A")
    b: int = Field(description="graded B")
    c: int = Field(description="graded C")
    listed: int = Field(description="on the honest employer list")


class PageFilter(InputSchema):
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


@router.get(
    "/employer-evaluations",
    response=responses(ApiPage[EvaluationOut]),
    summary="The yearly employer grades: the count of each grade and of the names on the list, newest first",
)
def evaluation_list(request: HttpRequest, filters: Query[PageFilter]) -> dict[str, Any]:
    require_perm(request.auth, "compliance.view_evaluation")  # type: ignore[attr-defined]
    return api_page(
        selectors.evaluation_list(), ordering=("-year",), cursor=filters.cursor, limit=filters.limit
    )
