from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.choices import AuditKind
from hrbureau.core.dated import DatedRow


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
        CHECKING = "checking", _("Being checked")  # a large file measured and read by the worker
        UPLOADED = "uploaded", _("Uploaded, awaiting confirmation")  # headers understood; preview shown
        INVALID = "invalid", _("Cannot be imported")  # unreadable, too large, or required columns missing
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
    # The row holding the column names (1-based, as in Excel; 0 until the file is checked): found among
    # the first rows, or chosen by the uploader. The rows above it (a title, notes) are not data.
    header_row = models.PositiveIntegerField(_("header row"), default=0)
    header_map = models.JSONField(default=dict, blank=True)  # {column index: field key}
    ignored_columns = models.JSONField(default=list, blank=True)
    # What the check found, shown before the import: the first rows to choose the header from, and what
    # would happen to the first data rows. Saved so that no page has to open the file.
    preview = models.JSONField(default=dict, blank=True)
    # The sheet's extent in cells (last row × last column), once measured (0: not yet).
    cells = models.PositiveBigIntegerField(default=0)
    message = models.TextField(_("message"), blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    rejected_count = models.PositiveIntegerField(_("rejected"), default=0)
    # Rows that are no record: totals (合计), notes below the table (注：…, 填表人…).
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    error_file = models.CharField(max_length=255, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The uploader asked to import while the file was still being checked: the check goes on into it.
    start_when_checked = models.BooleanField(default=False)
    # Each pass of a worker over the job (a check, an import, a retry) has its number; its heartbeat
    # and its final write name it, so a pass declared dead can never complete the job.
    attempt = models.PositiveIntegerField(default=0)

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


# --- Cases: the workflow core (DESIGN.md mechanisms 1–3 and 8) -------------------------------------


class Case(TimeStampedModel):
    """What every case-like record shares (work order, dispute, risk, demand, application): a state that
    only ``core.workflow.transition`` changes, a version for optimistic concurrency, the unit (and
    optionally the person) that must act, and the nearest due date of its running clocks.
    """

    state = models.CharField(_("state"), max_length=30, db_index=True)
    # Bumped by every transition; the update is conditional on it, so of two people acting on the
    # same case at once exactly one wins.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    assigned_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("assigned unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The soonest due date of the case's running clocks (core.clocks keeps it; never edited by hand).
    due_on = models.DateField(_("due"), null=True, blank=True)

    class Meta:
        abstract = True

    def get_state_display(self) -> str:
        """The state's label as the case's workflow declares it, in the reader's language (a badge in a
        template: the state column itself carries no choices)."""
        from hrbureau.core.workflow import workflow_for

        try:
            return str(workflow_for(self).states(self.state).label)
        except (KeyError, ValueError):
            return self.state


class CaseEvent(AppendOnlyModel):
    """One step in a case's life (办理记录): a transition with who made it, from which state to which,
    the reason and the data given. Append-only, like the audit log."""

    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)
    case_type = models.CharField(_("case type"), max_length=60)
    case_id = models.BigIntegerField(_("case"))
    name = models.CharField(_("action"), max_length=40)
    from_state = models.CharField(_("from"), max_length=30, blank=True)
    to_state = models.CharField(_("to"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.case_type}#{self.case_id} {self.name}"


class DayKind(models.TextChoices):
    """How a period is counted (DOMAIN.md §1)."""

    CALENDAR = "calendar", _("calendar days")  # due = start + N, moved off a rest day
    WORKING = "working", _("working days")  # the N-th working day after the start


class DatedTimeLimit(DatedRow):
    """A configurable time limit (时限) with the dates it is valid for; each business line keeps its own
    table with its own keys. The row in force on a case's start date is the one that applies to it."""

    key = models.CharField(_("time limit"), max_length=30)  # a line's model gives the choices
    days = models.PositiveSmallIntegerField(_("days"))
    day_kind = models.CharField(_("counted in"), max_length=10, choices=DayKind.choices)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.days} {self.get_day_kind_display()}"  # type: ignore[attr-defined]

    def due_from(self, start: Any) -> Any:
        """The last day of this limit counted from ``start`` (DOMAIN.md §1)."""
        from hrbureau.core import calendar

        if self.day_kind == DayKind.CALENDAR:
            return calendar.add_calendar_days(start, self.days)
        return calendar.add_working_days(start, self.days)


class Clock(models.Model):
    """A named deadline of a case (时限): acceptance, handling, reply… Its due date is derived from its
    events (start, pauses, restarts, extensions) and the calendar, never typed in. The supervision
    ladder level records which notices have gone out, so a second sweep sends nothing twice."""

    case_type = models.CharField(_("case type"), max_length=60)
    case_id = models.BigIntegerField(_("case"))
    name = models.CharField(_("clock"), max_length=40)
    label = models.CharField(_("label"), max_length=100)
    title = models.CharField(_("case"), max_length=200)  # the case as named in notices
    url = models.CharField(max_length=300, blank=True)
    unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    day_kind = models.CharField(_("counted in"), max_length=10, choices=DayKind.choices)
    period_days = models.PositiveSmallIntegerField(_("period (days)"))
    extension_days = models.PositiveSmallIntegerField(_("extension (days)"), default=0)
    started_on = models.DateField(_("started"))
    paused_since = models.DateField(_("paused since"), null=True, blank=True)
    stopped_on = models.DateField(_("met on"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    overdue = models.BooleanField(_("overdue"), default=False)
    # 0 none; otherwise the level of the highest supervision step sent (see SupervisionStep).
    ladder_level = models.PositiveSmallIntegerField(_("supervision level"), default=0)
    # The day the clock reached a step that involves leadership (督办): what that day's digest lists.
    supervised_on = models.DateField(_("under supervision since"), null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("deadline clock")
        verbose_name_plural = _("deadline clocks")
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case_type", "case_id", "name"], name="clock_unique_name")
        ]
        indexes = [
            # The sweep: running clocks by due date.
            models.Index(
                fields=["due_on", "ladder_level"],
                name="clock_running_due",
                condition=models.Q(stopped_on__isnull=True, paused_since__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.label}"

    @property
    def running(self) -> bool:
        return self.stopped_on is None and self.paused_since is None


class ClockEvent(AppendOnlyModel):
    """One event a clock's due date is derived from (start, pause, resume, restart, extend, stop)."""

    class Kind(models.TextChoices):
        START = "start", _("started")
        PAUSE = "pause", _("paused")
        RESUME = "resume", _("resumed")
        RESTART = "restart", _("restarted")
        EXTEND = "extend", _("extended")
        STOP = "stop", _("met")

    clock = models.ForeignKey(Clock, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    on = models.DateField(_("date"))
    days = models.PositiveSmallIntegerField(_("days"), default=0)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("clock event")
        verbose_name_plural = _("clock events")
        ordering = ["clock", "id"]

    def __str__(self) -> str:
        return f"{self.clock_id} {self.kind} {self.on}"


class SupervisionStep(models.Model):
    """One rung of the supervision ladder (督办阶梯) [practice, configurable]: a reminder before the due
    date, a formal reminder notice (催办) the day after it passes, supervision (督办) with leadership
    notified after more days overdue. ``offset_days`` counts from the due date (negative = before).
    Each rung notifies the responsible unit case by case; leadership gets one digest a day of the cases
    that reached a ``notify_leadership`` rung that day."""

    level = models.PositiveSmallIntegerField(_("level"), unique=True)
    name = models.CharField(_("name"), max_length=50)
    offset_days = models.SmallIntegerField(_("days after the due date"))
    notify_leadership = models.BooleanField(_("notify leadership"), default=False)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("supervision step")
        verbose_name_plural = _("supervision steps")
        ordering = ["level"]

    def __str__(self) -> str:
        return self.name


class Notification(models.Model):
    """A message in the in-app inbox (站内消息), addressed to a person, to every member of a unit, or to
    everyone in a role (leadership)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient_unit = models.ForeignKey(
        "accounts.OrgUnit", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient_role = models.CharField(max_length=30, blank=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    case_type = models.CharField(max_length=60, blank=True)
    case_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["recipient_unit", "-created_at"]),
            models.Index(fields=["recipient_role", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title


class NotificationRead(models.Model):
    """That one user has read one notification (a unit's notice is read person by person)."""

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["notification", "user"], name="notificationread_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.notification_id}"


class OutboxMessage(models.Model):
    """An SMS or e-mail waiting to go out, or gone (消息发送记录). Written in the same transaction as
    the change that caused it and sent after commit by the configured backend, with its status."""

    class Channel(models.TextChoices):
        SMS = "sms", _("SMS")
        EMAIL = "email", _("E-mail")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("message"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.channel} → {self.to}"


class CaseComment(models.Model):
    """A note on a case (办理意见) by someone working on it."""

    case_type = models.CharField(max_length=60)
    case_id = models.BigIntegerField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"])]

    def __str__(self) -> str:
        return self.body[:50]


class CaseAttachment(models.Model):
    """A file attached to a case (附件), stored outside the web root and served only to those who may
    see the case."""

    case_type = models.CharField(max_length=60)
    case_id = models.BigIntegerField()
    event = models.ForeignKey(CaseEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField(_("file name"), max_length=255)
    stored_name = models.CharField(max_length=255, unique=True)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case_type", "case_id"])]

    def __str__(self) -> str:
        return self.original_name


class Rule(DatedRow):
    """A condition in the rules language (``core.rules``) an administrator keeps: the fast-track
    triage, the honest-employer criteria, a policy's eligibility. Dated like every local setting: the
    rule in force on a case's date is the one applied to it."""

    code = models.SlugField(_("code"), max_length=60)
    subject = models.CharField(_("applies to"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    condition = models.JSONField(_("condition"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("rule")
        verbose_name_plural = _("rules")
        ordering = ["code", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["code", "valid_from"], name="rule_unique_start")]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from hrbureau.core import rules

        super().clean()
        try:
            rules.subject(self.subject)
        except LookupError:
            raise ValidationError({"subject": _("Unknown subject.")}) from None
        try:
            self.condition = rules.validate(self.subject, self.condition)
        except ValidationError as exc:
            raise ValidationError({"condition": exc.messages}) from None


class Counter(models.Model):
    """A named counter for numbers that must run without gaps or repeats (a yearly case number)."""

    key = models.CharField(max_length=60, unique=True)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.key} = {self.value}"
