"""In headless Chromium, through the real pages: an officer adds an item to a key enterprise's plan and
completes it (the action's dialog), and the enterprise records a labour need on its portal, on a phone,
and finds it in its list — the staff's list shows it too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hrbureau.enterprises.models import LabourDemand, ServicePlanItem
from hrbureau.enterprises.tests.plan_data import plan_data
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "hrbureau_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def test_an_officer_adds_an_item_and_completes_it(
    transactional_db: Any, world: Any, live_server: Any, page: Page
) -> None:
    plan = plan_data(world)["plan_a1"]
    base = live_server.url
    _as(page, base, "street_staff")
    page.goto(f"{base}/enterprises/key/")
    expect(page.locator("#keyenterprise-results")).to_contain_text("企业A1科技有限公司")
    page.goto(f"{base}/enterprises/plans/{plan.pk}/")
    form = page.locator("[data-testid=item-form]")
    form.locator("[name=area]").select_option("training")
    form.locator("[name=task]").fill("组织数控技能提升培训")
    form.locator("[name=due_on]").fill((timezone.localdate() + dt.timedelta(days=7)).isoformat())
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    item = ServicePlanItem.objects.get(task="组织数控技能提升培训")
    row = f"#item-{item.pk}"
    expect(page.locator(row)).to_contain_text("Planned")
    act(page, "start", within=row)
    expect(page.locator(row)).to_contain_text("In progress")
    act(page, "complete", within=row, on=timezone.localdate().isoformat())
    expect(page.locator(f"{row} [data-testid=item-state]")).to_have_text("Done")
    item.refresh_from_db()
    assert (item.state, item.done_on, item.progress) == ("done", timezone.localdate(), 100)


def test_an_enterprise_records_a_labour_need_on_its_phone(
    transactional_db: Any, world: Any, live_server: Any, browser: Any
) -> None:
    plan_data(world)
    base = live_server.url
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        _as(page, base, "enterprise")
        page.goto(f"{base}/enterprises/mine/labour-needs/")
        page.click("[data-testid=labour-need-new]")
        form = page.locator("[data-testid=labour-need-form]")
        form.locator("[name=post]").fill("注塑机操作工")
        form.locator("[name=headcount]").fill("6")
        form.locator("[name=skills]").fill("能看懂工艺卡")
        form.locator("[name=wage_min]").fill("5500")
        form.locator("[name=wage_max]").fill("7000")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        expect(page.locator("[data-testid=labour-needs]")).to_contain_text("注塑机操作工 × 6")
        expect(page.locator("[data-testid=labour-needs]")).not_to_contain_text("仓库管理员")  # B1's
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        demand = LabourDemand.objects.get(post="注塑机操作工")
        assert demand.enterprise == world.enterprises["a1"]
        assert demand.on_portal
    finally:
        context.close()
    staff = browser.new_page()
    _as(staff, base, "street_staff")
    staff.goto(f"{base}/enterprises/labour-demand/")
    expect(staff.locator("#labourdemand-results")).to_contain_text("注塑机操作工")
    expect(staff.locator("[data-testid=labour-demand-summary]")).to_be_visible()
    staff.close()
