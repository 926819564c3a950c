"""The import of industry figures collected on paper: a sheet as offices keep it (a title row, a note,
a total row), the period as they write it; each row records the figures on the enterprise's report
(opened or not yet); a row for a report already in, an enterprise that does not report, or bad figures is
rejected with its reason; rows in = imported + rejected + skipped."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from hrbureau.core.imports import services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.models import ImportJob
from hrbureau.core.workflow import SYSTEM
from hrbureau.enterprises.models import EnterpriseTag
from hrbureau.hrmarket import reporting
from hrbureau.hrmarket.models import REPORTING_TAG, IndustryReport

HEADER = [
    "统一社会信用代码",
    "企业名称",
    "报告期",
    "营业收入（元）",
    "从业人员期末人数",
    "介绍就业人数",
    "服务人次",
    "劳务派遣人数",
]


def _sheet(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["2026年人力资源服务业纳统企业报表汇总（纸质报送）"])
    sheet.append(["填报单位：区人力资源局市场科"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _import(user: Any, rows: list[list[Any]]) -> ImportJob:
    spec = get_spec("industry-reports")
    assert spec is not None
    job = services.import_job_create(
        actor=user, spec=spec, upload=SimpleUploadedFile("figures.xlsx", _sheet(rows)), mode="reject"
    )
    return services.import_job_commit(actor=user, job=job)


def test_figures_on_paper_are_imported_onto_the_reports(world: Any) -> None:
    tag = EnterpriseTag.objects.get(code=REPORTING_TAG)
    a1, b1, a2 = world.enterprises["a1"], world.enterprises["b1"], world.enterprises["a2"]
    a1.tags.add(tag)
    b1.tags.add(tag)
    september = reporting.period_ensure(containing=dt.date(2026, 9, 1))
    august = reporting.period_ensure(containing=dt.date(2026, 8, 1))
    assert september is not None
    assert august is not None
    staff = world.users["dept_staff"]
    opened = reporting.report_open(actor=SYSTEM, enterprise=a1, period=september)  # by the sweep
    done = reporting.report_open(actor=SYSTEM, enterprise=b1, period=august)
    reporting.report_figures(
        actor=staff,
        report=done,
        submit=True,
        step="record",
        **{"revenue": "1", "staff": "1", "placements": "1", "people_served": "1", "dispatched": "0"},
    )
    job = _import(
        staff,
        [
            [a1.uscc, a1.name, "2026年9月", 1250000.5, 42, 130, 900, 0],  # fills the opened report
            [b1.uscc, b1.name, "2026-09", "８８,０００", "12", "3", "40", "0"],  # opens B1's
            [b1.uscc, b1.name, "2026年8月", 1, 1, 1, 1, 0],  # already in
            [a2.uscc, a2.name, "2026-09", 1, 1, 1, 1, 0],  # does not report
            [a1.uscc, a1.name, "2025-01", 1, 1, 1, 1, 0],  # no such period
            [b1.uscc, b1.name, "2026-08", -5, 1, 1, 1, 0],  # already in, and a negative revenue
            ["合计", None, None, 1338000.5, 54, 133, 940, 0],
        ],
    )
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.created_count, job.rejected_count, job.skipped_count) == (2, 4, 1)
    opened.refresh_from_db()
    assert (opened.state, opened.revenue, opened.staff) == ("submitted", Decimal("1250000.50"), 42)
    b1_september = IndustryReport.objects.get(enterprise=b1, period=september)
    assert (b1_september.state, b1_september.revenue) == ("submitted", Decimal("88000.00"))
    assert not IndustryReport.objects.filter(enterprise=a2).exists()
