from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from hrbureau.people.models import Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    """Back-office view without identifiers: the ID number stays masked here too."""

    list_display = ("name", "gender", "birth_date", "street")
    list_filter = ("gender", "street")
    list_select_related = ("street",)
    list_per_page = 20
    fields = ("name", "gender", "birth_date", "street", "community", "grid", "education", "employment_status")
    readonly_fields = fields

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
