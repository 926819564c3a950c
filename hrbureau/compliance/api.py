"""The employer-compliance API: the yearly grades and the honest employer lists, for the department's
dashboards — the declared list's rows and filters (``compliance.lists``), under the same permission as
the page. The list's steps are core's action endpoints
(``POST /api/v1/employer-evaluations/{id}/actions/<name>``)."""

from __future__ import annotations

import datetime as dt

from ninja import Router, Schema
from pydantic import Field

from hrbureau.compliance.lists import EVALUATIONS

router = Router(tags=["employer compliance"])


class EvaluationOut(Schema):
    id: int
    year: int
    state: str
    version: int = Field(description="give it back to an action: a case changed meanwhile is not acted on")
    notice_from: dt.date | None
    notice_to: dt.date | None
    published_on: dt.date | None
    a: int = Field(description="graded A")
    b: int = Field(description="graded B")
    c: int = Field(description="graded C")
    listed: int = Field(description="on the honest employer list")


EVALUATIONS.add_api(
    router,
    path="/employer-evaluations",
    item=EvaluationOut,
    summary="The yearly employer grades: the count of each grade and of the names on the list, newest first",
    module=__name__,
)
