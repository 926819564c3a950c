"""A dispute's hearings on the workflow core (arbitration.hearings): each hearing's actions on its
dispute's page and through the API, under the permission, the scope, the version read and the rules
(a party asks to postpone at least 3 days before), each step written as an event of the hearing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hrbureau.arbitration import services
from hrbureau.arbitration.choices import DisputeState, DocumentKind, HearingState, PartyRole, ServiceMethod
from hrbureau.arbitration.models import Dispute, Hearing
from hrbureau.arbitration.tests.conftest import accepted
from hrbureau.core.choices import AuditKind
from hrbureau.core.models import AuditEvent, CaseEvent, Notification

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["hrbureau_language"] = "en"
    return client


def _booked(world: Any, arb: dict[str, Any], *, days: int = 10) -> tuple[Dispute, Hearing]:
    """An accepted simplified dispute with its tribunal and a hearing ``days`` ahead, 9:00–11:00."""
    dispute = accepted(world, arb)
    services.dispute_confirm_procedure(actor=arb["arbitrator"], dispute=dispute, procedure="simplified")
    services.dispute_form_tribunal(actor=arb["clerk"], dispute=dispute, arbitrator=arb["arbitrator"])
    day = timezone.localdate() + dt.timedelta(days=days)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
    hearing = services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room"],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
    )
    return dispute, hearing


def _url(hearing: Hearing, name: str) -> str:
    return f"/core/cases/arbitration.hearing/{hearing.pk}/actions/{name}/"


def _events(hearing: Hearing) -> list[CaseEvent]:
    return list(CaseEvent.objects.filter(case_type="arbitration.hearing", case_id=hearing.pk).order_by("id"))


def test_a_booking_is_the_first_event_of_its_hearing(world: Any, arb: dict[str, Any]) -> None:
    _dispute, hearing = _booked(world, arb)
    assert hearing.state == HearingState.BOOKED
    assert hearing.version == 0
    [created] = _events(hearing)
    assert (created.name, created.to_state, created.actor) == ("create", "booked", arb["clerk"])
    assert created.data["room"] == arb["room"].name


def test_each_hearing_shows_its_actions_on_the_disputes_page(world: Any, arb: dict[str, Any]) -> None:
    dispute, hearing = _booked(world, arb)
    page = _client(arb["clerk"]).get(f"/arbitration/{dispute.pk}/").content.decode()
    assert f'id="hearing-{hearing.pk}"' in page
    assert f'data-record="arbitration.hearing-{hearing.pk}"' in page
    assert f'href="{_url(hearing, "postpone")}"' in page
    assert f'href="{_url(hearing, "cancel")}"' in page
    assert _url(hearing, "hold") not in page  # held with the dispute's "hearing held" only
    # The arbitrator holds hearings but does not book them: no action on the hearing itself.
    page = _client(arb["arbitrator"]).get(f"/arbitration/{dispute.pk}/").content.decode()
    assert f'data-record="arbitration.hearing-{hearing.pk}"' not in page
    assert _client(arb["arbitrator"]).get(_url(hearing, "hold")).status_code == 404


def test_the_clerk_postpones_a_hearing_from_the_page(world: Any, arb: dict[str, Any]) -> None:
    dispute, hearing = _booked(world, arb)
    client = _client(arb["clerk"])
    form = client.get(_url(hearing, "postpone")).content.decode()
    assert 'name="reason"' in form
    assert 'name="asked_by_party"' in form
    response = client.post(_url(hearing, "postpone"), {"reason": "仲裁员回避", "version": hearing.version})
    assert response.status_code == 302
    assert response["Location"] == f"/arbitration/{dispute.pk}/"
    hearing.refresh_from_db()
    assert (hearing.state, hearing.version) == (HearingState.POSTPONED, 1)
    event = _events(hearing)[-1]
    assert (event.name, event.from_state, event.to_state) == ("postpone", "booked", "postponed")
    assert (event.actor, event.reason, event.data["asked_by_party"]) == (arb["clerk"], "仲裁员回避", False)
    # The parties are told; the dispute waits for a new booking.
    assert Notification.objects.filter(title__contains="is postponed").exists()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.SCHEDULED
    # Postponed, it offers nothing more.
    page = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert f'data-record="arbitration.hearing-{hearing.pk}"' not in page
    # Who postponed it and why is shown with the hearing.
    assert "仲裁员回避" in page
    assert arb["clerk"].get_full_name() in page


def test_a_party_must_ask_to_postpone_three_days_before(world: Any, arb: dict[str, Any]) -> None:
    _dispute, hearing = _booked(world, arb, days=10)
    day = timezone.localtime(hearing.starts_at).date()
    client = _client(arb["clerk"])
    late = client.post(
        _url(hearing, "postpone"),
        {
            "reason": "申请人住院",
            "asked_by_party": "on",
            "asked_on": (day - dt.timedelta(days=2)).isoformat(),
        },
    )
    assert late.status_code == 200
    assert "at least 3 days before the hearing" in late.content.decode()
    assert Hearing.objects.get(pk=hearing.pk).state == HearingState.BOOKED
    missing = client.post(_url(hearing, "postpone"), {"reason": "申请人住院", "asked_by_party": "on"})
    assert "Enter the day the party asked." in missing.content.decode()
    in_time = client.post(
        _url(hearing, "postpone"),
        {
            "reason": "申请人住院",
            "asked_by_party": "on",
            "asked_on": (day - dt.timedelta(days=3)).isoformat(),
        },
    )
    assert in_time.status_code == 302
    assert (
        _events(Hearing.objects.get(pk=hearing.pk))[-1].data["asked_on"]
        == (day - dt.timedelta(days=3)).isoformat()
    )


def test_a_hearing_whose_time_has_passed_is_not_postponed(world: Any, arb: dict[str, Any]) -> None:
    _dispute, hearing = _booked(world, arb)
    Hearing.objects.filter(pk=hearing.pk).update(
        starts_at=timezone.now() - dt.timedelta(hours=3), ends_at=timezone.now() - dt.timedelta(hours=1)
    )
    client = _client(arb["clerk"])
    response = client.post(_url(hearing, "postpone"), {"reason": "x"})
    assert "record it as held, or cancel it" in response.content.decode()
    assert client.post(_url(hearing, "cancel"), {"reason": "未开庭"}).status_code == 302
    assert Hearing.objects.get(pk=hearing.pk).state == HearingState.CANCELLED


def test_a_stale_page_is_refused(world: Any, arb: dict[str, Any]) -> None:
    _dispute, hearing = _booked(world, arb)
    client = _client(arb["clerk"])
    response = client.post(_url(hearing, "cancel"), {"reason": "重复预约", "version": hearing.version + 1})
    assert "changed by someone else meanwhile" in response.content.decode()
    assert Hearing.objects.get(pk=hearing.pk).state == HearingState.BOOKED
    assert [e.name for e in _events(hearing)] == ["create"]


def test_the_api_acts_on_a_hearing_under_the_same_rules(world: Any, arb: dict[str, Any]) -> None:
    _dispute, hearing = _booked(world, arb)
    url = f"/api/v1/hearings/{hearing.pk}/actions/cancel"
    # Refused before the body is read: an arbitrator (no booking permission), a party of the case.
    assert _client(arb["arbitrator"]).post(url, {}, content_type="application/json").status_code == 403
    assert (
        _client(world.users["individual"]).post(url, {}, content_type="application/json").status_code == 403
    )
    assert AuditEvent.objects.filter(kind=AuditKind.PERMISSION_DENIED, path=url).exists()
    client = _client(arb["clerk"])
    assert client.post(url, {}, content_type="application/json").status_code == 422  # a reason is required
    stale = client.post(url, {"reason": "撤回", "version": 7}, content_type="application/json")
    assert (stale.status_code, stale.json()["code"]) == (409, "changed_meanwhile")
    done = client.post(url, {"reason": "撤回", "version": 0}, content_type="application/json")
    assert done.status_code == 200, done.content
    assert done.json() == {"id": hearing.pk, "state": "cancelled", "state_label": "Cancelled", "version": 1}
    again = client.post(url, {"reason": "撤回"}, content_type="application/json")
    assert (again.status_code, again.json()["code"]) == (409, "not_possible")
    assert [e.name for e in _events(hearing)] == ["create", "cancel"]
    # "hold" is no action of its own: no endpoint.
    assert (
        client.post(
            f"/api/v1/hearings/{hearing.pk}/actions/hold", {}, content_type="application/json"
        ).status_code
        == 404
    )


def test_rebooking_postpones_the_standing_hearing_as_its_step(world: Any, arb: dict[str, Any]) -> None:
    dispute, first = _booked(world, arb)
    starts = first.starts_at + dt.timedelta(days=1)
    second = services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room2"],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    first.refresh_from_db()
    assert first.state == HearingState.POSTPONED
    step = _events(first)[-1]
    assert (step.name, step.actor) == ("postpone", arb["clerk"])
    assert "Booked again for" in step.reason
    assert second.state == HearingState.BOOKED


def test_holding_the_hearing_is_one_act_on_the_dispute_and_the_hearing(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute, hearing = _booked(world, arb)
    worker = dispute.parties.get(role=PartyRole.APPLICANT)
    services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=worker,
        document=DocumentKind.HEARING_NOTICE,
        method=ServiceMethod.IN_PERSON,
    )
    services.dispute_hold_hearing(actor=arb["arbitrator"], dispute=dispute)
    hearing.refresh_from_db()
    assert (hearing.state, hearing.version) == (HearingState.HELD, 1)
    held = _events(hearing)[-1]
    assert (held.name, held.actor, held.data["respondent_absent"]) == ("hold", arb["arbitrator"], False)
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.HEARD


def test_a_case_that_ends_calls_off_its_booked_hearing(world: Any, arb: dict[str, Any]) -> None:
    dispute, hearing = _booked(world, arb)
    services.dispute_withdraw(actor=arb["clerk"], dispute=dispute, reason="双方和解，申请人撤回申请")
    hearing.refresh_from_db()
    assert hearing.state == HearingState.CANCELLED
    step = _events(hearing)[-1]
    assert (step.name, step.actor, step.data["by"]) == ("call_off", None, arb["clerk"].pk)
    # The room is free again for another case.
    other, _booking = _booked(world, arb)
    assert other.hearings.get().starts_at == hearing.starts_at
