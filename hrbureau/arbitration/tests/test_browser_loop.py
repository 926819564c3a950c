"""In headless Chromium, a dispute from the worker's online application to the award: file → accept →
confirm the fast track → form the tribunal and book the hearing → serve the hearing notice electronically
(after postponing the first booking from the hearing's own actions) → the worker opens and signs for it
→ hearing held → award, with the final item marked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from hrbureau.arbitration.choices import DisputeState, HearingState
from hrbureau.arbitration.models import Dispute
from hrbureau.tests.browser import act as _act

pytestmark = pytest.mark.browser


def _as(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "Secret#2026")
    page.click("[data-testid=login-form] button[type=submit]")
    page.wait_for_load_state()


def _zh(state: DisputeState | HearingState) -> str:
    from django.utils import translation

    with translation.override("zh-hans"):
        return str(state.label)


def test_file_accept_book_serve_sign_award(
    transactional_db: Any, world: Any, arb: dict[str, Any], live_server: Any, page: Page
) -> None:
    base = live_server.url
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # The worker applies online against enterprise A2, agreeing to electronic service.
    _as(page, base, "individual")
    page.goto(f"{base}/arbitration/mine/")
    page.click("[data-testid=file-dispute]")
    form = page.locator("[data-testid=dispute-file-form]")
    form.locator("[name=respondent_name]").fill(world.enterprises["a2"].name)
    form.locator("[name=respondent_identifier]").fill(
        world.enterprises["a2"].uscc.lower()
    )  # typed carelessly
    form.locator("[name=claim_kind_1]").select_option("wages")
    form.locator("[name=claim_text_1]").fill("支付拖欠的两个月工资")
    form.locator("[name=claim_amount_1]").fill("12,000")
    form.locator("[name=facts]").fill("公司自九月起拖欠工资，多次催讨未果。")
    form.locator("[name=phone]").fill("13700137000")
    form.locator("[name=e_service]").check()
    form.locator("button[type=submit]").click()
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.FILED))
    dispute = Dispute.objects.get()
    assert dispute.total_claimed == 12000

    # The clerk accepts it; the triage proposes the fast track.
    _as(page, base, "arbitration_clerk")
    page.goto(f"{base}/arbitration/{dispute.pk}/")
    _act(page, "accept")
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.ACCEPTED))
    expect(page.locator("[data-testid=triage]")).to_be_visible()

    # An arbitrator confirms the simplified procedure (the proposal is preselected).
    _as(page, base, "arbitrator")
    page.goto(f"{base}/arbitration/{dispute.pk}/")
    _act(page, "confirm_procedure")
    dispute.refresh_from_db()
    assert dispute.procedure == "simplified"

    # The clerk forms a one-arbitrator tribunal, books a hearing a week ahead and serves the notice.
    _as(page, base, "arbitration_clerk")
    page.goto(f"{base}/arbitration/{dispute.pk}/")
    _act(page, "form_tribunal", arbitrator=str(world.users["arbitrator"].pk))
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.TRIBUNAL))
    hearing = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=7), dt.time(9, 30))
    _act(page, "schedule_hearing", room=str(arb["room"].pk), starts_at=hearing.strftime("%Y-%m-%dT%H:%M"))
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.SCHEDULED))
    # The arbitrator must step aside that day: the clerk postpones the hearing from its own actions on
    # the case page, and books it a day later.
    first = dispute.hearings.get()
    _act(page, "postpone", within=f"#hearing-{first.pk}", reason="仲裁员临时回避")
    expect(page.locator(f"#hearing-{first.pk}")).to_contain_text(_zh(HearingState.POSTPONED))
    expect(page.locator(f"#hearing-{first.pk} [data-testid=record-actions]")).to_have_count(0)
    later = hearing + dt.timedelta(days=1)
    _act(page, "schedule_hearing", room=str(arb["room"].pk), starts_at=later.strftime("%Y-%m-%dT%H:%M"))
    booked = dispute.hearings.get(state=HearingState.BOOKED)
    expect(page.locator(f"#hearing-{booked.pk} [data-action=postpone]")).to_be_visible()
    worker = dispute.parties.get(role="applicant")
    _act(page, "serve", document="hearing_notice", party=str(worker.pk), method="electronic")
    expect(page.locator("[data-testid=services]")).to_contain_text(timezone.localdate().isoformat())

    # The worker finds the notice in the portal, opens it and signs for it.
    _as(page, base, "individual")
    page.goto(f"{base}/arbitration/mine/{dispute.pk}/")
    page.locator("[data-testid=my-documents] a").first.click()
    expect(page.locator("[data-testid=signed-at]")).to_have_text("—")
    page.click("[data-testid=sign]")
    expect(page.locator("[data-testid=signed-at]")).not_to_have_text("—")
    service = dispute.services.get()
    assert service.opened_at is not None
    assert service.signed_at is not None

    # The arbitrator holds the hearing and awards the wages in full: a final item.
    _as(page, base, "arbitrator")
    page.goto(f"{base}/arbitration/{dispute.pk}/")
    _act(page, "hold_hearing")
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.HEARD))
    booked.refresh_from_db()
    assert booked.state == HearingState.HELD
    claim = dispute.claims.get()
    _act(page, "award", **{f"claim-{claim.pk}": "12000"})
    expect(page.locator("[data-testid=dispute-state]")).to_have_text(_zh(DisputeState.AWARDED))
    expect(page.locator("[data-testid=claims]")).to_contain_text("终局")
    assert errors == []


def test_the_counter_marks_attendance_and_a_citizen_cancels(
    transactional_db: Any, world: Any, arb: dict[str, Any], live_server: Any, page: Page
) -> None:
    """The appointments' steps from the pages they are shown on: the counter's list, the portal."""
    from hrbureau.arbitration.appointments import appointment_book
    from hrbureau.arbitration.choices import AppointmentState
    from hrbureau.arbitration.models import Appointment, AppointmentSlot

    base = live_server.url
    slot = AppointmentSlot.objects.create(
        day=timezone.localdate() + dt.timedelta(days=2), starts=dt.time(9), ends=dt.time(10)
    )
    booking = {"slot_id": slot.pk, "service": "filing", "phone": "13800138000"}
    mine = appointment_book(user=world.users["individual"], name="居民甲", **booking)
    theirs = appointment_book(user=world.users["enterprise"], name="企业经办人", **booking)

    _as(page, base, "arbitration_clerk")
    page.goto(f"{base}/arbitration/appointments/desk/?day={slot.day.isoformat()}")
    _act(page, "attend", within=f"tr:has([data-record='arbitration.appointment-{theirs.pk}'])")
    assert Appointment.objects.get(pk=theirs.pk).state == AppointmentState.ATTENDED
    expect(
        page.locator(f"[data-record='arbitration.appointment-{mine.pk}'] [data-action=attend]")
    ).to_be_visible()

    _as(page, base, "individual")
    page.goto(f"{base}/arbitration/appointments/")
    _act(page, "cancel", within="[data-testid=my-appointments]")
    assert Appointment.objects.get(pk=mine.pk).state == AppointmentState.CANCELLED
    expect(page.locator("[data-testid=my-appointments] [data-action=cancel]")).to_have_count(0)
