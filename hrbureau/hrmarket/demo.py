"""Demo HR-service market: two dozen licensed HR-service and labour-dispatch agencies among the
district's enterprises, made through the services the pages use, a quarter of them inspected in the
yearly random checks and one fined for false job advertisements."""

from __future__ import annotations

import datetime as dt
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
from hrbureau.hrmarket.models import HRAgency

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
