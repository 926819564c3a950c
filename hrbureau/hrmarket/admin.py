"""Back-office settings of the HR-service market: how often the reporting enterprises report and when
their figures are due (a dated table: a new rule is a new row from a new date), and the periods made."""

from __future__ import annotations

from django.contrib import admin

from hrbureau.hrmarket.models import ReportingPeriod, ReportingSetting


@admin.register(ReportingSetting)
class ReportingSettingAdmin(admin.ModelAdmin):
    """Monthly or quarterly, and the due date in working days after a period ends [practice, configurable]."""

    list_display = ("frequency", "due_working_days", "valid_from", "valid_to", "source")


@admin.register(ReportingPeriod)
class ReportingPeriodAdmin(admin.ModelAdmin):
    """The periods the sweep made; a due date corrected here applies to that period only."""

    list_display = ("starts_on", "ends_on", "frequency", "due_on")
    list_filter = ("frequency",)
