"""Appointments at the arbitration counter (预约办理): slots opened for the coming working days, booked
by citizens and enterprises on the portal (never beyond a slot's places, never twice by the same person),
cancelled by the one who booked before they start, and marked attended — or not come, once the time has
begun — at the counter. Each step after the booking goes through the appointment workflow declared here
(``core.workflow``: versioned, written as an event), and is taken from the counter's list or the portal
page through core's actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.arbitration.choices import AppointmentService
from hrbureau.arbitration.choices import AppointmentState as S
from hrbureau.arbitration.models import Appointment, AppointmentSlot
from hrbureau.core import calendar
from hrbureau.core.counters import next_value
from hrbureau.core.identifiers import normalize_phone
from hrbureau.core.links import register_portal_page
from hrbureau.core.workflow import create_case, declare_workflow, transition

WORKFLOW = declare_workflow(
    Appointment,
    states=S,
    initial=S.BOOKED,
    final_states={S.ATTENDED, S.MISSED, S.CANCELLED},
    slug="appointments",
)


def _starts_at(slot: AppointmentSlot) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(slot.day, slot.starts))


def _not_begun(appointment: Appointment, actor: Any, data: dict[str, Any]) -> str | None:
    if _starts_at(appointment.slot) <= timezone.now():
        return _("This time has passed.")
    return None


def _begun(appointment: Appointment, actor: Any, data: dict[str, Any]) -> str | None:
    if _starts_at(appointment.slot) > timezone.now():
        return _("The appointment's time has not begun yet.")
    return None


WORKFLOW.add(
    "attend",
    gettext_lazy("Attended"),
    source={S.BOOKED},
    target=S.ATTENDED,
    permission="arbitration.manage_appointments",
)
WORKFLOW.add(
    "miss",
    gettext_lazy("Did not come"),
    source={S.BOOKED},
    target=S.MISSED,
    permission="arbitration.manage_appointments",
    guard=_begun,
    button="outline-secondary",
)
WORKFLOW.add(
    "cancel",
    gettext_lazy("Cancel"),
    source={S.BOOKED},
    target=S.CANCELLED,
    permission="arbitration.book_appointment",
    guard=_not_begun,
    button="outline-danger",
    area="portal",
)
# Done on the portal, the citizen goes back to their appointments.
register_portal_page("arbitration.appointment", lambda appointment: reverse("arbitration:appointments"))

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


def free_slots(*, days: int = 14) -> QuerySet[AppointmentSlot]:
    """Open slots from now to ``days`` ahead with a place left, each with ``taken`` annotated."""
    today = timezone.localdate()
    return (
        AppointmentSlot.objects.filter(active=True, day__gt=today, day__lte=today + dt.timedelta(days=days))
        .annotate(taken=Count("appointments", filter=Q(appointments__state=S.BOOKED)))
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
        booked = slot.appointments.filter(state=S.BOOKED)
        if booked.filter(user=user).exists():
            errors["slot"] = [_("You have already booked this time.")]
        elif booked.count() >= slot.capacity:
            errors["slot"] = [_("This time is fully booked; choose another.")]
    if errors:
        raise ValidationError(errors)
    assert slot is not None
    number = f"YY{slot.day:%Y%m%d}{next_value(f'arbitration-appointment-{slot.day:%Y%m%d}'):03d}"
    appointment = Appointment(number=number, slot=slot, service=service, name=name, phone=phone, user=user)
    create_case(appointment, actor=user, data={"slot": str(slot), "service": service})
    return appointment


@WORKFLOW.performs("cancel", case="appointment")
@transaction.atomic
def appointment_cancel(*, actor: Any, appointment: Appointment) -> Appointment:
    """Cancelled by the one who booked it (no one else, not even from the same enterprise), before it
    starts: the place is free again."""
    if appointment.user_id != actor.pk:
        raise PermissionDenied("not one's own appointment")
    transition(appointment, "cancel", actor=actor)
    return appointment


@WORKFLOW.performs("attend", case="appointment")
@transaction.atomic
def appointment_attend(*, actor: Any, appointment: Appointment) -> Appointment:
    transition(appointment, "attend", actor=actor)
    return appointment


@WORKFLOW.performs("miss", case="appointment")
@transaction.atomic
def appointment_miss(*, actor: Any, appointment: Appointment) -> Appointment:
    """The time has begun and nobody came (the counter's no-show)."""
    transition(appointment, "miss", actor=actor)
    return appointment
