"""The grades of street management staff and their promotion rules, kept as back-office configuration
in the admin (DESIGN.md: reference data in the Django admin). Registered from ``apps.ready`` (this part
keeps to its own modules)."""

from django.contrib import admin

from hrbureau.personnel.records_models import PromotionRule, StaffGrade


class PromotionRuleInline(admin.TabularInline):
    model = PromotionRule
    extra = 1


@admin.register(StaffGrade)
class StaffGradeAdmin(admin.ModelAdmin):
    list_display = ("order", "code", "name")
    ordering = ("order",)
    inlines = (PromotionRuleInline,)
