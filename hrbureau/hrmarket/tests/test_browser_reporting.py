"""In headless Chromium: a reporting enterprise reports its figures on the portal — opens the last month's
report from its figures page, types its figures as people do (with separators and full-width digits) and
submits them — and the HR-market department accepts them on the case page, and the industry page counts
and charts them; the enterprise sees them accepted."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hrbureau.enterprises.models import EnterpriseTag
from hrbureau.hrmarket import reporting
from hrbureau.hrmarket.models import REPORTING_TAG, IndustryReport
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "hrbureau_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def test_an_enterprise_submits_its_figures_and_staff_accept(
    transactional_db: Any, world: Any, live_server: Any, page: Page
) -> None:
    import importlib

    from django.apps import apps
    from django.utils import timezone

    # A transactional test empties every table afterwards: the rows the data migrations install (the
    # enterprise tags, the reporting setting) are put back for this one.
    importlib.import_module("hrbureau.enterprises.migrations.0004_default_tags").create(apps, None)
    importlib.import_module("hrbureau.hrmarket.migrations.0007_default_reporting_setting").create(apps, None)
    world.enterprises["a1"].tags.add(EnterpriseTag.objects.get(code=REPORTING_TAG))
    period = reporting.last_ended_period(timezone.localdate())
    assert period is not None
    base = live_server.url

    # The enterprise opens its figures page from the portal menu's address and reports last month.
    _sign_in(page, base, "enterprise")
    page.goto(f"{base}/hrmarket/portal/figures/")
    with page.expect_navigation():
        page.click(f"[data-testid=report-{period.pk}]")
    act(
        page,
        "submit",
        revenue="1,250,000.50",
        staff="４２",
        placements="130",
        people_served="900",
        dispatched="0",
    )
    report = IndustryReport.objects.get(enterprise=world.enterprises["a1"], period=period)
    assert report.state == "submitted"
    expect(page.locator("[data-testid=report-figures]")).to_contain_text("1250000.50")

    # The department finds it among the reports and accepts it.
    _sign_in(page, base, "dept_staff")
    page.goto(f"{base}/hrmarket/industry/reports/?state=submitted")
    with page.expect_navigation():
        page.locator("[data-testid=industryreport-table] a", has_text=world.enterprises["a1"].name).click()
    act(page, "accept")
    report.refresh_from_db()
    assert report.state == "accepted"
    # The industry page counts it, and draws its trend with the vendored ECharts.
    page.goto(f"{base}/hrmarket/industry/?period={period.pk}")
    expect(page.locator("[data-testid=industry-chart]")).to_have_attribute("data-chart-ready", "true")
    expect(page.locator(f"[data-kpi=submitted-{period.pk}]")).to_have_text("1")

    # The enterprise sees it accepted.
    _sign_in(page, base, "enterprise")
    page.goto(f"{base}/hrmarket/portal/figures/")
    expect(page.locator("[data-testid=portal-reports]")).to_contain_text(str(period))
    expect(page.locator("[data-testid=portal-reports]")).to_contain_text("Accepted")
