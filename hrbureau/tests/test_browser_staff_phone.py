"""Staff pages in headless Chromium at phone size (390×844) and at desk size (1280×900): the grid worker's
landing page lists their visits with the address; a list's filters fold away behind one button on the
phone and stay open at the desk; dates in tables keep to one line and nothing runs out of a table cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESK = {"width": 1280, "height": 900}


def _as(page: Page, base: str, username: str, language: str = "zh-hans") -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "hrbureau_language", "value": language, "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def _fits(page: Page) -> None:
    width = page.viewport_size["width"] if page.viewport_size else 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width, page.url


def _wrapped_dates(page: Page) -> list[str]:
    """Dates in tables laid out on more than one line."""
    return page.evaluate(
        """() => [...document.querySelectorAll('td .text-nowrap, td.text-nowrap')]
            .filter(el => /\\d{4}-\\d{2}-\\d{2}/.test(el.textContent))
            .filter(el => {
              const range = document.createRange();
              range.selectNodeContents(el);
              const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
              return tops.size > 1;
            })
            .map(el => el.textContent.trim())"""
    )


def _overflowing_cells(page: Page) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('td')]
            .filter(td => td.scrollWidth > td.clientWidth + 1)
            .map(td => td.textContent.trim().slice(0, 40))"""
    )


@pytest.fixture
def day(transactional_db: Any, world: Any) -> dict[str, Any]:
    from hrbureau.labour import sampling, services
    from hrbureau.labour.tests.conftest import arrears, reinstall_defaults

    reinstall_defaults()
    staff = world.users["dept_staff"]
    today = timezone.localdate()
    for key in ("a1", "a2", "b1"):
        services.risk_record(
            actor=staff,
            enterprise=world.enterprises[key],
            risk=arrears("serious", description="拖欠12名工人三个月工资，合计约18万元"),
            found_on=today - dt.timedelta(days=3),
        )
    plan = services.plan_create(
        actor=staff,
        name="冬季根治欠薪专项排查",
        kind="special",
        starts_on=today - dt.timedelta(days=2),
        ends_on=today + dt.timedelta(days=12),
        enterprise_ids=[world.enterprises["a1"].pk, world.enterprises["b1"].pk],
    )
    sampling.sample_draw(actor=staff, name="劳动用工情况抽样调查", size=4, seed=5, strata=[])
    return {"plan": plan}


def test_the_grid_workers_landing_page_on_a_phone(
    day: dict[str, Any], world: Any, live_server: Any, page: Page
) -> None:
    page.set_viewport_size(PHONE)
    _as(page, live_server.url, "grid_worker")
    todo = page.locator("[data-testid=todo]")
    expect(todo).not_to_contain_text("暂无待办")
    enterprise = world.enterprises["a1"]
    expect(todo.locator("[data-testid=todo-item]")).to_have_count(2)  # the planned visit and the survey visit
    expect(todo).to_contain_text("计划走访")
    expect(todo).to_contain_text("调查走访")
    expect(todo.locator("[data-testid=todo-detail]").first).to_have_text(enterprise.registered_address)
    _fits(page)
    assert _wrapped_dates(page) == []
    # The planned visit opens the inspection form for it
    todo.locator(f"a[href*='target={day['plan'].targets.get(enterprise=enterprise).pk}']").click()
    page.wait_for_load_state()
    expect(page.locator("h2.page-title")).to_have_text(enterprise.name)
    expect(page.locator("#id_workers_present")).to_have_attribute("inputmode", "numeric")
    expect(page.locator("#id_risk0_arrears")).to_have_attribute("inputmode", "decimal")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_filters_fold_away_on_a_phone_and_stay_at_the_desk(
    day: dict[str, Any], live_server: Any, page: Page, language: str
) -> None:
    base = live_server.url
    page.set_viewport_size(PHONE)
    for username, path in (
        ("street_staff", "/petitions/"),
        ("arbitration_clerk", "/arbitration/"),
        ("dept_staff", "/people/"),
        ("dept_staff", "/enterprises/"),
        ("dept_staff", "/labour/inspections/"),
        ("dept_staff", "/labour/risks/"),
    ):
        _as(page, base, username, language)
        page.goto(f"{base}{path}")
        panel = page.locator("form[data-filters]")
        toggle = page.locator("[data-filters-toggle]")
        expect(panel).to_be_hidden()
        expect(toggle).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(panel).to_be_visible()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        _fits(page)
        assert _overflowing_cells(page) == [], path
        assert _wrapped_dates(page) == [], path
    # A filter that is set is counted on the button
    page.goto(f"{base}/labour/risks/?severity=serious&found_from=2026-01-01")
    expect(page.locator("[data-filters-toggle]")).to_have_text(
        ("筛选条件" if language == "zh-hans" else "Filters") + " · 2"
    )
    rows = page.locator("[data-testid=risk-table] tbody tr")
    expect(rows).to_have_count(3)
    # At the desk the panel is simply there
    page.set_viewport_size(DESK)
    page.goto(f"{base}/labour/risks/")
    expect(page.locator("form[data-filters]")).to_be_visible()
    expect(page.locator("[data-filters-toggle]")).to_be_hidden()
    assert _wrapped_dates(page) == []
    assert _overflowing_cells(page) == []
