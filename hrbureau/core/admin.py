from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hrbureau.core import calendar
from hrbureau.core.models import AuditEvent, CalendarYear, HolidayOverride


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: audit events are written by the platform and never edited (DOMAIN.md §6)."""

    list_display = ("created_at", "kind", "success", "username", "ip_address", "path")
    list_filter = ("kind", "success")
    search_fields = ("username", "path", "object_id")
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(admin.ModelAdmin):
    """Mark a year complete once its State Council holiday arrangement has been entered as overrides."""

    list_display = ("year", "notice", "created_at")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        calendar.clear_cache()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        calendar.clear_cache()


@admin.register(HolidayOverride)
class HolidayOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "kind", "name")
    list_filter = ("kind",)
    date_hierarchy = "date"

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        calendar.clear_cache()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        calendar.clear_cache()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)
        calendar.clear_cache()
