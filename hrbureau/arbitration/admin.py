from __future__ import annotations

from django.contrib import admin

from hrbureau.arbitration.models import AppointmentSlot, HearingRoom, MinimumWage, TimeLimit
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
    list_display = ("name", "location", "active")


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    """Counter times open for booking; ``manage.py open_appointment_slots`` opens the default ones."""

    list_display = ("day", "starts", "ends", "capacity", "active")
    list_filter = ("active",)
    date_hierarchy = "day"
