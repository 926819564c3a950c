"""The configurable parts of labour-risk early warning, kept by administrators: resolution limits by
severity, the checklist, the score's components and the warning thresholds, and the social-insurance
arrears flags (imported or entered). The escalation rule is a ``core.Rule`` (subject ``labour.risk``)."""

from __future__ import annotations

from django.contrib import admin

from hrbureau.core.admin import DatedTimeLimitAdmin
from hrbureau.labour.models import (
    ArrearsFlag,
    ChecklistItem,
    ScoreComponent,
    TimeLimit,
    WarningThreshold,
)


@admin.register(TimeLimit)
class TimeLimitAdmin(DatedTimeLimitAdmin):
    """How long a risk of each severity may take to resolve, the verification and the rework periods."""


@admin.register(ChecklistItem)
class ChecklistItemAdmin(admin.ModelAdmin):
    list_display = ("question", "group", "risk_type", "active", "sort_order")
    list_filter = ("group", "active")
    list_editable = ("active", "sort_order")


@admin.register(ScoreComponent)
class ScoreComponentAdmin(admin.ModelAdmin):
    """points = min(cap, weight × measure); the scores are recomputed nightly or from the early-warning page."""

    list_display = ("key", "weight", "cap", "window_days", "active")
    list_editable = ("weight", "cap", "window_days", "active")


@admin.register(WarningThreshold)
class WarningThresholdAdmin(admin.ModelAdmin):
    list_display = ("level", "min_score")
    list_editable = ("min_score",)


@admin.register(ArrearsFlag)
class ArrearsFlagAdmin(admin.ModelAdmin):
    list_display = ("enterprise", "flagged_on", "months", "amount", "source", "cleared_on")
    list_filter = ("cleared_on",)
    raw_id_fields = ("enterprise",)
    search_fields = ("enterprise__name", "enterprise__uscc")
