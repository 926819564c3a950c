from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hrbureau.core.models import AuditEvent


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
