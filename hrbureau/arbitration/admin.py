from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from hrbureau.arbitration.models import (
    AppointmentSlot,
    DocumentWording,
    HearingRoom,
    MinimumWage,
    TimeLimit,
)
from hrbureau.core.admin import DatedTimeLimitAdmin


@admin.register(TimeLimit)
class TimeLimitAdmin(DatedTimeLimitAdmin):
    """The periods of DOMAIN.md §2; whether the short ones count working days is [check]: set it here."""


@admin.register(MinimumWage)
class MinimumWageAdmin(admin.ModelAdmin):
    """The local monthly minimum wage by date: the one in force on an award's day sets its final items
    (12 × the monthly figure per item)."""

    list_display = ("region", "monthly_amount", "valid_from", "valid_to", "source")


@admin.register(HearingRoom)
class HearingRoomAdmin(admin.ModelAdmin):
    list_display = ("name", "name_en", "location", "active")


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    """Counter times open for booking; ``manage.py open_appointment_slots`` opens the default ones."""

    list_display = ("day", "starts", "ends", "capacity", "active")
    list_filter = ("active",)
    date_hierarchy = "day"


class DocumentWordingForm(forms.ModelForm):
    """Refuses a wording that names a placeholder its document does not know (a typo would otherwise
    print as an empty gap in every document)."""

    class Meta:
        model = DocumentWording
        fields = ("key", "text", "valid_from", "valid_to", "source")

    def clean(self) -> dict[str, Any]:
        from hrbureau.arbitration.documents import PLACEHOLDERS, check_wording

        data = super().clean() or {}
        key, text = data.get("key"), data.get("text")
        if key and text:
            problem = check_wording(key, text)
            if problem:
                self.add_error("text", problem)
        if key in PLACEHOLDERS:
            self.fields["text"].help_text = ", ".join(f"{{{n}}}" for n in sorted(PLACEHOLDERS[key]))
        return data


@admin.register(DocumentWording)
class DocumentWordingAdmin(admin.ModelAdmin):
    """The wording of the commission's documents, from a date: paragraphs one per line, ``{placeholders}``
    the case fills in, ``{claims}``, ``{items}`` or ``{terms}`` alone on a line for a table or a list."""

    form = DocumentWordingForm
    list_display = ("key", "valid_from", "valid_to", "source")
    list_filter = ("key",)
