"""In headless Chromium: two roles sign in, switch language, see their navigation, are refused another's page."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")


def _sign_out(page: Page) -> None:
    page.click("[data-testid=user-menu]")
    page.click("[data-testid=logout]")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def test_two_roles_language_switch_navigation_and_refusal(
    transactional_db: Any, world: Any, live_server: Any, page: Page
) -> None:
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    base = live_server.url

    # A street worker: Chinese by default, the workbench with the street's navigation.
    _sign_in(page, base, "street_staff")
    expect(page).to_have_url(f"{base}/workbench/")
    expect(page.locator("h2.page-title")).to_have_text("工作台")
    nav = page.locator("[data-testid=main-nav] [data-nav]")
    expect(nav).to_have_count(31)  # talent: registers +3, internship +1, certification +3; personnel +4
    assert set(nav.evaluate_all("links => links.map(l => l.dataset.nav)")) == {
        "workbench",
        "todo",
        "inbox",
        "workorders",
        "workorder_board",
        "enterprises",
        "people",
        "orgunits",
        # labour-risk early warning in the street
        "my_visits",
        "labour_risks",
        "inspections",
        "early_warning",
        "samples",
        "screening_statistics",
        # enterprise services and policies, read for the street
        "key_enterprises",
        "labour_demand",
        "enterprise_demands",
        "policy_library",
        "policy_matches",
        "policy_grants",
        # --- registers --- the talent registers, read for the street
        "talent_stations",
        "talent_park",
        "talent_entrants",
        # --- internship ---
        "internships",
        # --- certification: talent intake and certification, read for the street ---
        "talent_intakes",
        "talent_certifications",
        "talent_register",
        # --- personnel records: read for the street's own staff ---
        "personnel_staff",
        "personnel_certifications",
        "personnel_promotions",
        "personnel_emergency",
    }

    # Switching to English reloads the page in English and is remembered.
    page.select_option("[data-testid=language-select]", "en")
    expect(page.locator("h2.page-title")).to_have_text("Workbench")
    page.goto(f"{base}/accounts/org-units/")
    expect(page.locator("h2.page-title")).to_have_text("Organisation")

    # The audit log belongs to the system administrator: refused, in English.
    response = page.goto(f"{base}/core/audit/")
    assert response is not None
    assert response.status == 403
    expect(page.locator("[data-testid=forbidden]")).to_contain_text("You are not allowed to open this page.")
    _sign_out(page)

    # The system administrator sees the audit log, with the refusal just recorded in it.
    _sign_in(page, base, "sysadmin")
    page.select_option("[data-testid=language-select]", "zh-hans")
    expect(page.locator("h2.page-title")).to_have_text("工作台")
    navs = set(
        page.locator("[data-testid=main-nav] [data-nav]").evaluate_all(
            "links => links.map(l => l.dataset.nav)"
        )
    )
    assert navs == {
        "workbench",
        "todo",
        "inbox",
        "workorders",
        "workorder_board",
        "dashboard",
        "enterprises",
        "people",
        "imports",
        "orgunits",
        "audit",
        "admin",
    }
    page.click("[data-nav=audit]")
    expect(page.locator("[data-testid=audit-table]")).to_contain_text("拒绝访问")
    expect(page.locator("[data-testid=audit-table]")).to_contain_text("street_staff")
    _sign_out(page)

    # An enterprise user gets the portal, not the workbench.
    _sign_in(page, base, "enterprise")
    expect(page).to_have_url(f"{base}/portal/")
    expect(page.locator("[data-testid=portal-identity]")).to_contain_text(world.enterprises["a1"].uscc)
    response = page.goto(f"{base}/workbench/")
    assert response is not None
    assert response.status == 403
    assert errors == [] or all("403" in e or "Forbidden" in e for e in errors), errors


def test_phone_sized_screen_shows_the_collapsed_menu(
    transactional_db: Any, world: Any, live_server: Any, page: Page
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    _sign_in(page, live_server.url, "grid_worker")
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("[data-nav=orgunits]")).to_be_hidden()
    toggler.click()
    expect(page.locator("[data-nav=orgunits]")).to_be_visible()
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
