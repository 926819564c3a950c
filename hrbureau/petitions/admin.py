from django.contrib import admin

from hrbureau.petitions.models import Category, TimeLimit


@admin.register(TimeLimit)
class TimeLimitAdmin(admin.ModelAdmin):
    list_display = ("key", "days", "day_kind", "valid_from", "valid_to", "source")
    list_filter = ("key", "day_kind")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "name",
        "kind",
        "department",
        "territorial",
        "redirect_hint",
        "active",
        "sort_order",
    )
    list_filter = ("kind", "territorial", "active")
    search_fields = ("code", "name")
