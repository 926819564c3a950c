"""Policy items for tests (library): a draft with its claim guide, written by the department's staff."""

from __future__ import annotations

from typing import Any

from hrbureau.policies import library

GUIDE = {
    "guide_materials": "营业执照复印件；社保缴费清单",
    "guide_steps": "线上提交 → 审核 → 拨付",
    "guide_where": "区政务服务中心3号窗口，工作日 9:00–17:00",
    "guide_contact": "0571-12345678",
}


def make_item(actor: Any, number: str = "T-1", **values: Any) -> Any:
    fields: dict[str, Any] = {"number": number, "title": f"测试政策 {number}", **GUIDE}
    fields.update(values)
    return library.item_create(actor=actor, **fields)


def published_item(world: Any, number: str = "T-P", **values: Any) -> Any:
    item = make_item(world.users["dept_staff"], number, **values)
    library.item_review(actor=world.users["dept_head"], item=item)
    library.item_publish(actor=world.users["dept_head"], item=item)
    return item
