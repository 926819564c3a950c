"""Demo HR-service market: two dozen licensed HR-service and labour-dispatch agencies among the
district's enterprises, made through the services the pages use, a quarter of them inspected in the
yearly random checks and one fined for false job advertisements."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from hrbureau.accounts.choices import Department, Role
from hrbureau.accounts.models import User
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket import services
from hrbureau.hrmarket.choices import ActionKind, LicenceKind
from hrbureau.hrmarket.models import HRAgency, IndustryReport

LINE = "hrmarket"
AGENCIES = 24


def seed(ctx: DemoContext) -> None:
    staff = (
        User.objects.filter(
            Q(org_unit__code=Department.HR_MARKET) | Q(org_unit__code=Department.LABOUR_RELATIONS),
            role=Role.DEPT_STAFF,
            is_active=True,
        )
        .order_by("id")
        .first()
    )
    if staff is None:
        ctx.log("hrmarket: no HR-market or labour-relations staff; skipped")
        return
    rng = ctx.rng(LINE)
    enterprises = list(Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).order_by("id"))
    chosen = rng.sample(enterprises, min(len(enterprises), AGENCIES))
    today = timezone.localdate()
    ctx.cases(LINE, len(chosen), what="agencies", started=HRAgency.objects.exists).run(
        lambda number: _agency(ctx, staff, chosen[number], number, today)
    )
    seed_reports(ctx, staff)


def _agency(ctx: DemoContext, staff: Any, enterprise: Any, i: int, today: dt.date) -> None:
    rng = ctx.case_rng(LINE, i)
    licensed = today - dt.timedelta(days=rng.randint(100, 2000))
    agency = services.agency_register(
        actor=staff,
        enterprise=enterprise,
        licence_no=f"440300{licensed.year}{i + 1:04d}",
        licence_kind=LicenceKind.LABOUR_DISPATCH if i % 3 == 0 else LicenceKind.HR_SERVICE,
        licensed_on=licensed,
        valid_until=licensed + dt.timedelta(days=3 * 365),
    )
    ctx.count("HR-service agencies", 1)
    if i % 4 == 0:
        services.enforcement_record(
            actor=staff,
            agency=agency,
            kind=ActionKind.INSPECTION,
            taken_on=today - dt.timedelta(days=rng.randint(1, 200)),
            description="年度双随机抽查，未发现违法行为",
        )
    if i == 5:
        services.enforcement_record(
            actor=staff,
            agency=agency,
            kind=ActionKind.FINE,
            taken_on=today - dt.timedelta(days=40),
            description="发布虚假招聘信息",
            decision_no=f"人社罚〔{today.year}〕3号",
            amount="10000",
        )


# --- the HR-service industry's reporting enterprises (纳统企业) -------------------------------------------
REPORTING_LINE = "hrmarket-reports"
REPORTING_ENTERPRISES = 66  # the seed's figure
PERIODS = 7


def seed_reports(ctx: DemoContext, staff: Any) -> None:
    """66 enterprises tagged as reporting (the demo enterprise login's own among them), and 7 ended
    months of their reports: most submitted on time and accepted, some late, some returned for correction,
    and in the latest month some not in yet."""
    from hrbureau.enterprises.models import EnterpriseTag
    from hrbureau.hrmarket.models import REPORTING_TAG
    from hrbureau.hrmarket.reporting import last_ended_period, period_ensure

    tag = EnterpriseTag.objects.filter(code=REPORTING_TAG).first()
    last = last_ended_period(timezone.localdate())
    if tag is None or last is None:
        ctx.log("hrmarket: no reporting tag or setting; reports skipped")
        return
    rng = ctx.rng(REPORTING_LINE)
    enterprises = list(tag.enterprises.order_by("id"))
    if len(enterprises) < REPORTING_ENTERPRISES:
        demo_user = User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False).order_by("id").first()
        active = list(
            Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
            .exclude(tags=tag)
            .order_by("id")
            .values_list("pk", flat=True)[:5000]
        )
        wanted = REPORTING_ENTERPRISES - len(enterprises)
        chosen = rng.sample(active, min(len(active), wanted))
        if (
            demo_user is not None
            and demo_user.enterprise_id not in chosen
            and demo_user.enterprise_id in active
        ):
            chosen[-1:] = [demo_user.enterprise_id]
        tag.enterprises.add(*chosen)
        enterprises = list(tag.enterprises.order_by("id"))
    periods = [last]
    while len(periods) < PERIODS:
        earlier = period_ensure(containing=periods[-1].starts_on - dt.timedelta(days=1))
        if earlier is None:  # no setting in force that far back
            break
        periods.append(earlier)
    periods.reverse()  # oldest first
    work = [(p, e) for p in periods for e in enterprises]
    ctx.cases(REPORTING_LINE, len(work), what="industry reports", started=IndustryReport.objects.exists).run(
        lambda number: _report(ctx, staff, *work[number], number, latest=work[number][0] == last)
    )


def _report(ctx: DemoContext, staff: Any, period: Any, enterprise: Any, i: int, *, latest: bool) -> None:
    from hrbureau.core.workflow import SYSTEM
    from hrbureau.hrmarket.reporting import report_figures, report_open
    from hrbureau.hrmarket.workflows import REPORTS

    rng = ctx.case_rng(REPORTING_LINE, i)
    report = report_open(actor=SYSTEM, enterprise=enterprise, period=period)
    ctx.count("industry reports", 1)
    if latest and rng.random() < 0.25:
        return  # not in yet: the sweep reminds it once the due date has passed
    # An enterprise's size stays about the same from month to month: its own generator, not the report's.
    size = ctx.case_rng(REPORTING_LINE + ":size", enterprise.pk)
    staff_count = size.randint(8, 400)
    growth = 1 + (period.starts_on.month % 12) * 0.01 + rng.uniform(-0.08, 0.08)
    revenue = Decimal(staff_count * size.randint(9_000, 40_000) * growth).quantize(Decimal("0.01"))
    # When the enterprise handed its figures in: most within the due period, about one in eight later.
    late = rng.random() < 0.12
    gap = max(1, (period.due_on - period.ends_on).days)
    handed_in = (
        period.due_on + dt.timedelta(days=rng.randint(1, 12))
        if late
        else period.ends_on + dt.timedelta(days=rng.randint(1, gap))
    )
    report_figures(
        actor=staff,
        report=report,
        submit=True,
        step="record",
        received_on=min(handed_in, timezone.localdate()),
        revenue=f"{revenue:,}",
        staff=str(staff_count),
        placements=str(int(staff_count * size.uniform(0.3, 3) * growth)),
        people_served=str(int(staff_count * size.uniform(2, 12) * growth)),
        dispatched=str(int(staff_count * size.uniform(0, 2))) if size.random() < 0.5 else "0",
    )
    # When the enterprise handed its figures in: most within the due period, about one in eight later.
    late = rng.random() < 0.12
    handed_in = (
        period.due_on + dt.timedelta(days=rng.randint(1, 12))
        if late
        else period.ends_on + dt.timedelta(days=rng.randint(1, max(1, (period.due_on - period.ends_on).days)))
    )
    at = timezone.make_aware(dt.datetime.combine(handed_in, dt.time(rng.randint(9, 17), rng.randint(0, 59))))
    IndustryReport.objects.filter(pk=report.pk).update(submitted_at=at, submitted_late=late)
    report.refresh_from_db()
    if rng.random() < 0.08:
        REPORTS.performers["return_report"](report, staff, {"reason": rng.choice(RETURN_REASONS)})
        if not latest:
            report.refresh_from_db()
            report_figures(actor=staff, report=report, submit=True, step="record", **_figures_of(report))
            report.refresh_from_db()
        else:
            return
    if not latest or rng.random() < 0.6:
        REPORTS.performers["accept"](report, staff, {})


RETURN_REASONS = (
    "营业收入与上期相比变动过大，请核实后重新填报",
    "从业人员数与社保参保人数不一致，请核对",
    "介绍就业人数大于服务人数，请核实",
    "营业收入单位应为元，请更正",
)


def _figures_of(report: Any) -> dict[str, str]:
    return {
        "revenue": str(report.revenue),
        "staff": str(report.staff),
        "placements": str(report.placements),
        "people_served": str(report.people_served),
        "dispatched": str(report.dispatched),
    }
