"""The counter's appointments, declared as a list (``core.lists``): one day's bookings (today unless
another day is asked for), to mark who came — each row with its workflow's actions
(``core.casepage.record_actions``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy

from hrbureau.arbitration.choices import AppointmentService, AppointmentState
from hrbureau.arbitration.models import Appointment
from hrbureau.core.casepage import record_actions
from hrbureau.core.filters import Choice, Where
from hrbureau.core.identifiers import mask_phone
from hrbureau.core.lists import ListSpec
from hrbureau.core.tables import Column, labelled


def _day_field() -> forms.Field:
    return forms.DateField(
        label=gettext_lazy("Day"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


def _actions(request: HttpRequest, appointments: Sequence[Any]) -> None:
    """Each appointment's actions at the counter (attended, did not come), from its workflow."""
    for entry in record_actions(appointments, request.user):
        entry.record.actions_html = render_to_string(
            "core/_record_actions.html", {"entry": entry}, request=request
        )


def _time(a: Appointment) -> str:
    return f"{a.slot.starts:%H:%M}–{a.slot.ends:%H:%M}"


APPOINTMENTS = ListSpec(
    name="desk",
    title=gettext_lazy("Counter appointments"),
    permission="arbitration.manage_appointments",
    rows=lambda user: Appointment.objects.for_user(user).select_related("slot"),
    ordering=("slot__day", "slot__starts", "id"),
    filters=(
        Where("day", _day_field, lambda day: Q(slot__day=day)),
        Choice("state", gettext_lazy("State"), AppointmentState, empty=gettext_lazy("All states")),
    ),
    defaults={"day": lambda: timezone.localdate().isoformat()},
    columns=(
        Column(gettext_lazy("Time"), "text-nowrap", value=_time),
        Column(gettext_lazy("Number"), "text-code", value=lambda a: a.number),
        Column(gettext_lazy("Name"), value=lambda a: a.name),
        Column(gettext_lazy("Phone"), "text-code", value=lambda a: mask_phone(a.phone) if a.phone else "—"),
        Column(gettext_lazy("For"), value=labelled(AppointmentService, "service")),
        Column(gettext_lazy("State"), value=labelled(AppointmentState)),
        Column(gettext_lazy("Attendance"), "text-end", html=lambda a: a.actions_html, export=False),
    ),
    prepare_page=_actions,
    empty=gettext_lazy("No appointments on this day."),
    per_page=50,
)
