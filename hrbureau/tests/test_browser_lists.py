"""A declared list in headless Chromium: on a phone (390×844) each row is a card headed by its first
column, with the other columns as labelled lines and the ones declared ``card=False`` left off, nothing
wider than the screen; the total and the page size work; at the desk (1280×900) it is a table again."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hrbureau.petitions.tests.conftest import office  # noqa: F401 - a fixture

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.add_cookies([{"name": "hrbureau_language", "value": "zh-hans", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def test_a_list_is_a_card_per_row_on_a_phone(
    transactional_db: Any,
    world: Any,
    office: dict[str, Any],  # noqa: F811
    live_server: Any,
    page: Page,
) -> None:
    from hrbureau.petitions.tests.factories import make_order

    for n in range(25):
        make_order(category=office["categories"]["wages"], title=f"拖欠工资第{n}件，涉及十二名工人三个月工资")
    base = live_server.url
    page.set_viewport_size(PHONE)
    _sign_in(page, base, "xf_staff")
    page.goto(f"{base}/petitions/")
    expect(page.locator("[data-testid=workorder-total]")).to_have_text("共 25 条")
    cards = page.locator("[data-testid=workorder-table] tbody tr")
    expect(cards).to_have_count(20)
    first = cards.first
    # The card's heading is its first column, without a label; the next lines carry theirs.
    heading = first.locator("td").first
    assert heading.evaluate("td => getComputedStyle(td, '::before').content") in ("none", "normal")
    assert first.locator("td").nth(1).evaluate("td => getComputedStyle(td, '::before').content") == '"标题"'
    expect(first.locator("td[data-label=渠道]")).to_be_hidden()  # declared card=False
    expect(first.locator("td[data-label=状态]")).to_be_visible()
    expect(page.locator("[data-testid=workorder-table] thead")).to_be_hidden()
    # Each card is a box of its own, inside the screen; nothing scrolls sideways.
    boxes = [cards.nth(i).bounding_box() for i in range(3)]
    assert all(b is not None and b["x"] >= 0 and b["x"] + b["width"] <= PHONE["width"] for b in boxes)
    assert boxes[0]["y"] + boxes[0]["height"] <= boxes[1]["y"]  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The page size: 50 rows show every order; the choice submits itself.
    page.select_option("[data-testid=page-size] select", "50")
    page.wait_for_url("**per_page=50**")
    expect(cards).to_have_count(25)
    expect(page.locator("a[rel=next]")).to_have_count(0)

    # Searching as one types narrows the cards and the total.
    page.locator("[data-filters-toggle]").click()
    page.fill("[data-testid=workorder-q]", "第7件")
    expect(page.locator("[data-testid=workorder-total]")).to_have_text("共 1 条")
    expect(cards).to_have_count(1)

    # At the desk the same list is a table with its header and every column.
    page.set_viewport_size(DESK)
    page.goto(f"{base}/petitions/")
    expect(page.locator("[data-testid=workorder-table] thead")).to_be_visible()
    expect(
        page.locator("[data-testid=workorder-table] tbody tr").first.locator("td[data-label=渠道]")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= DESK["width"]
