"""On a phone (390×844, touch), in headless Chromium: a citizen and an enterprise go from the portal home,
through the collapsed menu and a notice in their inbox, to their own case — never to a refusal. The
enterprise reads the copy of the application served on it, signs for it, and its to-do is empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from hrbureau.arbitration import services
from hrbureau.arbitration.choices import Channel, ClaimKind, DocumentKind, PartyRole, ServiceMethod

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    yield page
    context.close()


def _sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.tap("[data-testid=login-form] button[type=submit]")
    expect(page).to_have_url(f"{base}/portal/")


def _fits_the_screen(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def _open_menu_item(page: Page, key: str) -> None:
    """The portal's menu folds behind its toggler on a phone; each entry reads on one line."""
    item = page.locator(f"[data-testid=main-nav] [data-nav={key}]")
    expect(item).to_be_hidden()
    page.tap("[data-testid=portal-menu-toggle]")
    expect(item).to_be_visible()
    for box in page.locator("[data-testid=main-nav] [data-nav]").evaluate_all(
        "links => links.map(l => l.getBoundingClientRect().height)"
    ):
        assert box < 48, "a menu entry broke over several lines"
    _fits_the_screen(page)
    item.tap()


def _dispute(world: Any) -> Any:
    from hrbureau.arbitration.tests.conftest import applicant, reinstall_defaults, respondent

    reinstall_defaults()
    dispute = services.dispute_file(
        actor=world.users["individual"],
        channel=Channel.ONLINE,
        facts="公司自2025年11月起拖欠工资，经多次催讨未果。",
        parties=[
            applicant(world.people["a1"], e_service_consent=True),
            respondent(world.enterprises["a1"], e_service_consent=True),
        ],
        claims=[services.ClaimInput(ClaimKind.WAGES, "支付2025年11月至2026年1月工资", "18000")],
        documents=["仲裁申请书（网上提交）"],
    )
    services.dispute_accept(actor=world.users["arbitration_clerk"], dispute=dispute)
    return dispute


def test_a_citizen_on_a_phone_opens_their_case_from_a_notice(
    transactional_db: Any, world: Any, live_server: Any, phone: Page
) -> None:
    dispute = _dispute(world)
    base = live_server.url
    _sign_in(phone, base, "individual")
    # The home offers the services, each with its guide, on a screen that does not scroll sideways.
    expect(phone.locator("[data-service=arbitration_apply]")).to_be_visible()
    _fits_the_screen(phone)
    phone.tap("[data-testid=guide-arbitration_apply]")
    expect(phone.locator("[data-testid=guide-materials]")).to_contain_text("仲裁申请书")
    phone.tap("[data-testid=guide-back]")
    expect(phone).to_have_url(f"{base}/portal/")
    # The inbox, through the folded menu; the notice opens the worker's own page of the case.
    _open_menu_item(phone, "portal_inbox")
    notice = phone.locator("[data-testid=notice-link]", has_text="受理。").first
    expect(notice).to_be_visible()
    notice.tap()
    expect(phone).to_have_url(f"{base}/arbitration/mine/{dispute.pk}/")
    expect(phone.locator("h2.page-title")).to_have_text(str(dispute.case_no))
    expect(phone.locator("[data-testid=dispute-state]")).to_have_text("已受理")
    expect(phone.locator("[data-testid=forbidden]")).to_have_count(0)
    _fits_the_screen(phone)


def test_an_enterprise_on_a_phone_reads_signs_and_sees_its_to_do_empty(
    transactional_db: Any, world: Any, live_server: Any, phone: Page
) -> None:
    dispute = _dispute(world)
    services.service_record(
        actor=world.users["arbitration_clerk"],
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.RESPONDENT),
        document=DocumentKind.APPLICATION_COPY,
        method=ServiceMethod.ELECTRONIC,
    )
    base = live_server.url
    _sign_in(phone, base, "enterprise")
    # The document waits in "things waiting for you".
    expect(phone.locator("[data-testid=todo] [data-testid=todo-item]")).to_have_count(1)
    expect(phone.locator("[data-testid=todo]")).to_contain_text("仲裁申请书副本")
    # The notice of the service opens the enterprise's page of the case, not the clerks'.
    _open_menu_item(phone, "portal_inbox")
    phone.locator("[data-testid=notice-link]", has_text="仲裁申请书副本").first.tap()
    expect(phone).to_have_url(f"{base}/arbitration/mine/{dispute.pk}/")
    # As the respondent it reads who applies, what is claimed and why.
    expect(phone.locator("[data-testid=parties]")).to_contain_text(world.people["a1"].name)
    expect(phone.locator("[data-testid=claims]")).to_contain_text("支付2025年11月至2026年1月工资")
    expect(phone.locator("[data-testid=facts]")).to_contain_text("拖欠工资")
    _fits_the_screen(phone)
    # It reads the copy of the application before signing for it, then signs.
    phone.locator("[data-testid=my-documents] a").first.tap()
    expect(phone.locator("[data-testid=document-text]")).to_contain_text("经多次催讨未果")
    expect(phone.locator("[data-testid=download]")).to_be_visible()
    expect(phone.locator("[data-testid=signed-at]")).to_have_text("—")
    _fits_the_screen(phone)
    phone.tap("[data-testid=sign]")
    expect(phone.locator("[data-testid=signed-at]")).not_to_have_text("—")
    # Nothing waits any more.
    _open_menu_item(phone, "portal")
    expect(phone.locator("[data-testid=todo]")).to_contain_text("暂无待办")
    expect(phone.locator("[data-testid=todo] [data-testid=todo-item]")).to_have_count(0)


def test_a_citizen_on_a_phone_files_against_an_employer_found_by_name(
    transactional_db: Any, world: Any, live_server: Any, phone: Page
) -> None:
    from hrbureau.arbitration.models import Dispute
    from hrbureau.arbitration.tests.conftest import reinstall_defaults

    reinstall_defaults()
    employer = world.enterprises["b1"]
    base = live_server.url
    _sign_in(phone, base, "individual")
    phone.tap("[data-testid=start-arbitration_apply]")
    expect(phone.locator("[data-testid=filing-as]")).to_contain_text(world.people["a1"].name)
    form = phone.locator("[data-testid=dispute-file-form]")
    # Typing part of the employer's name offers the registered enterprise: its name, a masked code, its street.
    form.locator("[name=respondent_name]").fill(employer.name[:6])
    suggestion = phone.locator("[data-testid=respondent-suggestions] button", has_text=employer.name)
    expect(suggestion).to_contain_text(employer.uscc[:6] + "********" + employer.uscc[-4:])
    expect(suggestion).to_contain_text("西岭街道")
    suggestion.tap()
    expect(form.locator("[name=respondent_name]")).to_have_value(employer.name)
    form.locator("[name=claim_kind_1]").select_option("wages")
    form.locator("[name=claim_text_1]").fill("支付拖欠的两个月工资")
    form.locator("[name=claim_amount_1]").fill("12000")
    form.locator("[name=facts]").fill("公司自九月起拖欠工资，多次催讨未果。")
    form.locator("[name=evidence]").set_input_files(
        [{"name": "工资条.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%evidence\n"}]
    )
    _fits_the_screen(phone)
    form.locator("button[type=submit]").tap()
    expect(phone).to_have_url(re.compile(r"/arbitration/mine/\d+/$"))
    dispute = Dispute.objects.get()
    assert phone.url == f"{base}/arbitration/mine/{dispute.pk}/"
    expect(phone.locator("[data-testid=parties]")).to_contain_text(employer.name)
    assert dispute.enterprise == employer
    expect(phone.locator("[data-testid=case-timeline]")).to_contain_text("工资条.pdf")
