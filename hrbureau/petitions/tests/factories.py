from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.accounts.models import OrgUnit
from hrbureau.petitions import services
from hrbureau.petitions.models import Category, WorkOrder


def categories() -> dict[str, Category]:
    """The categories tests use: one per kind, and the territorial wage-arrears complaint."""
    labour = OrgUnit.objects.get(code="labour_relations")
    talent = OrgUnit.objects.get(code="talent")
    rows = {
        "wages": ("欠薪投诉", "complaint", labour, True, ""),
        "enquiry": ("政策咨询", "enquiry", talent, False, ""),
        "help": ("就业求助", "help", OrgUnit.objects.get(code="employment"), False, ""),
        "report": ("中介机构举报", "report", OrgUnit.objects.get(code="hr_market"), False, ""),
        "dismissal": ("解除劳动合同争议", "complaint", labour, False, "arbitration"),
    }
    return {
        code: Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "department": dept,
                "territorial": territorial,
                "redirect_hint": hint,
            },
        )[0]
        for code, (name, kind, dept, territorial, hint) in rows.items()
    }


def received(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def make_order(
    *, actor: Any = None, category: Category, day: dt.date | None = None, **extra: Any
) -> WorkOrder:
    data: dict[str, Any] = {
        "channel": "hotline",
        "category": category,
        "title": "公司拖欠三个月工资",
        "content": "某公司拖欠工资，请求处理。",
        "petitioner_name": "张三",
        "petitioner_phone": "13800138000",
        "received_at": received(day) if day else timezone.now(),
    }
    data.update(extra)
    return services.workorder_create(actor=actor, data=data)
