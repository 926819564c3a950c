"""In headless Chromium: an enterprise files a demand on its portal → the department routes it to the
enterprise's street → the street replies → the enterprise reads the reply and rates it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hrbureau.enterprises.models import EnterpriseDemand
from hrbureau.enterprises.tests.demand_helpers import reinstall_periods
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser


@pytest.fixture
def signed_in(browser: Browser, live_server: Any) -> Iterator[Callable[[str], Page]]:
    contexts = []

    def sign_in(username: str) -> Page:
        context = browser.new_context(locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "Secret#2026")
        with page.expect_navigation():
            page.click("[data-testid=login-form] button[type=submit]")
        assert "/accounts/login/" not in page.url
        return page

    yield sign_in
    for context in contexts:
        context.close()


def test_an_enterprise_files_a_demand_staff_route_and_reply_and_it_rates_the_reply(
    transactional_db: Any, world: Any, live_server: Any, signed_in: Callable[[str], Page]
) -> None:
    reinstall_periods()
    base = live_server.url
    # The enterprise files its demand on the portal, from its list
    enterprise = signed_in("enterprise")
    enterprise.goto(f"{base}/enterprises/demands/mine/")
    enterprise.click("[data-testid=file-demand]")
    form = enterprise.locator("[data-testid=demand-file-form]")
    form.locator("[name=kind]").select_option("recruitment")
    form.locator("[name=title]").fill("急需招聘普工30名")
    form.locator("[name=description]").fill("新接订单，普工缺口30人，请协助对接劳务资源。")
    form.locator("[name=contact_phone]").fill("13800138000")
    with enterprise.expect_navigation():
        form.locator("button[type=submit]").click()
    demand = EnterpriseDemand.objects.get(title="急需招聘普工30名")
    expect(enterprise.locator("body")).to_contain_text(demand.number)
    expect(enterprise.locator("body")).to_contain_text("已收到")

    # The department routes it to the enterprise's street
    staff = signed_in("dept_staff")
    staff.goto(f"{base}/enterprises/demands/?q=普工缺口")
    staff.click(f"text={demand.number}")
    act(staff, "route", unit=str(world.units["street-a"].pk))
    expect(staff.locator("body")).to_contain_text("已分办")

    # The street replies
    street = signed_in("street_staff")
    street.goto(f"{base}/enterprises/demands/{demand.pk}/")
    act(street, "reply", reply="已推送至区公共招聘平台，并安排参加本周五专场招聘会。")
    expect(street.locator("body")).to_contain_text("已答复")

    # The enterprise reads the reply and rates it
    enterprise.goto(f"{base}/enterprises/demands/mine/{demand.pk}/")
    expect(enterprise.locator("[data-testid=demand-reply]")).to_contain_text("专场招聘会")
    act(enterprise, "rate", rating="4", comment="对接及时")
    expect(enterprise.locator("[data-testid=demand-rating]")).to_contain_text("4 / 5")
    demand.refresh_from_db()
    assert (demand.state, demand.rating, demand.rating_comment) == ("closed", 4, "对接及时")
