from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.choices import AuditKind


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AppendOnlyError(Exception):
    """An append-only record was about to be changed or removed."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only")


class AppendOnlyModel(models.Model):
    """A record that is written once and never changed or removed (audit events, edit records): the
    model and its queryset refuse updates and deletes."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(f"{type(self).__name__} rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError(f"{type(self).__name__} rows cannot be deleted")


class AuditEvent(AppendOnlyModel):
    """One security-relevant event (审计日志): a login, a failed login, a refusal, a reveal of personal data.

    Append-only: the application has no way to change or delete a row (the model, its queryset and the
    admin refuse, and a database trigger refuses UPDATE and, on PostgreSQL, DELETE). DOMAIN.md §6 keeps
    them at least six months.
    """

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    kind = models.CharField(_("event"), max_length=40, choices=AuditKind.choices, db_index=True)
    success = models.BooleanField(_("success"), default=True)
    # The actor is kept by id and name, without a foreign key constraint, so that no change to a user
    # (or its removal) ever has to touch an audit row.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    method = models.CharField(_("method"), max_length=10, blank=True)
    path = models.CharField(_("path"), max_length=500, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["kind", "-created_at"]),
            models.Index(fields=["actor", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M:%S} {self.kind} {self.username}"


class RecentVisit(models.Model):
    """A record a user opened recently (最近访问), for the workbench's "recent items"."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recent_visits")
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64)
    label = models.CharField(max_length=200)
    url = models.CharField(max_length=500)
    visited_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("recent visit")
        verbose_name_plural = _("recent visits")
        ordering = ["-visited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "object_type", "object_id"], name="recentvisit_unique_object"
            )
        ]
        indexes = [models.Index(fields=["user", "-visited_at"])]

    def __str__(self) -> str:
        return self.label


class CalendarYear(models.Model):
    """A year whose holiday arrangement the State Council has published and an administrator has entered
    (放假安排), for years the chinesecalendar package does not cover yet. Marking a year here means
    "the overrides for this year are complete": deadlines in it are then computed without a warning."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    notice = models.CharField(_("published notice"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class HolidayOverride(models.Model):
    """One day whose kind an administrator sets (节假日调整): a public holiday, or a make-up working day
    (调休上班, e.g. Saturday 2026-02-14). Overrides win over the chinesecalendar package."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("Rest day (holiday)")
        WORKDAY = "workday", _("Working day (make-up)")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("holiday override")
        verbose_name_plural = _("holiday overrides")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()}"


class EditRecord(AppendOnlyModel):
    """One edit of a registry record (修改记录): who changed which fields from what to what, and how
    (form, import, API, admin). Written by the services that make the change; append-only."""

    class Source(models.TextChoices):
        FORM = "form", _("Form")
        IMPORT = "import", _("Import")
        API = "api", _("API")
        ADMIN = "admin", _("Administration")
        SYSTEM = "system", _("System")

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    created = models.BooleanField(_("record created"), default=False)
    # Where the edit came from beyond the source kind, e.g. "import:42" for an import job.
    reference = models.CharField(_("reference"), max_length=50, blank=True)
    # {field name: [old, new]} as display strings; personal identifiers are stored masked.
    changes = models.JSONField(_("changes"), default=dict)

    class Meta:
        verbose_name = _("edit record")
        verbose_name_plural = _("edit records")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.object_type}#{self.object_id} {self.created_at:%Y-%m-%d %H:%M}"


class ImportJob(models.Model):
    """One spreadsheet import (数据导入): the file, how duplicates are handled, and what happened to every
    row. The rows are written in one transaction, so a job is either fully imported or not at all."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded, awaiting confirmation")  # headers understood; preview shown
        INVALID = "invalid", _("Cannot be imported")  # unreadable file or required columns missing
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed, nothing imported")  # an error rolled the whole import back
        CANCELLED = "cancelled", _("Cancelled")

    class Mode(models.TextChoices):
        UPDATE = "update", _("Update records that already exist")
        REJECT = "reject", _("Reject rows for records that already exist")

    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    spec = models.CharField(_("import type"), max_length=50)
    mode = models.CharField(_("duplicates"), max_length=10, choices=Mode.choices, default=Mode.REJECT)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=255)
    header_map = models.JSONField(default=dict, blank=True)  # {column index: field key}
    ignored_columns = models.JSONField(default=list, blank=True)
    message = models.TextField(_("message"), blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    error_file = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["created_by", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.spec} #{self.pk} {self.original_name}"

    @property
    def finished(self) -> bool:
        return self.status in {
            self.Status.DONE,
            self.Status.FAILED,
            self.Status.INVALID,
            self.Status.CANCELLED,
        }
