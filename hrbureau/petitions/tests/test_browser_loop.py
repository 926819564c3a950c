"""In headless Chromium, the whole 12345 loop: a citizen files on the portal → the petitions office
dispatches → the street signs and replies → the citizen rates it dissatisfied → rework → the rates on
the supervision board follow."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hrbureau.petitions.choices import WorkOrderState
from hrbureau.petitions.models import WorkOrder
from hrbureau.tests.browser import act as _act
from hrbureau.tests.browser import open_action

pytestmark = pytest.mark.browser


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def _zh(state: WorkOrderState) -> str:
    """The state as the (Chinese) page shows it."""
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(state.label)


def _board_satisfaction(page: Page, base: str) -> str:
    page.goto(f"{base}/petitions/board/?by=street")
    return page.locator("tfoot [data-testid=satisfaction-rate]").inner_text()


def test_file_dispatch_sign_reply_dissatisfied_rework_and_the_board(
    transactional_db: Any, world: Any, office: dict[str, Any], live_server: Any, page: Page
) -> None:
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # A citizen files a wage complaint on the portal.
    _as(page, base, "individual")
    page.goto(f"{base}/petitions/mine/")
    page.click("[data-testid=file-new]")
    form = page.locator("[data-testid=portal-file-form]")
    form.locator("select[name=category]").select_option(label="欠薪投诉")
    form.locator("[name=title]").fill("东湖某工地拖欠工资")
    form.locator("[name=content]").fill("工地拖欠三个月工资，共十二人。")
    form.locator("[name=petitioner_name]").fill("居民A1")
    form.locator("[name=petitioner_phone]").fill("13700137000")
    form.locator("button[type=submit]").click()
    # The citizen reads the state in plain words (Workflow.for_parties): "received".
    expect(page.locator("[data-testid=order-state]")).to_have_text("已收到")
    order = WorkOrder.objects.get(title="东湖某工地拖欠工资")

    # The petitions office dispatches it; the suggested unit is the citizen's street.
    _as(page, base, "xf_staff")
    page.goto(f"{base}/petitions/{order.pk}/")
    open_action(page, "dispatch")
    expect(page.locator("#action-dialog select[name=unit] option:checked")).to_contain_text("东湖街道")
    _act(page, "dispatch")
    expect(page.locator("[data-testid=order-state]")).to_have_text(_zh(WorkOrderState.DISPATCHED))

    # The street finds it in its to-do, signs for it and replies.
    _as(page, base, "street_staff")
    page.goto(f"{base}/core/todo/")
    page.locator("[data-testid=todo]").get_by_text("东湖某工地拖欠工资").click()
    _act(page, "sign")
    expect(page.locator("[data-testid=order-state]")).to_have_text(_zh(WorkOrderState.HANDLING))
    _act(page, "reply", reply="已约谈企业负责人，限期三日内支付。")
    expect(page.locator("[data-testid=order-state]")).to_have_text(_zh(WorkOrderState.REPLIED))

    # The citizen is not satisfied: the order goes back to the street.
    _as(page, base, "individual")
    page.goto(f"{base}/petitions/mine/{order.pk}/")
    expect(page.locator("[data-testid=order-reply]")).to_contain_text("限期三日内支付")
    _act(page, "rate_rework", reason="工资仍未到账")
    expect(page.locator("[data-testid=order-state]")).to_have_text(_zh(WorkOrderState.HANDLING))

    _as(page, base, "xf_head")
    assert _board_satisfaction(page, base).startswith("0")

    # Rework: the street replies again and the citizen is satisfied; the board follows.
    _as(page, base, "street_staff")
    page.goto(f"{base}/petitions/{order.pk}/")
    _act(page, "reply", reply="工资已足额支付。")
    _as(page, base, "individual")
    page.goto(f"{base}/petitions/mine/{order.pk}/")
    _act(page, "rate", satisfaction="满意")
    expect(page.locator("[data-testid=order-state]")).to_have_text(_zh(WorkOrderState.CLOSED))
    _as(page, base, "xf_head")
    assert _board_satisfaction(page, base).startswith("100")
    page.locator("tfoot [data-testid=satisfaction-rate]").click()
    expect(page.locator("[data-testid=workorder-table]")).to_contain_text("东湖某工地拖欠工资")
    assert errors == []
