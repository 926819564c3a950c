"""Appointments at the arbitration counter (预约办理): slots opened for the coming working days, booked
by citizens and enterprises on the portal (never beyond a slot's places, never twice by the same person),
cancelled before they start, and marked attended at the counter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.arbitration.choices import AppointmentService, AppointmentState
from hrbureau.arbitration.models import Appointment, AppointmentSlot
from hrbureau.core import calendar
from hrbureau.core.counters import next_value
from hrbureau.core.identifiers import normalize_phone

# The counter's default times [practice]; an administrator edits slots one by one in the admin.
DEFAULT_TIMES = [
    (dt.time(9), dt.time(10)),
    (dt.time(10), dt.time(11)),
    (dt.time(14), dt.time(15)),
    (dt.time(15), dt.time(16)),
]
DEFAULT_CAPACITY = 4


def slots_open(*, days: int = 10, start: dt.date | None = None) -> int:
    """Open the default slots on each of the next ``days`` working days; idempotent. Returns how many
    slots were created."""
    day = start or timezone.localdate()
    created = 0
    opened = 0
    while opened < days:
        day += calendar.ONE_DAY
        if not calendar.is_working_day(day):
            continue
        opened += 1
        for starts, ends in DEFAULT_TIMES:
            _slot, made = AppointmentSlot.objects.get_or_create(
                day=day, starts=starts, defaults={"ends": ends, "capacity": DEFAULT_CAPACITY}
            )
            created += made
    return created


def _starts_at(slot: AppointmentSlot) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(slot.day, slot.starts))


def free_slots(*, days: int = 14) -> QuerySet[AppointmentSlot]:
    """Open slots from now to ``days`` ahead with a place left, each with ``taken`` annotated."""
    today = timezone.localdate()
    return (
        AppointmentSlot.objects.filter(active=True, day__gt=today, day__lte=today + dt.timedelta(days=days))
        .annotate(taken=Count("appointments", filter=Q(appointments__state=AppointmentState.BOOKED)))
        .order_by("day", "starts")
    )


@transaction.atomic
def appointment_book(*, user: Any, slot_id: int, service: str, name: str, phone: str) -> Appointment:
    if not user.has_perm("arbitration.book_appointment"):
        raise PermissionDenied("arbitration.book_appointment")
    errors: dict[str, list[str]] = {}
    if service not in AppointmentService.values:
        errors["service"] = [_("Choose what the visit is for.")]
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = [_("The name is required.")]
    try:
        phone = normalize_phone(phone)
    except ValidationError as error:
        errors["phone"] = list(error.messages)
    # Locked while counted, so two people cannot take the last place at once.
    slot = AppointmentSlot.objects.select_for_update().filter(pk=slot_id, active=True).first()
    if slot is None:
        errors["slot"] = [_("This time is not open for booking.")]
    elif _starts_at(slot) <= timezone.now():
        errors["slot"] = [_("This time has passed.")]
    else:
        booked = slot.appointments.filter(state=AppointmentState.BOOKED)
        if booked.filter(user=user).exists():
            errors["slot"] = [_("You have already booked this time.")]
        elif booked.count() >= slot.capacity:
            errors["slot"] = [_("This time is fully booked; choose another.")]
    if errors:
        raise ValidationError(errors)
    assert slot is not None
    number = f"YY{slot.day:%Y%m%d}{next_value(f'arbitration-appointment-{slot.day:%Y%m%d}'):03d}"
    return Appointment.objects.create(
        number=number, slot=slot, service=service, name=name, phone=phone, user=user
    )


@transaction.atomic
def appointment_cancel(*, user: Any, appointment: Appointment) -> Appointment:
    if appointment.user_id != user.pk:
        raise PermissionDenied("not one's own appointment")
    if appointment.state != AppointmentState.BOOKED:
        raise ValidationError({"state": [_("Only a booked appointment can be cancelled.")]})
    if _starts_at(appointment.slot) <= timezone.now():
        raise ValidationError({"state": [_("This time has passed.")]})
    appointment.state = AppointmentState.CANCELLED
    appointment.save(update_fields=["state"])
    return appointment


@transaction.atomic
def appointment_attend(*, actor: Any, appointment: Appointment) -> Appointment:
    if not actor.has_perm("arbitration.manage_appointments"):
        raise PermissionDenied("arbitration.manage_appointments")
    if appointment.state != AppointmentState.BOOKED:
        raise ValidationError({"state": [_("Only a booked appointment can be marked attended.")]})
    appointment.state = AppointmentState.ATTENDED
    appointment.save(update_fields=["state"])
    return appointment
