from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hrbureau.enterprises.models import Enterprise, EnterpriseTag


@admin.register(EnterpriseTag)
class EnterpriseTagAdmin(admin.ModelAdmin):
    """Tags are reference data an administrator edits (key enterprise, 专精特新, postdoc station, ...)."""

    list_display = ("code", "name", "name_en")
    search_fields = ("code", "name", "name_en")


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    """Back-office view only; staff work in the registry pages, which keep the edit history."""

    list_display = ("name", "uscc", "street", "status", "size_class")
    list_filter = ("status", "street", "size_class")
    list_select_related = ("street",)
    search_fields = ("uscc",)
    list_per_page = 20
    raw_id_fields = ("street", "community", "grid")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Enterprise demands (企业诉求) ---------------------------------------------------------------------

from hrbureau.enterprises.models import DemandReplyLimit, EnterpriseDemand  # noqa: E402


@admin.register(DemandReplyLimit)
class DemandReplyLimitAdmin(admin.ModelAdmin):
    """The reply period of each kind of demand, dated: a new period is a new row from a new day."""

    list_display = ("key", "days", "day_kind", "valid_from", "valid_to", "source")
    list_filter = ("key", "day_kind")


@admin.register(EnterpriseDemand)
class EnterpriseDemandAdmin(admin.ModelAdmin):
    """Back-office view only: demands change through their workflow, which records every step."""

    list_display = ("number", "title", "enterprise", "kind", "state", "is_key", "filed_on")
    list_filter = ("state", "kind", "is_key")
    list_select_related = ("enterprise",)
    search_fields = ("number",)
    list_per_page = 20
    raw_id_fields = ("enterprise", "street", "responsible_unit", "filed_by", "assigned_unit", "assigned_user")

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


# --- Key enterprises' service officers and the service setting (issue 17) ----------------------------
from hrbureau.enterprises.models import EnterpriseOfficer, ServiceSetting  # noqa: E402


@admin.register(EnterpriseOfficer)
class EnterpriseOfficerAdmin(admin.ModelAdmin):
    """Who serves each key enterprise; making a plan names its officer too."""

    list_display = ("enterprise", "officer", "updated_at")
    list_select_related = ("enterprise", "officer")
    raw_id_fields = ("enterprise", "officer")
    search_fields = ("enterprise__uscc",)
    list_per_page = 20


@admin.register(ServiceSetting)
class ServiceSettingAdmin(admin.ModelAdmin):
    """How many days before its due day an open plan item comes onto its officer's to-do (dated)."""

    list_display = ("valid_from", "valid_to", "soon_days", "source")
