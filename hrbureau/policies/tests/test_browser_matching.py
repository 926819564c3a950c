"""On a phone (390×844, touch), in headless Chromium: an enterprise opens the notice of its new policy,
lands on "policies for you", reads why it fits and the claim guide; a visitor not registered yet uses the
policy calculator."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hrbureau.enterprises.models import Enterprise
from hrbureau.policies import matching
from hrbureau.policies.models import PolicyMatch
from hrbureau.policies.tests.test_matching import make_item

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def _fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_an_enterprise_on_a_phone_follows_its_push_to_the_policy(
    transactional_db: Any, world: Any, live_server: Any, phone: Page
) -> None:
    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=150)
    item = make_item(title="稳岗补贴")
    matching.match_item(item=item)
    base = live_server.url
    phone.goto(f"{base}/accounts/login/")
    phone.fill("#id_username", "enterprise")
    phone.fill("#id_password", "Secret#2026")
    phone.tap("[data-testid=login-form] button[type=submit]")
    expect(phone).to_have_url(f"{base}/portal/")
    phone.goto(f"{base}/core/inbox/")
    phone.locator("a[href*='/core/inbox/']", has_text="新政策").first.tap()
    expect(phone).to_have_url(f"{base}/policies/mine/")
    expect(phone.locator("[data-testid=my-policies]")).to_contain_text("稳岗补贴")
    expect(phone.locator("[data-testid=why]").first).to_contain_text("150")
    _fits_the_screen(phone)
    phone.locator("[data-testid=my-policies] h3 a", has_text="稳岗补贴").tap()
    expect(phone.locator("[data-testid=guide]")).to_contain_text("营业执照")
    _fits_the_screen(phone)
    assert PolicyMatch.objects.get().state == "read"


def test_a_visitor_uses_the_calculator_on_a_phone(
    transactional_db: Any, live_server: Any, phone: Page
) -> None:
    make_item({"field": "employees", "op": "gte", "value": 20}, title="扩岗补助")
    make_item({"field": "industry_division", "op": "eq", "value": "13"}, title="食品加工补贴")
    phone.goto(f"{live_server.url}/policies/calculator/")
    phone.fill("[name=employees]", "30")
    phone.tap("[data-testid=calculator-form] button[type=submit]")
    expect(phone.locator("[data-testid=qualifies]")).to_contain_text("扩岗补助")
    expect(phone.locator("[data-testid=maybe]")).to_contain_text("食品加工补贴")
    _fits_the_screen(phone)
