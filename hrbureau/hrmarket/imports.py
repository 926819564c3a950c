"""Import of the HR-service industry's figures collected on paper (纳统企业报表汇总表) through the generic
import (DESIGN.md mechanism 5): one row per enterprise and period, the enterprise by its USCC, the period
as offices write it (2026-09, 2026年9月, 2026年第3季度). Each row is the department's "record figures
given on paper" step on the enterprise's report — opened if the sweep has not yet — so a row for a
report already submitted or accepted is rejected with the reason, as is a row for an enterprise that
does not carry the reporting tag. A title row, notes and a total row (合计) are the engine's to skip."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket import reporting
from hrbureau.hrmarket.choices import ReportingFrequency
from hrbureau.hrmarket.models import REPORTING_TAG, IndustryReport, ReportingPeriod

KEY_SEPARATOR = "\x1f"


def period_names(period: ReportingPeriod) -> set[str]:
    """The ways a sheet names the period: 2026-09, 2026年9月, 202609; 2026Q3, 2026年第3季度, 2026年三季度."""
    year, month = period.starts_on.year, period.starts_on.month
    if period.frequency == ReportingFrequency.QUARTERLY:
        quarter = (month - 1) // 3 + 1
        chinese = "一二三四"[quarter - 1]
        return {
            f"{year}q{quarter}",
            f"{year}-q{quarter}",
            f"{year}年第{quarter}季度",
            f"{year}年{quarter}季度",
            f"{year}年第{chinese}季度",
            f"{year}年{chinese}季度",
        }
    return {
        f"{year}-{month:02d}",
        f"{year}-{month}",
        f"{year}年{month}月",
        f"{year}{month:02d}",
        f"{year}.{month}",
    }


def _normal(text: Any) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or ""))).lower()


class ReportImportContext:
    """What the row check reads, once per import: the periods by every name, the reporting enterprises
    by USCC, and which of their reports are already in."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.periods: dict[str, ReportingPeriod] = {}
        for period in ReportingPeriod.objects.all():
            for name in period_names(period):
                self.periods[_normal(name)] = period
        self.enterprises = dict(
            Enterprise.objects.filter(tags__code=REPORTING_TAG).values_list("uscc", "pk").distinct()
        )
        self.done = set(
            IndustryReport.objects.exclude(state__in=reporting.NOT_IN).values_list(
                "enterprise_id", "period_id"
            )
        )


def _clean(values: dict[str, Any], context: ReportImportContext) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    enterprise_id = None
    try:
        uscc = normalize_uscc(str(values.get("uscc") or ""))
    except ValidationError as error:
        errors["uscc"] = error.messages
        uscc = ""
    if uscc and "uscc" not in errors:
        enterprise_id = context.enterprises.get(uscc)
        if enterprise_id is None:
            errors["uscc"] = [
                _("This enterprise is not one of the HR-service industry's reporting enterprises.")
            ]
    period = context.periods.get(_normal(values.get("period")))
    if period is None:
        errors["period"] = [_("No reporting period %(name)s.") % {"name": values.get("period") or "—"}]
    try:
        figures = reporting.figures_clean(values, complete=True)
    except ValidationError as error:
        errors.update(error.message_dict)
        figures = {}
    if enterprise_id is not None and period is not None and (enterprise_id, period.pk) in context.done:
        errors["period"] = [
            _("The enterprise's report for this period is already in; return it to correct it.")
        ]
    if errors:
        raise ValidationError(errors)
    assert period is not None
    return {
        "uscc": uscc,
        "enterprise_id": enterprise_id,
        "period": period.pk,
        "period_name": str(period),
        **figures,
    }


def _key(cleaned: dict[str, Any]) -> str:
    return f"{cleaned['uscc']}{KEY_SEPARATOR}{cleaned['period']}"


def _existing(keys: Sequence[str]) -> dict[str, int]:
    # A report the sweep opened is filled in, not a duplicate: every row is taken as new and its write
    # fills the report there is (a report already in was rejected by the row check).
    return {}


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    periods = ReportingPeriod.objects.in_bulk({row["period"] for row in creates})
    enterprises = Enterprise.objects.in_bulk({row["enterprise_id"] for row in creates})
    for row in creates:
        period, enterprise = periods[row["period"]], enterprises[row["enterprise_id"]]
        report = IndustryReport.objects.select_related("period", "enterprise").filter(
            enterprise=enterprise, period=period
        ).first() or reporting.report_open(actor=actor, enterprise=enterprise, period=period)
        if report.state not in reporting.NOT_IN:
            raise ValidationError(_("A report changed meanwhile; import the file again."))
        reporting.report_figures(
            actor=actor,
            report=report,
            submit=True,
            step="record",
            **{name: row[name] for name in reporting.FIGURES},
        )
    return BatchResult(created=len(creates), updated=0)


def _display(key: str, value: Any) -> str:
    return "" if value is None else str(value)


imports.register(
    ImportSpec(
        key="industry-reports",
        title=gettext_lazy("HR-service industry figures"),
        permission="hrmarket.review_industryreport",
        columns=(
            Column(
                "uscc",
                gettext_lazy("Unified social credit code"),
                ("统一社会信用代码", "社会信用代码", "信用代码", "统一代码", "单位代码", "USCC"),
                required=True,
                kind="code",
            ),
            Column("name", gettext_lazy("Name"), ("企业名称", "单位名称", "名称", "单位详细名称")),
            Column(
                "period",
                gettext_lazy("Period"),
                ("报告期", "统计期", "期间", "所属期", "月份", "季度", "报告期别", "period"),
                required=True,
            ),
            Column(
                "revenue",
                gettext_lazy("Revenue (yuan)"),
                ("营业收入", "营业收入（元）", "营业收入(元)", "营业收入元", "收入", "营收", "revenue"),
                required=True,
            ),
            Column(
                "staff",
                gettext_lazy("Staff"),
                ("从业人员", "从业人员数", "从业人员期末人数", "期末从业人数", "员工人数", "staff"),
                required=True,
            ),
            Column(
                "placements",
                gettext_lazy("People placed in jobs"),
                ("介绍就业人数", "帮助实现就业人数", "成功推荐就业人数", "安置就业人数", "就业人数"),
                required=True,
            ),
            Column(
                "people_served",
                gettext_lazy("People served"),
                ("服务人数", "服务人次", "为劳动者提供服务人次", "服务人员数量"),
                required=True,
            ),
            Column(
                "dispatched",
                gettext_lazy("Dispatched or outsourced workers"),
                ("派遣人数", "劳务派遣人数", "外包人数", "派遣及外包人数", "劳务派遣及外包人数"),
                required=True,
            ),
        ),
        key_column="uscc",
        row_key=_key,
        clean=_clean,
        context=ReportImportContext,
        existing=_existing,
        write=_write,
        list_url_name="hrmarket:reports",
        display=_display,
    )
)
