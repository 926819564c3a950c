"""The policy item's draft form in headless Chromium: eligibility built with the row editor (field,
operator, value) becomes the rules language's JSON, the preview says who qualifies, the draft is saved;
the head of department reviews and publishes it from the item page; it shows in the public library on a
phone."""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "hrbureau_language", "value": "zh-hans", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def test_write_preview_review_publish_and_read_in_public(
    transactional_db: Any, world: Any, live_server: Any, page: Page
) -> None:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.policies.models import PolicyItem

    EnterpriseFactory(employees=80, name="八十人企业")
    EnterpriseFactory(employees=3, name="三人企业")
    base = live_server.url
    _sign_in(page, base, "dept_staff")
    page.goto(f"{base}/policies/items/new/")
    page.fill("[name=number]", "B-1")
    page.fill("[name=title]", "稳岗补贴（浏览器）")
    page.click("[data-eligibility-add]")
    row = page.locator("[data-eligibility-row]").first
    row.locator("select").nth(0).select_option("employees")
    row.locator("select").nth(1).select_option("gte")
    row.locator("input").fill("50")
    written = json.loads(page.locator("[data-eligibility-json]").input_value())
    assert written == {"all": [{"field": "employees", "op": "gte", "value": "50"}]}
    for name, value in {
        "guide_materials": "营业执照",
        "guide_steps": "线上申请",
        "guide_where": "政务服务中心",
        "guide_contact": "0571-1234",
    }.items():
        page.fill(f"[name={name}]", value)
    with page.expect_navigation():
        page.click("[data-testid=preview-item]")
    expect(page.locator("[data-testid=preview-sample]")).to_contain_text("八十人企业")
    expect(page.locator("[data-testid=preview-sample]")).not_to_contain_text("三人企业")
    # The rows are read back from the JSON the page came back with.
    expect(page.locator("[data-eligibility-row]")).to_have_count(1)
    with page.expect_navigation():
        page.click("[data-testid=save-item]")
    item = PolicyItem.objects.get(number="B-1")
    assert item.eligibility == {"all": [{"field": "employees", "op": "gte", "value": "50"}]}
    _sign_in(page, base, "dept_head")
    page.goto(f"{base}/policies/items/{item.pk}/")
    act(page, "review")
    act(page, "publish")
    item.refresh_from_db()
    assert item.state == "published"
    assert item.published_on is not None
    page.context.clear_cookies()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/policies/library/")
    page.click("text=稳岗补贴（浏览器）")
    expect(page.locator("[data-testid=claim-guide]")).to_contain_text("0571-1234")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
