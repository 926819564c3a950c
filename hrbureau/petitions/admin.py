from django.contrib import admin

from hrbureau.core.admin import DatedTimeLimitAdmin
from hrbureau.petitions.models import Category, TimeLimit


@admin.register(TimeLimit)
class TimeLimitAdmin(DatedTimeLimitAdmin):
    pass


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "name_en",
        "kind",
        "department",
        "territorial",
        "redirect_hint",
        "active",
        "sort_order",
    )
    list_filter = ("kind", "territorial", "active")
    search_fields = ("code", "name", "name_en")
