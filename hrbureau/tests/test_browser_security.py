"""In headless Chromium, at desktop and phone width: the sign-in lock's answer and the 429 page of a
rate-limited public look-up read well in Chinese and English and fit the screen."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _shot(page: Page, name: str) -> None:
    """Keep a screenshot for a person to look at when HRBUREAU_SCREENSHOTS names a directory."""
    directory = os.environ.get("HRBUREAU_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def _fits(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], "the page scrolls sideways"  # type: ignore[index]


@pytest.mark.parametrize(("size", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_sign_in_lock_and_the_429_page(
    transactional_db: Any, world: Any, live_server: Any, page: Page, settings: Any, size: Any, label: str
) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public-lookup-address": "2/h"}
    page.set_viewport_size(size)
    base = live_server.url
    # Five wrong passwords: the fifth answer says the name is locked from here, and until when.
    page.goto(f"{base}/accounts/login/")
    for _ in range(5):
        page.fill("#id_username", "dept_staff")
        page.fill("#id_password", "wrong-password")
        page.click("[data-testid=login-form] button[type=submit]")
    expect(page.locator("[data-testid=login-error]")).to_contain_text("该用户名已被锁定")
    _fits(page)
    _shot(page, f"login-locked-zh-{label}")

    # The third look-up from this address within the hour: 429 with the reason and when to retry.
    for n in range(3):
        page.goto(f"{base}/arbitration/query/?number=X{n}&identifier=91350100M000100Y43")
    expect(page.locator("[data-testid=rate-limited]")).to_contain_text("您所在网络的查询过于频繁")
    expect(page.locator("[data-testid=rate-limited]")).to_contain_text("分钟后可以再试")
    _fits(page)
    _shot(page, f"query-429-zh-{label}")

    page.context.add_cookies([{"name": "hrbureau_language", "value": "en", "url": base}])
    page.reload()
    expect(page.locator("[data-testid=rate-limited]")).to_contain_text("Too many look-ups from your network")
    expect(page.locator("[data-testid=rate-limited]")).to_contain_text(
        re.compile(r"You can try again in about \d+ minutes?\.")
    )
    _fits(page)
    _shot(page, f"query-429-en-{label}")
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "dept_staff")
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    expect(page.locator("[data-testid=login-error]")).to_contain_text("cannot sign in from here until")
    _fits(page)
    _shot(page, f"login-locked-en-{label}")
