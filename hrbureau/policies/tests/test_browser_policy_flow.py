"""In headless Chromium: a published 快申快享 policy → the enterprise applies on the portal with its
materials → the department's staff start the review and approve level 1, its head approves level 2 →
the payout is recorded → the enterprise sees its application paid, with the amount, and its grant."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hrbureau.policies.models import PolicyApplication
from hrbureau.policies.tests.conftest import published_item
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(browser: Browser) -> Iterator[Any]:
    contexts = []

    def page_for(base: str, username: str) -> Page:
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.goto(f"{base}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "Secret#2026")
        page.click("[data-testid=login-form] button[type=submit]")
        page.wait_for_load_state()
        return page

    yield page_for
    for context in contexts:
        context.close()


def test_apply_on_the_portal_approve_at_two_levels_pay_and_the_enterprise_sees_it_paid(
    transactional_db: Any, world: Any, live_server: Any, pages: Any
) -> None:
    import importlib

    from django.apps import apps

    # A transactional test empties every table afterwards: the payout limit the data migration installs
    # is put back for this one.
    importlib.import_module("hrbureau.policies.migrations.0003_time_limits").forward(apps, None)
    base = live_server.url
    item = published_item(
        title="小微企业社保补贴",
        approval_levels=2,
        amount=Decimal("5000"),
        department=world.units["labour_relations"],
    )
    # The enterprise applies with its materials.
    enterprise = pages(base, "enterprise")
    enterprise.goto(f"{base}/policies/items/{item.pk}/apply/")
    expect(enterprise.locator("[data-testid=claim-guide]")).to_contain_text("营业执照")
    form = enterprise.locator("[data-testid=apply-form]")
    form.locator("[name=statement]").fill("今年新招用员工12人，申请社保补贴。")
    form.locator("[name=materials]").set_input_files(
        files=[{"name": "营业执照.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 licence"}]
    )
    with enterprise.expect_navigation():
        enterprise.click("[data-testid=apply-submit]")
    application = PolicyApplication.objects.get()
    assert enterprise.url.endswith(f"/policies/my/applications/{application.pk}/")
    expect(enterprise.locator("h2, .page-title").first).to_contain_text(application.number)
    # The department's staff start the review and approve level 1.
    staff = pages(base, "dept_staff")
    staff.goto(f"{base}/policies/applications/{application.pk}/")
    act(staff, "start_review")
    act(staff, "approve_level", opinion="材料齐全，同意。")
    application.refresh_from_db()
    assert (application.state, application.levels_approved) == ("in_review", 1)
    # The same person is offered no second level; the head approves level 2.
    expect(staff.locator("[data-testid=case-actions] [data-action=approve]")).to_have_count(0)
    head = pages(base, "dept_head")
    head.goto(f"{base}/policies/applications/{application.pk}/")
    act(head, "approve", opinion="同意拨付。", amount_approved="5000")
    act(head, "pay", amount="5000", reference="GK-2026-0001")
    application.refresh_from_db()
    assert application.state == "paid"
    assert application.payment_reference == "GK-2026-0001"
    # The enterprise sees it paid, and the grant among its own.
    enterprise.goto(f"{base}/policies/my/applications/{application.pk}/")
    expect(enterprise.locator("[data-testid=paid-amount]")).to_have_text("5000.00")
    enterprise.goto(f"{base}/policies/my/grants/")
    expect(enterprise.locator("[data-testid=portal-grants]")).to_contain_text("小微企业社保补贴")
    expect(enterprise.locator("[data-testid=portal-grants]")).to_contain_text("5000.00")


def test_a_policy_published_in_the_page_reaches_the_enterprise_which_applies_and_is_paid(
    transactional_db: Any, world: Any, live_server: Any, pages: Any, settings: Any
) -> None:
    """The whole line in one walk: a department head publishes a reviewed draft on its page; matching runs
    after the publication commits (the task, run at once here as the worker would); the enterprise finds
    it pushed in "policies for you" with why it qualifies, applies, and is paid."""
    import importlib

    from django.apps import apps

    from hrbureau.enterprises.models import Enterprise
    from hrbureau.policies.models import PolicyMatch
    from hrbureau.policies.tests.items import make_item

    importlib.import_module("hrbureau.policies.migrations.0003_time_limits").forward(apps, None)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    base = live_server.url
    a1 = world.enterprises["a1"]  # the world's enterprise user speaks for A1
    Enterprise.objects.filter(pk=a1.pk).update(employees=40)
    draft = make_item(
        world.users["dept_staff"],
        "ZC-E2E-1",
        title="稳岗留工补贴",
        benefit="在岗员工30人以上的企业一次性补贴3000元。",
        kind="apply",
        amount_rule="fixed",
        amount=Decimal("3000"),
        eligibility={"all": [{"field": "employees", "op": "gte", "value": 30}]},
    )
    # The head reviews and publishes it on its page.
    head = pages(base, "dept_head")
    head.goto(f"{base}/policies/items/{draft.pk}/")
    act(head, "review")
    act(head, "publish")
    draft.refresh_from_db()
    assert draft.state == "published"
    match = PolicyMatch.objects.get(item=draft, enterprise=a1)
    # The enterprise finds it among its policies, with why it qualifies, and applies.
    enterprise = pages(base, "enterprise")
    enterprise.goto(f"{base}/policies/mine/")
    card = enterprise.locator(f"[data-testid=match-{match.pk}]")
    expect(card).to_contain_text("稳岗留工补贴")
    expect(card.locator("[data-testid=why]")).to_contain_text("40")
    with enterprise.expect_navigation():
        card.locator("[data-testid=apply]").click()
    form = enterprise.locator("[data-testid=apply-form]")
    form.locator("[name=statement]").fill("在岗员工40人，申请稳岗留工补贴。")
    form.locator("[name=materials]").set_input_files(
        files=[{"name": "社保缴费清单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 list"}]
    )
    with enterprise.expect_navigation():
        enterprise.click("[data-testid=apply-submit]")
    application = PolicyApplication.objects.get(item=draft)
    match.refresh_from_db()
    assert match.state == "applied"
    # The department reviews, approves (one level) and pays.
    staff = pages(base, "dept_staff")
    staff.goto(f"{base}/policies/applications/{application.pk}/")
    act(staff, "start_review")
    head.goto(f"{base}/policies/applications/{application.pk}/")
    act(head, "approve", opinion="同意。", amount_approved="3000")
    act(head, "pay", amount="3000", reference="GK-E2E-1")
    application.refresh_from_db()
    match.refresh_from_db()
    assert (application.state, match.state) == ("paid", "granted")
    enterprise.goto(f"{base}/policies/my/applications/{application.pk}/")
    expect(enterprise.locator("[data-testid=paid-amount]")).to_have_text("3000.00")
