from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from hrbureau.core import calendar, rules
from hrbureau.core.models import (
    AuditEvent,
    CalendarYear,
    HolidayOverride,
    OutboxMessage,
    Rule,
    SupervisionStep,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the platform writes and nobody edits: shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    """Read-only: audit events are written by the platform and never edited (DOMAIN.md §6)."""

    list_display = ("created_at", "kind", "success", "username", "ip_address", "path")
    list_filter = ("kind", "success")
    search_fields = ("username", "path", "object_id")
    date_hierarchy = "created_at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """Every SMS and e-mail with its delivery status (a failed one is retried by the next sweep)."""

    list_display = ("created_at", "channel", "to", "status", "attempts", "sent_at", "error")
    list_filter = ("channel", "status")
    search_fields = ("to",)
    date_hierarchy = "created_at"


@admin.register(SupervisionStep)
class SupervisionStepAdmin(admin.ModelAdmin):
    """The supervision ladder (DOMAIN.md §3, configurable): days after the due date, who is told."""

    list_display = ("level", "name", "offset_days", "notify_leadership", "active")


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


class RuleForm(forms.ModelForm):
    subject = forms.ChoiceField(label=_("applies to"), choices=rules.subject_choices)

    class Meta:
        model = Rule
        fields = ("code", "name", "subject", "condition", "description", "valid_from", "valid_to", "source")


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    """Rules in the condition language (fast-track triage, honest-employer criteria…). A rule with an
    unknown field, operator or value is refused with the place of the mistake."""

    form = RuleForm
    list_display = ("code", "name", "subject", "valid_from", "valid_to", "updated_at")
    list_filter = ("subject",)
    search_fields = ("code", "name")
    readonly_fields = ("fields_available",)

    @admin.display(description=_("fields a rule may use"))
    def fields_available(self, obj: Rule | None) -> str:
        if obj is None or not obj.subject:
            return ""
        return format_html_join(
            "", "<div><code>{}</code> — {} ({})</div>", rules.describe_fields(obj.subject)
        )


class DatedTimeLimitAdmin(admin.ModelAdmin):
    """A business line's time limits (``core.models.DatedTimeLimit``): a change is a new row from a new
    date, so each case keeps the rule of its time."""

    list_display = ("key", "days", "day_kind", "valid_from", "valid_to", "source")
    list_filter = ("key", "day_kind")


# --- the task queue (django-tasks-db) ---------------------------------------------------------------
# The queue's package has no Chinese catalogue. The words its admin shows are marked for translation
# there (the model's and fields' names, the states); the same words are named here so that the
# platform's catalogue carries their Chinese, and the rest — the app's name, the columns and labels the
# package's admin writes as plain strings — are given by this admin.

from django.apps import apps as _apps  # noqa: E402
from django.utils.translation import pgettext_lazy  # noqa: E402
from django_tasks_db.admin import DBTaskResultAdmin  # noqa: E402
from django_tasks_db.models import DBTaskResult  # noqa: E402

TASK_QUEUE_WORDS = (
    _("Task Result"),
    _("Task Results"),
    _("status"),
    _("enqueued at"),
    _("started at"),
    _("finished at"),
    _("args kwargs"),
    _("priority"),
    _("task path"),
    _("worker id"),
    _("queue name"),
    _("backend name"),
    _("run after"),
    _("return value"),
    _("exception class path"),
    _("traceback"),
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
)

_apps.get_app_config("django_tasks_database").verbose_name = _("Task queue")


class TaskResultAdmin(DBTaskResultAdmin):
    """The background tasks (imports, score computations, deadline sweeps, messages) and how each ran;
    read-only, as the package's own admin."""

    list_display = (
        "task_number",
        "task",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description=_("task number"), ordering="id")
    def task_number(self, obj: DBTaskResult) -> str:
        """The start of the task's id: enough to tell tasks apart in the list (``task_id`` has it whole)."""
        return str(obj.id)[:8]

    @admin.display(description=_("task number"))
    def task_id(self, obj: DBTaskResult) -> str:
        return str(obj.id)

    @admin.display(description=_("task"))
    def task(self, obj: DBTaskResult) -> str:
        return str(obj.task_name)

    @admin.display(description=_("traceback"))
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description=_("run after"))
    def display_run_after(self, obj: DBTaskResult) -> Any:
        return super().display_run_after(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = super().get_readonly_fields(request, obj)
        return ["task_id" if name == "id" else name for name in fields]


admin.site.unregister(DBTaskResult)
admin.site.register(DBTaskResult, TaskResultAdmin)
