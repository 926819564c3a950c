"""Counter appointments: slots on working days only, never beyond their places or twice by one person,
cancelled only before they start, attended at the counter."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from hrbureau.arbitration import appointments
from hrbureau.arbitration.choices import AppointmentState
from hrbureau.arbitration.models import Appointment, AppointmentSlot
from hrbureau.core import calendar
from hrbureau.core.workflow import TransitionError


def test_slots_open_on_working_days_only_and_again_adds_nothing(db: Any) -> None:
    created = appointments.slots_open(days=5, start=dt.date(2026, 9, 28))  # the National Day week follows
    assert created == 5 * len(appointments.DEFAULT_TIMES)
    days = sorted(set(AppointmentSlot.objects.values_list("day", flat=True)))
    assert all(calendar.is_working_day(d) for d in days)
    assert days[:3] == [dt.date(2026, 9, 29), dt.date(2026, 9, 30), dt.date(2026, 10, 8)]
    assert appointments.slots_open(days=5, start=dt.date(2026, 9, 28)) == 0


def _slot(capacity: int = 2, days_ahead: int = 3) -> AppointmentSlot:
    return AppointmentSlot.objects.create(
        day=timezone.localdate() + dt.timedelta(days=days_ahead),
        starts=dt.time(9),
        ends=dt.time(10),
        capacity=capacity,
    )


def _book(user: Any, slot: AppointmentSlot) -> Appointment:
    return appointments.appointment_book(
        user=user, slot_id=slot.pk, service="filing", name="居民", phone="13800138000"
    )


def test_a_slot_is_never_overbooked_or_booked_twice_by_one_person(world: Any) -> None:
    from hrbureau.accounts.models import User

    slot = _slot(capacity=2)
    first = _book(world.users["individual"], slot)
    assert first.number.startswith(f"YY{slot.day:%Y%m%d}")
    with pytest.raises(ValidationError, match="already booked"):
        _book(world.users["individual"], slot)
    _book(world.users["enterprise"], slot)
    third = User.objects.create_user(username="c3", password="Secret#2026", role="individual")
    with pytest.raises(ValidationError, match="fully booked"):
        _book(third, slot)
    appointments.appointment_cancel(
        actor=world.users["enterprise"], appointment=slot.appointments.get(user=world.users["enterprise"])
    )
    _book(third, slot)  # the cancelled place is free again
    assert slot.appointments.filter(state=AppointmentState.BOOKED).count() == 2
    with pytest.raises(PermissionDenied):
        _book(world.users["street_staff"], slot)


def test_bad_input_and_past_times_are_refused(world: Any) -> None:
    past = AppointmentSlot.objects.create(
        day=timezone.localdate() - dt.timedelta(days=1), starts=dt.time(9), ends=dt.time(10)
    )
    with pytest.raises(ValidationError) as raised:
        appointments.appointment_book(
            user=world.users["individual"], slot_id=past.pk, service="nothing", name=" ", phone="12"
        )
    assert set(raised.value.message_dict) == {"slot", "service", "name", "phone"}
    assert not Appointment.objects.exists()


def test_the_counter_marks_attendance(world: Any, arb: dict[str, Any], client: Any) -> None:
    booked = _book(world.users["individual"], _slot())
    with pytest.raises(PermissionDenied):
        appointments.appointment_attend(actor=world.users["arbitrator"], appointment=booked)
    client.force_login(arb["clerk"])
    desk = client.get(f"/arbitration/appointments/desk/?day={booked.slot.day.isoformat()}").content.decode()
    assert booked.number in desk
    client.post(
        f"/core/cases/arbitration.appointment/{booked.pk}/actions/attend/", {"version": booked.version}
    )
    booked.refresh_from_db()
    assert booked.state == AppointmentState.ATTENDED
    with pytest.raises(TransitionError):
        appointments.appointment_cancel(actor=world.users["individual"], appointment=booked)


def test_booking_through_the_portal_page(world: Any, client: Any) -> None:
    slot = _slot()
    client.cookies["hrbureau_language"] = "en"
    client.force_login(world.users["individual"])
    page = client.get("/arbitration/appointments/").content.decode()
    assert f'value="{slot.pk}"' in page
    done = client.post(
        "/arbitration/appointments/",
        {"slot": slot.pk, "service": "materials", "name": "居民A1", "phone": "13800138000"},
        follow=True,
    )
    assert "Booked: YY" in done.content.decode()
    refused = client.post(
        "/arbitration/appointments/",
        {"slot": "abc", "service": "materials", "name": "x", "phone": "13800138000"},
        follow=True,
    )
    assert "not open for booking" in refused.content.decode()


# --- the appointment workflow (arbitration.appointments), through core's actions ------------------------


def _action(appointment: Appointment, name: str) -> str:
    return f"/core/cases/arbitration.appointment/{appointment.pk}/actions/{name}/"


def _steps(appointment: Appointment) -> list[tuple[str, str, Any]]:
    from hrbureau.core.models import CaseEvent

    return [
        (e.name, e.to_state, e.actor)
        for e in CaseEvent.objects.filter(
            case_type="arbitration.appointment", case_id=appointment.pk
        ).order_by("id")
    ]


def test_the_desk_offers_each_appointment_its_steps(world: Any, arb: dict[str, Any], client: Any) -> None:
    booked = _book(world.users["individual"], _slot())
    client.force_login(arb["clerk"])
    desk = client.get(f"/arbitration/appointments/desk/?day={booked.slot.day.isoformat()}").content.decode()
    assert f'action="{_action(booked, "attend")}"' in desk
    # Not come can be said only once the time has begun.
    assert _action(booked, "miss") not in desk
    assert client.post(_action(booked, "miss"), {"version": 0}).status_code == 200  # refused in the form
    AppointmentSlot.objects.filter(pk=booked.slot_id).update(day=timezone.localdate(), starts=dt.time(0))
    desk = client.get(
        f"/arbitration/appointments/desk/?day={timezone.localdate().isoformat()}"
    ).content.decode()
    assert f'action="{_action(booked, "miss")}"' in desk
    done = client.post(_action(booked, "miss"), {"version": 0})
    assert done.status_code == 302
    assert done["Location"] == f"/arbitration/appointments/desk/?day={timezone.localdate().isoformat()}"
    booked.refresh_from_db()
    assert (booked.state, booked.version) == (AppointmentState.MISSED, 1)
    assert _steps(booked) == [
        ("create", "booked", world.users["individual"]),
        ("miss", "missed", arb["clerk"]),
    ]


def test_only_the_one_who_booked_cancels_from_the_portal(world: Any, client: Any) -> None:
    from hrbureau.core.choices import AuditKind
    from hrbureau.core.models import AuditEvent

    booked = _book(world.users["individual"], _slot())
    client.force_login(world.users["individual"])
    page = client.get("/arbitration/appointments/").content.decode()
    assert f'action="{_action(booked, "cancel")}"' in page
    # Another portal account (outside this citizen's scope) is refused, and the refusal audited.
    other = Client()
    other.force_login(world.users["enterprise"])
    assert other.post(_action(booked, "cancel"), {"version": 0}).status_code == 403
    assert AuditEvent.objects.filter(
        kind=AuditKind.PERMISSION_DENIED, path=_action(booked, "cancel")
    ).exists()
    done = client.post(_action(booked, "cancel"), {"version": 0})
    assert (done.status_code, done["Location"]) == (302, "/arbitration/appointments/")
    booked.refresh_from_db()
    assert booked.state == AppointmentState.CANCELLED
    assert _steps(booked)[-1] == ("cancel", "cancelled", world.users["individual"])
    assert (
        f'action="{_action(booked, "cancel")}"'
        not in client.get("/arbitration/appointments/").content.decode()
    )


def test_the_api_marks_attendance_with_the_version_read(world: Any, arb: dict[str, Any]) -> None:
    booked = _book(world.users["individual"], _slot())
    url = f"/api/v1/appointments/{booked.pk}/actions/attend"
    refused = Client()
    refused.force_login(world.users["arbitrator"])
    assert refused.post(url, {}, content_type="application/json").status_code == 403
    clerk = Client()
    clerk.force_login(arb["clerk"])
    stale = clerk.post(url, {"version": 3}, content_type="application/json")
    assert (stale.status_code, stale.json()["code"]) == (409, "changed_meanwhile")
    done = clerk.post(url, {"version": 0}, content_type="application/json")
    assert (done.status_code, done.json()["state"], done.json()["version"]) == (200, "attended", 1)
    assert clerk.post(url, {}, content_type="application/json").status_code == 409


def test_a_colleague_of_the_same_enterprise_sees_but_does_not_cancel(world: Any) -> None:
    from hrbureau.accounts.models import User

    mine = _book(world.users["enterprise"], _slot())
    colleague = User.objects.create_user(
        username="e_colleague",
        password="Secret#2026",
        role="enterprise",
        enterprise=world.users["enterprise"].enterprise,
    )
    client = Client()
    client.force_login(colleague)
    assert client.post(_action(mine, "cancel"), {"version": 0}).status_code == 403
    assert Appointment.objects.get(pk=mine.pk).state == AppointmentState.BOOKED


def test_the_booking_form_refuses_bad_input_inside_the_form(world: Any, client: Any) -> None:
    slot = _slot(capacity=1)
    closed = AppointmentSlot.objects.create(
        day=slot.day, starts=dt.time(14), ends=dt.time(15), capacity=2, active=False
    )
    client.cookies["hrbureau_language"] = "en"
    client.force_login(world.users["individual"])
    good = {"slot": slot.pk, "service": "materials", "name": "居民A1", "phone": "13800138000"}
    for field, bad in (
        ("slot", "abc"),  # not a number
        ("slot", "9" * 30),  # too big for a key
        ("slot", closed.pk),  # a time not open for booking
        ("service", "nonsense"),
        ("name", ""),
        ("phone", "12"),  # refused by the service
    ):
        refused = client.post("/arbitration/appointments/", {**good, field: bad})
        assert refused.status_code == 422, (field, bad)
        form = refused.content.decode().split('data-testid="book-form"')[1].split("</form>")[0]
        assert f'data-field-error="{field}"' in form, (field, bad)
        assert 'value="居民A1"' in form or field == "name"  # what was typed is kept
    assert not Appointment.objects.exists()
    # The last place taken meanwhile: the service's answer, on the form too.
    appointments.appointment_book(
        user=world.users["enterprise"],
        slot_id=slot.pk,
        service="materials",
        name="企业A1",
        phone="13800138001",
    )
    full = client.post("/arbitration/appointments/", good)
    assert full.status_code == 422
    assert "fully booked" in full.content.decode().split('data-testid="book-form"')[1].split("</form>")[0]
    assert Appointment.objects.count() == 1
