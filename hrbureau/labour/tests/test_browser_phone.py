"""On a phone-sized screen in headless Chromium: the grid worker inspects an enterprise and records a
risk, the street takes it up and resolves it, the department verifies it, and the screening figures
count it — each step through the real pages."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Page, expect

from hrbureau.labour.choices import RiskState
from hrbureau.labour.models import Inspection, Risk
from hrbureau.labour.services import checklist_for
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.context.add_cookies([{"name": "hrbureau_language", "value": "en", "url": base}])
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_inspect_record_resolve_verify_and_the_figures_follow(
    transactional_db: Any, world: Any, lab: dict[str, Any], live_server: Any, page: Page
) -> None:
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.set_viewport_size(PHONE)
    enterprise = world.enterprises["a1"]

    # The grid worker finds the enterprise by a fragment of its name and inspects it.
    _as(page, base, "grid_worker")
    page.goto(f"{base}/labour/visits/")
    page.fill("#q", "A1科技")
    page.click("[data-testid=visit-search] button[type=submit]")
    page.locator("[data-testid=found] a").first.click()
    page.wait_for_load_state()
    _fits(page)
    for item in checklist_for("routine"):
        answer = "no" if item.code == "wages_on_time" else "yes"
        page.click(f"label[for=q_{item.code}-{answer}]")
    # Saved without the risk: refused on the page, nothing written, the answers kept.
    page.click("[data-testid=save-inspection]")
    expect(page.locator("[data-testid=inspection-error]")).to_contain_text("record the risk")
    assert not Inspection.objects.exists()
    expect(page.locator("#q_wages_on_time-no")).to_be_checked()
    page.select_option("#id_risk0_type", "wage_arrears")
    page.select_option("#id_risk0_severity", "serious")
    page.fill("#id_risk0_workers", "6")
    page.fill("#id_risk0_arrears", "36000")
    page.fill("#id_risk0_description", "拖欠6名工人两个月工资")
    page.click("[data-testid=save-inspection]")
    page.wait_for_load_state()
    expect(page.locator("[data-testid=risks] a")).to_have_count(1)
    risk = Risk.objects.get()
    assert risk.enterprise == enterprise
    page.locator("[data-testid=risks] a").click()
    page.wait_for_load_state()
    _fits(page)
    # The grid worker may escalate but not assign.
    expect(page.locator("[data-testid=case-actions] [data-action=escalate]")).to_have_count(1)
    expect(page.locator("[data-testid=case-actions] [data-action=assign]")).to_have_count(0)

    # The street assigns it to itself, takes it up and resolves it.
    _as(page, base, "street_staff")
    page.goto(f"{base}/labour/risks/{risk.pk}/")
    act(page, "assign", unit=str(world.units["street-a"].pk))
    act(page, "take_up")
    act(page, "resolve", resolution="约谈企业负责人，工资已补发")
    expect(page.locator("[data-testid=state]")).to_contain_text("Resolved")
    _fits(page)
    expect(page.locator("[data-testid=case-actions] [data-action=verify]")).to_have_count(
        0
    )  # not the resolver's to verify

    # The department verifies it, and the figures count it resolved.
    _as(page, base, "dept_staff")
    page.goto(f"{base}/labour/risks/{risk.pk}/")
    act(page, "verify")
    expect(page.locator("[data-testid=state]")).to_contain_text("Verified")
    assert Risk.objects.get().state == RiskState.VERIFIED
    page.goto(f"{base}/labour/statistics/")
    expect(page.locator("[data-testid=total-screened]")).to_have_text("1")
    expect(page.locator("[data-testid=total-found]")).to_have_text("1")
    expect(page.locator("[data-testid=total-resolved]")).to_have_text("1")
    expect(page.locator("[data-testid=total-rate]")).to_contain_text("100")
    page.click("[data-testid=total-resolved]")
    page.wait_for_load_state()
    expect(page.locator("[data-testid=risk-table] tbody tr")).to_have_count(1)
    # The refused save answered 422 on purpose; nothing else may complain (a CSP violation, a script).
    assert [e for e in errors if "422" not in e] == [], errors


def test_the_grid_worker_records_a_survey_visit_in_its_dialog(
    transactional_db: Any, world: Any, lab: dict[str, Any], live_server: Any, page: Page
) -> None:
    from hrbureau.labour import sampling
    from hrbureau.labour.choices import SurveyState

    base = live_server.url
    page.set_viewport_size(PHONE)
    sample = sampling.sample_draw(actor=lab["staff"], name="全区抽样", size=4, seed=3, strata=[])
    mine = sample.members.get(enterprise=world.enterprises["a1"])
    _as(page, base, "grid_worker")
    page.goto(f"{base}/labour/visits/")
    task = page.locator(f"#survey-{mine.pk}")
    # Not surveyed: the dialog asks why, and refuses without it.
    task.locator("[data-action=unreachable]").click()
    form = page.locator("#action-dialog form[data-action=unreachable]")
    expect(form).to_be_visible()
    _fits(page)
    page.locator("#action-dialog [data-action=unreachable] button[type=submit]").click()
    # The refusal (422) comes back as the form again with the note's error: wait for it, or the note is
    # filled into the form that answer is about to replace.
    expect(form.locator("[data-field-error=note]")).to_be_visible()
    expect(form.locator("[name=note]")).to_be_visible()
    assert mine.__class__.objects.get(pk=mine.pk).state == SurveyState.PENDING
    form.locator("[name=note]").fill("企业已搬离")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert page.url.endswith("/labour/visits/")
    expect(page.locator(f"#survey-{mine.pk}")).to_have_count(0)
    mine.refresh_from_db()
    assert (mine.state, mine.note, mine.surveyed_by) == (SurveyState.UNREACHABLE, "企业已搬离", lab["grid"])
