"""In headless Chromium, the talent subsidy line from application to reconciled payment (issue 18): a
living subsidy by degree with two approval levels → the person applies on the portal with degree,
graduation and bank account → the department's staff approve level 1 and are offered no level 2, its
head approves level 2 → one instalment due → staff build a batch, send it to the bank and download the
bank file → the bank's result file uploaded on the batch page → the batch reconciled, the instalment
paid, the application completed, and the person sees it paid."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone, translation
from openpyxl import Workbook, load_workbook
from playwright.sync_api import Browser, Page, ViewportSize, expect

from hrbureau.accounts.choices import Role
from hrbureau.core.identifiers import generate_resident_id
from hrbureau.talent.choices import ApplicationState, BatchState, InstalmentState, PaymentState
from hrbureau.talent.models import PaymentBatch, SubsidyApplication
from hrbureau.talent.tests.subsidy_helpers import living_scheme
from hrbureau.tests.browser import act

pytestmark = pytest.mark.browser

PHONE: ViewportSize = {"width": 390, "height": 844}


@pytest.fixture
def pages(browser: Browser) -> Iterator[Any]:
    contexts = []

    def page_for(base: str, username: str, viewport: ViewportSize | None = None) -> Page:
        context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
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


def _label(choice: Any) -> str:
    with translation.override("zh-hans"):
        return str(choice.label)


def _result_file(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["序号", "状态", "回单号", "失败原因"])
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def test_from_the_portal_application_to_the_reconciled_payment(
    transactional_db: Any, world: Any, live_server: Any, pages: Any, tmp_path: Path
) -> None:
    base = live_server.url
    today = timezone.localdate()
    # The world's resident A1 (the individual user's person) is 28: a master's degree is paid under 35.
    person = world.people["a1"]
    born = dt.date(today.year - 28, 3, 15)
    person.id_number = generate_resident_id(random.Random(18), address="440306", birth_date=born, male=True)
    person.birth_date = born
    person.save(update_fields=["id_number", "birth_date"])
    scheme = living_scheme(
        levels=(Role.DEPT_STAFF, Role.DEPT_HEAD),
        notice_days=0,
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=30),
    )

    # The person finds the scheme open on the portal and applies.
    individual = pages(base, "individual")
    individual.goto(f"{base}/talent/my/schemes/")
    expect(individual.locator("body")).to_contain_text("新引进人才生活补贴")
    individual.goto(f"{base}/talent/my/schemes/{scheme.pk}/apply/")
    form = individual.locator("[data-testid=apply-form]")
    form.locator("[name=degree]").select_option("master")
    form.locator("[name=graduated_on]").fill(f"{today.year - 1}-06-30")
    form.locator("[name=bank_name]").fill("中国工商银行深圳分行")
    expect(form.locator("[name=account_name]")).to_have_value(person.name)
    form.locator("[name=account_number]").fill("6222020200112233445")
    form.locator("[name=statement]").fill("2025年硕士毕业，已在本区就业。")
    with individual.expect_navigation():
        individual.click("[data-testid=apply-submit]")
    application = SubsidyApplication.objects.get(person=person)
    assert individual.url.endswith(f"/talent/my/applications/{application.pk}/")
    assert (application.state, application.amount) == (ApplicationState.IN_REVIEW, Decimal("25000.00"))
    expect(individual.locator("[data-testid=amount]")).to_have_text("25000.00")

    # The department's staff approve level 1; the same person is offered no level 2.
    staff = pages(base, "dept_staff")
    staff.goto(f"{base}/talent/applications/{application.pk}/")
    act(staff, "approve_level", opinion="学历、年龄符合，同意。")
    application.refresh_from_db()
    assert (application.state, application.levels_approved) == (ApplicationState.IN_REVIEW, 1)
    expect(staff.locator("[data-testid=case-actions] [data-action=approve]")).to_have_count(0)
    expect(staff.locator("[data-testid=case-actions] [data-action=approve_level]")).to_have_count(0)
    # The head approves level 2: approved, one instalment due of the whole amount.
    head = pages(base, "dept_head")
    head.goto(f"{base}/talent/applications/{application.pk}/")
    act(head, "approve", opinion="同意发放。")
    application.refresh_from_db()
    assert application.state == ApplicationState.APPROVED
    instalment = application.instalments.get()
    assert (instalment.state, instalment.amount) == (InstalmentState.DUE, Decimal("25000.00"))
    expect(head.locator("[data-testid=instalment-1]")).to_have_attribute("data-state", "due")

    # Staff build a batch of every scheme, send it to the bank and download its file.
    staff.goto(f"{base}/talent/batches/new/")
    with staff.expect_navigation():
        staff.click("[data-testid=build-form] button[type=submit]")
    batch = PaymentBatch.objects.get()
    assert staff.url.endswith(f"/talent/batches/{batch.pk}/")
    assert (batch.count, batch.total) == (1, Decimal("25000.00"))
    expect(staff.locator("[data-testid=batch-lines]")).to_contain_text("25000.00")
    act(staff, "export")
    batch.refresh_from_db()
    assert batch.state == BatchState.EXPORTED
    with staff.expect_download() as info:
        staff.click("[data-testid=bank-file]")
    download = info.value
    assert download.suggested_filename == f"{batch.number}-bank.xlsx"
    sheet = load_workbook(BytesIO(Path(download.path()).read_bytes())).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("序号", "收款人姓名", "证件号码", "收款账号", "开户行", "金额(元)")
    assert len(rows) == 2
    line = rows[1]
    assert line[:5] == (1, person.name, person.id_number, "6222020200112233445", "中国工商银行深圳分行")
    assert Decimal(str(line[5])) == Decimal("25000.00")
    assert line[7] == batch.number

    # The bank's result file: the line paid, with its receipt number.
    result = _result_file(tmp_path / "result.xlsx", [[1, "成功", "HD20260001", ""]])
    staff.locator("[data-testid=result-upload] [name=file]").set_input_files(str(result))
    with staff.expect_navigation():
        staff.click("[data-testid=result-upload] button[type=submit]")
    assert staff.url.endswith(f"/talent/batches/{batch.pk}/")
    batch.refresh_from_db()
    instalment.refresh_from_db()
    application.refresh_from_db()
    payment = batch.payments.get()
    assert batch.state == BatchState.RECONCILED
    assert (payment.state, payment.receipt_number) == (PaymentState.PAID, "HD20260001")
    assert instalment.state == InstalmentState.PAID
    assert application.state == ApplicationState.COMPLETED
    expect(staff.locator("[data-testid=state]")).to_contain_text(_label(BatchState.RECONCILED))
    expect(staff.locator("[data-testid=batch-lines]")).to_contain_text("HD20260001")

    # The person sees it paid on the portal (and on a phone's width).
    individual.goto(f"{base}/talent/my/applications/{application.pk}/")
    expect(individual.locator("[data-testid=state]")).to_contain_text(_label(ApplicationState.COMPLETED))
    paid = individual.locator("[data-testid=instalment-1]")
    expect(paid).to_have_attribute("data-state", "paid")
    expect(paid).to_contain_text("25000.00")
    expect(paid).to_contain_text(_label(InstalmentState.PAID))
    phone = pages(base, "individual", viewport=PHONE)
    phone.goto(f"{base}/talent/my/applications/{application.pk}/")
    expect(phone.locator("[data-testid=instalment-1]")).to_have_attribute("data-state", "paid")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    phone.screenshot(path=str(tmp_path / "portal-application-390.png"), full_page=True)
