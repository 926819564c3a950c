"""A small service file in the test world: enterprises A1, A2 (street A) and B1 (street B) are key
enterprises; A1 has this year's plan kept by street A's staff, B1 one kept by the department's staff;
A2 only last year's. Labour demands: one of A1 (its own, on the portal), one of B1 (by staff)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.enterprises import plan_services
from hrbureau.enterprises.models import EnterpriseTag
from hrbureau.enterprises.plan_choices import KEY_ENTERPRISE_TAG


def make_key(*enterprises: Any) -> None:
    tag, _ = EnterpriseTag.objects.get_or_create(code=KEY_ENTERPRISE_TAG, defaults={"name": "重点企业"})
    for enterprise in enterprises:
        enterprise.tags.add(tag)


def plan_data(world: Any) -> dict[str, Any]:
    if "plans" in world.people:
        return world.people["plans"]  # type: ignore[no-any-return]
    e = world.enterprises
    make_key(e["a1"], e["a2"], e["b1"])
    today = timezone.localdate()
    staff, street = world.users["dept_staff"], world.users["street_staff"]
    data: dict[str, Any] = {}
    data["plan_a1"] = plan_services.plan_create(
        actor=staff, enterprise=e["a1"], officer=street, year=today.year, summary="稳岗扩岗"
    )
    data["plan_b1"] = plan_services.plan_create(
        actor=staff, enterprise=e["b1"], officer=staff, year=today.year
    )
    data["plan_a2_last"] = plan_services.plan_create(
        actor=staff, enterprise=e["a2"], officer=street, year=today.year - 1
    )
    data["item_a1"] = plan_services.item_add(
        actor=staff,
        plan=data["plan_a1"],
        area="recruitment",
        task="组织专场招聘会",
        due_on=today + dt.timedelta(days=5),
    )
    data["item_b1"] = plan_services.item_add(
        actor=staff,
        plan=data["plan_b1"],
        area="training",
        task="开展技能培训",
        due_on=today - dt.timedelta(days=3),
    )
    data["demand_a1"] = plan_services.labour_demand_record(
        actor=world.users["enterprise"], enterprise=e["a1"], data={"post": "数控车工", "headcount": 5}
    )
    data["demand_b1"] = plan_services.labour_demand_record(
        actor=staff, enterprise=e["b1"], data={"post": "仓库管理员", "headcount": 2}
    )
    world.people["plans"] = data
    return data
