"""Deadline clocks (DESIGN.md mechanism 2; DOMAIN.md §1).

A case has named clocks. Each clock's due date is *derived* from its events — start, pause, resume,
restart, extension, stop — and the calendar (``core.calendar``), never typed in:

* calendar days: due = start + period + extensions + the calendar days spent paused, moved to the next
  working day when it lands on a rest day;
* working days: the (period + extensions + working days spent paused)-th working day after the start;
* a restart begins the full period again from the restart date (earlier pauses no longer count);
* while paused a clock has no due date; it is neither running nor overdue.

The deadline sweep (``sweep_deadlines``) marks overdue clocks and climbs the supervision ladder
(``SupervisionStep``); every step is recorded on the clock, so running the sweep twice sends nothing twice.
The responsible unit is told of each case at each step; leadership is told once a day, by a digest of the
cases that went under supervision (督办) that day, linking to the list of them (``supervision_list``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Min, Q, QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrbureau.core import calendar
from hrbureau.core.models import Clock, ClockEvent, DayKind, Notification, NotificationRead, SupervisionStep

Kind = ClockEvent.Kind


# Clock writes join the caller's transaction without a savepoint of their own (two statements fewer per
# write): an error in one is a bug that rolls the whole act back anyway.
def _joins_caller(fn: Any) -> Any:
    return transaction.atomic(savepoint=False)(fn)


@dataclass(frozen=True)
class ClockState:
    started_on: dt.date
    period_days: int
    extension_days: int
    due_on: dt.date | None
    paused_since: dt.date | None
    stopped_on: dt.date | None


def _paused_days(day_kind: str, pause: dt.date, resume: dt.date) -> int:
    if day_kind == DayKind.CALENDAR:
        return max((resume - pause).days, 0)
    # Working days lost while paused: the working days after the pause day up to the resume day.
    count = 0
    day = pause
    while day < resume:
        day += calendar.ONE_DAY
        if calendar.is_working_day(day):
            count += 1
    return count


def derive(*, day_kind: str, events: Iterable[tuple[str, dt.date, int]]) -> ClockState:
    """The clock's state from its events ``(kind, date, days)`` in the order they happened."""
    started_on: dt.date | None = None
    period = extension = paused = 0
    paused_since: dt.date | None = None
    stopped_on: dt.date | None = None
    for kind, on, days in events:
        if kind == Kind.START:
            started_on, period, extension, paused = on, days, 0, 0
            paused_since = stopped_on = None
        elif kind == Kind.RESTART:
            # The full period again from the restart (调解仲裁法 Art.43 / 办案规则 Art.46 for awards).
            started_on, paused, paused_since, stopped_on = on, 0, None, None
        elif kind == Kind.PAUSE and paused_since is None and stopped_on is None:
            paused_since = on
        elif kind == Kind.RESUME and paused_since is not None:
            paused += _paused_days(day_kind, paused_since, on)
            paused_since = None
        elif kind == Kind.EXTEND:
            extension += days
        elif kind == Kind.STOP and stopped_on is None:
            stopped_on = on
    if started_on is None:
        raise ValueError("a clock's first event must be its start")
    due: dt.date | None = None
    if paused_since is None:
        total = period + extension + paused
        if day_kind == DayKind.CALENDAR:
            due = calendar.add_calendar_days(started_on, total)
        else:
            due = calendar.add_working_days(started_on, total)
    return ClockState(
        started_on=started_on,
        period_days=period,
        extension_days=extension,
        due_on=due,
        paused_since=paused_since,
        stopped_on=stopped_on,
    )


def _case_key(case: Any) -> tuple[str, int]:
    return case._meta.label_lower, case.pk


def clock_of(case: Any, name: str) -> Clock | None:
    case_type, case_id = _case_key(case)
    return Clock.objects.filter(case_type=case_type, case_id=case_id, name=name).first()


def clocks_of(case: Any) -> list[Clock]:
    case_type, case_id = _case_key(case)
    return list(Clock.objects.filter(case_type=case_type, case_id=case_id).order_by("id"))


def _recompute(clock: Clock, *, today: dt.date | None = None) -> Clock:
    events = clock.events.order_by("id").values_list("kind", "on", "days")
    state = derive(day_kind=clock.day_kind, events=list(events))
    today = today or timezone.localdate()
    moved = state.due_on != clock.due_on
    clock.started_on = state.started_on
    clock.period_days = state.period_days
    clock.extension_days = state.extension_days
    clock.due_on = state.due_on
    clock.paused_since = state.paused_since
    clock.stopped_on = state.stopped_on
    clock.overdue = state.due_on is not None and state.stopped_on is None and state.due_on < today
    if moved:
        # A new due date (extension, restart, resume) starts the supervision ladder afresh.
        clock.ladder_level = 0
    clock.save(
        update_fields=[
            "started_on",
            "period_days",
            "extension_days",
            "due_on",
            "paused_since",
            "stopped_on",
            "overdue",
            "ladder_level",
            "updated_at",
        ]
    )
    return clock


def display_label(clock: Clock) -> str:
    return _(clock.label)


def refresh_case_due(case: Any) -> None:
    """Keep ``case.due_on`` = the soonest due date of its running clocks (what to-do lists sort by)."""
    case_type, case_id = _case_key(case)
    due = Clock.objects.filter(
        case_type=case_type, case_id=case_id, stopped_on__isnull=True, paused_since__isnull=True
    ).aggregate(due=Min("due_on"))["due"]
    if due != case.due_on:
        type(case)._base_manager.filter(pk=case.pk).update(due_on=due)
        case.due_on = due


def _event(clock: Clock, kind: str, on: dt.date, *, days: int = 0, reason: str = "", actor: Any) -> None:
    ClockEvent.objects.create(
        clock=clock,
        kind=kind,
        on=on,
        days=days,
        reason=reason[:500],
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


@_joins_caller
def clock_start(
    *,
    case: Any,
    name: str,
    label: Any,
    days: int,
    day_kind: str,
    on: dt.date,
    unit: Any = None,
    actor: Any = None,
) -> Clock:
    """Start (or start afresh) the clock ``name`` of ``case``: ``days`` counted from ``on``.

    ``label`` is stored as its English source text and translated when shown (``display_label``), so a
    clock started by the worker or an import reads right in every language."""
    with translation.override("en"):
        label = str(label)
    case_type, case_id = _case_key(case)
    clock, _created = Clock.objects.get_or_create(
        case_type=case_type,
        case_id=case_id,
        name=name,
        defaults={
            "label": label,
            "title": str(case)[:200],
            "url": case.get_absolute_url() if hasattr(case, "get_absolute_url") else "",
            "unit": unit,
            "day_kind": day_kind,
            "period_days": days,
            "started_on": on,
        },
    )
    if not _created:
        clock.day_kind, clock.label, clock.unit = day_kind, label, unit
    _event(clock, Kind.START, on, days=days, actor=actor)
    _recompute(clock)
    refresh_case_due(case)
    return clock


def _change(
    case: Any,
    name: str,
    kind: str,
    on: dt.date,
    *,
    days: int = 0,
    reason: str = "",
    actor: Any,
    clock: Clock | None = None,
) -> Clock:
    clock = clock or clock_of(case, name)
    if clock is None:
        raise ValueError(f"{case} has no clock {name!r}")
    _event(clock, kind, on, days=days, reason=reason, actor=actor)
    if kind == Kind.STOP and clock.stopped_on is None and clock.paused_since is None:
        # Meeting a running clock changes no date: what derive() would give, without reading the events.
        clock.stopped_on, clock.overdue = on, False
        clock.save(update_fields=["stopped_on", "overdue", "updated_at"])
    else:
        _recompute(clock)
    refresh_case_due(case)
    return clock


@_joins_caller
def clock_pause(*, case: Any, name: str, on: dt.date, reason: str = "", actor: Any = None) -> Clock:
    return _change(case, name, Kind.PAUSE, on, reason=reason, actor=actor)


@_joins_caller
def clock_resume(*, case: Any, name: str, on: dt.date, actor: Any = None) -> Clock:
    return _change(case, name, Kind.RESUME, on, actor=actor)


@_joins_caller
def clock_restart(*, case: Any, name: str, on: dt.date, reason: str = "", actor: Any = None) -> Clock:
    return _change(case, name, Kind.RESTART, on, reason=reason, actor=actor)


@_joins_caller
def clock_extend(*, case: Any, name: str, days: int, on: dt.date, reason: str, actor: Any = None) -> Clock:
    """Record an approved extension (the approval itself is a transition of the case's workflow)."""
    if days <= 0:
        raise ValueError("an extension is a positive number of days")
    return _change(case, name, Kind.EXTEND, on, days=days, reason=reason, actor=actor)


@_joins_caller
def clock_stop(*, case: Any, name: str, on: dt.date, actor: Any = None) -> Clock | None:
    """The clock's deadline is met (or no longer applies); a clock never started is left alone."""
    clock = clock_of(case, name)
    if clock is None or clock.stopped_on is not None:
        return clock
    return _change(case, name, Kind.STOP, on, actor=actor, clock=clock)


def clocks_reassign(*, case: Any, unit: Any) -> None:
    """Notices of the case's running clocks go to ``unit`` from now on (dispatch, transfer)."""
    case_type, case_id = _case_key(case)
    Clock.objects.filter(case_type=case_type, case_id=case_id, stopped_on__isnull=True).update(unit=unit)


# --- The sweep -------------------------------------------------------------------------------------


LEADERSHIP_ROLE = "leader"  # the role told of supervision (督办), by the daily digest
DIGEST_LINES = 20  # cases named in the digest's text; its link lists them all


@dataclass
class SweepResult:
    today: dt.date
    marked_overdue: int = 0
    steps: dict[str, int] = field(default_factory=dict)
    # The cases that went under supervision today so far (the number the leadership digest gives).
    supervised_today: int = 0

    @property
    def notices(self) -> int:
        return sum(self.steps.values())


_CASE, _DUE = "\x00case\x00", "\x00due\x00"


def _step_template(step: SupervisionStep) -> str:
    if step.offset_days < 0:
        return _("Reminder: %(case)s is due on %(due)s")
    if step.notify_leadership:
        return _("Supervision (督办): %(case)s is overdue since %(due)s; leadership is told")
    return _("Formal reminder (催办): %(case)s was due on %(due)s")


def _title_sql(template: str) -> tuple[str, list[str]]:
    """SQL building a notice's title in the database: the translated template's text around the clock's
    title and due date (so a chunk of notices is one INSERT … SELECT, not a Python object per clock)."""
    sql: list[str] = []
    params: list[str] = []
    for part in re.split(f"({_CASE}|{_DUE})", template % {"case": _CASE, "due": _DUE}):
        if part == _CASE:
            sql.append("c.title")
        elif part == _DUE:
            sql.append("CAST(c.due_on AS TEXT)")
        elif part:
            sql.append("%s")
            params.append(part)
    return f"SUBSTR({' || '.join(sql)}, 1, 200)", params


def _insert_notices(step: SupervisionStep, ids: list[int]) -> None:
    """One INSERT … SELECT writing each raised clock's notice to its responsible unit (leadership hears
    of the 督办 step from the day's digest, not case by case)."""
    marks = ", ".join(["%s"] * len(ids))
    labels = list(Clock.objects.filter(id__in=ids).order_by().values_list("label", flat=True).distinct())
    body_sql = "CASE c.label " + " ".join("WHEN %s THEN %s" for _label in labels) + " ELSE c.label END"
    body_params: list[Any] = []
    for label in labels:
        body_params += [label, _(label)]
    title_sql, title_params = _title_sql(_step_template(step))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    notice, clock = Notification._meta.db_table, Clock._meta.db_table
    with connection.cursor() as cursor:
        # Only fixed SQL fragments are formatted in; every value is a parameter.
        cursor.execute(
            f"INSERT INTO {notice} (recipient_id, recipient_unit_id, recipient_role, title, body, url, "  # noqa: S608
            "case_type, case_id, created_at) "
            f"SELECT NULL, c.unit_id, '', {title_sql}, {body_sql}, c.url, c.case_type, c.case_id, %s "
            f"FROM {clock} c WHERE c.id IN ({marks}) AND c.unit_id IS NOT NULL",
            [*title_params, *body_params, now, *ids],
        )


def _climb(step: SupervisionStep, ids: list[int], today: dt.date) -> list[int]:
    """Raise the clocks ``ids`` to ``step`` where they are still below it and running, marking the late
    ones overdue in the same write; the ids actually raised. The row locks this UPDATE takes make a
    second sweep at the same moment wait and then find them raised: nothing is sent twice."""
    table = Clock._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    day = connection.ops.adapt_datefield_value(today)
    # A step involving leadership records the day, for that day's digest.
    supervised = "supervised_on = %s, " if step.notify_leadership else ""
    with connection.cursor() as cursor:
        # Only fixed SQL fragments are formatted in; every value is a parameter.
        cursor.execute(
            f"UPDATE {table} SET ladder_level = %s, {supervised}overdue = (overdue OR due_on < %s) "  # noqa: S608
            f"WHERE id IN ({marks}) AND ladder_level < %s "
            "AND stopped_on IS NULL AND paused_since IS NULL RETURNING id",
            [step.level, *([day] if step.notify_leadership else []), day, *ids, step.level],
        )
        return sorted(row[0] for row in cursor.fetchall())


def sweep_deadlines(*, today: dt.date | None = None, chunk: int = 5000) -> SweepResult:
    """Mark overdue clocks and send each running clock the highest supervision step it has reached.

    Set-based: each step reads its candidates once, then per chunk one UPDATE … RETURNING raises them
    (and marks the late ones overdue) and one INSERT … SELECT writes their notices; a clock that first
    comes up already several steps late gets only the highest step, not every step at once.
    """
    today = today or timezone.localdate()
    result = SweepResult(today=today)
    running = Clock.objects.filter(stopped_on__isnull=True, paused_since__isnull=True)
    late = running.filter(overdue=False, due_on__lt=today)
    before = late.count()
    steps = list(SupervisionStep.objects.filter(active=True).order_by("-level"))
    supervised_now = 0
    for step in steps:
        candidates = sorted(
            running.filter(
                ladder_level__lt=step.level, due_on__lte=today - dt.timedelta(days=step.offset_days)
            )
            .order_by()
            .values_list("id", flat=True)
        )
        sent = 0
        for start in range(0, len(candidates), chunk):
            with transaction.atomic():
                raised = _climb(step, candidates[start : start + chunk], today)
                if raised:
                    _insert_notices(step, raised)
                sent += len(raised)
        result.steps[step.name] = sent
        if step.notify_leadership:
            supervised_now += sent
    # Late clocks no step reached yet (a ladder whose first rung after the due date is days later).
    late.update(overdue=True)
    result.marked_overdue = before
    # A due date moved later (an administrator's calendar change, a replayed day) clears the flag.
    running.filter(overdue=True, due_on__gte=today).update(overdue=False)
    if supervised_now:
        # Leadership's digest of the day, written (or rewritten) only when this sweep escalated something.
        result.supervised_today = leadership_digest(today=today)
    return result


# --- Supervision for leadership: the daily digest and the list it links to -------------------------


def supervision_url(day: dt.date | None = None) -> str:
    url = reverse("core:supervision")
    return f"{url}?day={day.isoformat()}" if day is not None else url


def leadership_digest(*, today: dt.date) -> int:
    """Leadership's one notice of the day: how many cases went under supervision (督办) today, the first
    of them by name, and a link to the list of them all. Written by the first sweep that escalates
    anything; a later sweep the same day that escalates more rewrites it and marks it unread again (the
    sweep calls this only when it escalated something). Returns the day's count."""
    escalated = Clock.objects.filter(supervised_on=today).order_by("due_on", "id")
    count = escalated.count()
    if count == 0:
        return 0
    title = ngettext(
        "Supervision digest %(day)s: %(count)d case went under supervision (督办)",
        "Supervision digest %(day)s: %(count)d cases went under supervision (督办)",
        count,
    ) % {"day": today.isoformat(), "count": count}
    lines = [
        _("%(case)s · %(clock)s · due %(due)s") % {"case": c.title, "clock": _(c.label), "due": c.due_on}
        for c in escalated[:DIGEST_LINES]
    ]
    if count > DIGEST_LINES:
        lines.append(_("… and %(more)d more: see the list.") % {"more": count - DIGEST_LINES})
    body, url = "\n".join(lines), supervision_url(today)
    with transaction.atomic():
        # Two sweeps at once write one digest: the leadership rung's row serialises them.
        list(SupervisionStep.objects.select_for_update().filter(notify_leadership=True))
        notice = Notification.objects.filter(recipient_role=LEADERSHIP_ROLE, url=url).first()
        if notice is None:
            Notification.objects.create(recipient_role=LEADERSHIP_ROLE, title=title[:200], body=body, url=url)
        else:
            notice.title, notice.body = title[:200], body
            notice.save(update_fields=["title", "body"])
            NotificationRead.objects.filter(notification=notice).delete()
    return count


def supervision_list(*, user: Any, day: dt.date | None = None) -> QuerySet[Clock]:
    """The clocks under supervision (督办) that ``user`` may see: those that went under it on ``day``, or
    (without a day) those still running at a leadership rung. Each case type is narrowed by its own
    ``for_user``; a type the user may not see contributes nothing."""
    from hrbureau.core.workflow import workflows

    clocks = Clock.objects.filter(supervised_on__isnull=False)
    if day is not None:
        clocks = clocks.filter(supervised_on=day)
    else:
        level = (
            SupervisionStep.objects.filter(active=True, notify_leadership=True)
            .order_by("level")
            .values_list("level", flat=True)
            .first()
        )
        if level is None:
            return clocks.none()
        clocks = clocks.filter(stopped_on__isnull=True, paused_since__isnull=True, ladder_level__gte=level)
    visible = Q(pk__in=[])
    for workflow in workflows():
        seen = workflow.model.objects.for_user(user)  # type: ignore[attr-defined]
        if seen.query.is_empty():
            continue
        if not seen.query.where:
            visible |= Q(case_type=workflow.label)  # the whole district: no need to ask the case table
        else:
            visible |= Q(case_type=workflow.label, case_id__in=seen.values("pk"))
    return clocks.filter(visible).select_related("unit")


def supervision_counts(*, user: Any, today: dt.date | None = None) -> dict[str, int]:
    """For the dashboard's alert: cases under supervision now, and how many went under it today."""
    today = today or timezone.localdate()
    return {
        "open": supervision_list(user=user).count(),
        "today": supervision_list(user=user, day=today).count(),
    }
