"""Due dates are derived from a clock's events and the calendar (DOMAIN.md §1)."""

from __future__ import annotations

import datetime as dt

import pytest

from hrbureau.core.clocks import derive
from hrbureau.core.models import ClockEvent, DayKind, HolidayOverride

D = dt.date
K = ClockEvent.Kind
pytestmark = pytest.mark.django_db


def due(day_kind: str, *events: tuple[str, dt.date, int]) -> dt.date | None:
    return derive(day_kind=day_kind, events=list(events)).due_on


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        # DOMAIN.md §1's public examples of the calendar-day rule.
        (D(2026, 9, 16), 15, D(2026, 10, 8)),  # lands in the National Day holiday → next working day
        (D(2026, 1, 30), 15, D(2026, 2, 14)),  # a make-up working Saturday stays
        (D(2026, 9, 18), 45, D(2026, 11, 2)),
    ],
)
def test_calendar_day_clock_follows_the_public_examples(start: dt.date, days: int, expected: dt.date) -> None:
    assert due(DayKind.CALENDAR, (K.START, start, days)) == expected


def test_working_day_clock_skips_holidays_and_counts_make_up_days() -> None:
    # Given a 12345 complaint (15 working days) received on Friday 2026-09-25, before National Day
    # When the clock is derived
    # Then Mid-Autumn (25–27 Sep) and 1–7 October do not count; Saturday 10 October (make-up) does
    assert due(DayKind.WORKING, (K.START, D(2026, 9, 25), 15)) == D(2026, 10, 22)
    # A 2-working-day enquiry received on Friday 2026-02-13 counts Saturday 14 February (make-up) first.
    assert due(DayKind.WORKING, (K.START, D(2026, 2, 13), 2)) == D(
        2026, 2, 24
    )  # Spring Festival runs to 23 Feb


def test_pause_adds_the_paused_days_and_has_no_due_date_while_paused() -> None:
    start = (K.START, D(2026, 3, 2), 45)
    assert due(DayKind.CALENDAR, start) == D(2026, 4, 16)
    assert due(DayKind.CALENDAR, start, (K.PAUSE, D(2026, 3, 10), 0)) is None
    # Paused 10 calendar days → due 10 days later.
    assert due(DayKind.CALENDAR, start, (K.PAUSE, D(2026, 3, 10), 0), (K.RESUME, D(2026, 3, 20), 0)) == D(
        2026, 4, 27
    )


def test_working_day_pause_counts_only_working_days_lost() -> None:
    start = (K.START, D(2026, 3, 2), 10)  # Monday; 10 working days → Monday 16 March
    assert due(DayKind.WORKING, start) == D(2026, 3, 16)
    # Paused Friday 6 → Monday 9 March: one working day lost (Monday 9), the weekend costs nothing.
    assert due(DayKind.WORKING, start, (K.PAUSE, D(2026, 3, 6), 0), (K.RESUME, D(2026, 3, 9), 0)) == D(
        2026, 3, 17
    )


def test_restart_runs_the_full_period_again_and_forgets_earlier_pauses() -> None:
    events = [
        (K.START, D(2026, 3, 2), 45),
        (K.PAUSE, D(2026, 3, 5), 0),
        (K.RESUME, D(2026, 3, 15), 0),
        (K.RESTART, D(2026, 4, 1), 0),
    ]
    assert due(DayKind.CALENDAR, *events) == D(2026, 5, 18)  # 2026-04-01 + 45 = 16 May (Sat) → 18 May


def test_extension_adds_its_days_and_stop_keeps_the_due_date() -> None:
    events = [(K.START, D(2026, 3, 2), 45), (K.EXTEND, D(2026, 4, 10), 15)]
    assert due(DayKind.CALENDAR, *events) == D(2026, 5, 6)  # 2 March + 60 = 1 May (holiday) → 6 May
    state = derive(day_kind=DayKind.CALENDAR, events=[*events, (K.STOP, D(2026, 4, 20), 0)])
    assert state.stopped_on == D(2026, 4, 20)
    assert state.due_on == D(2026, 5, 6)


def test_an_administrators_override_moves_the_due_date() -> None:
    assert due(DayKind.CALENDAR, (K.START, D(2026, 3, 2), 10)) == D(2026, 3, 12)
    HolidayOverride.objects.create(date=D(2026, 3, 12), kind=HolidayOverride.Kind.HOLIDAY)
    from hrbureau.core import calendar

    calendar.clear_cache()
    try:
        assert due(DayKind.CALENDAR, (K.START, D(2026, 3, 2), 10)) == D(2026, 3, 13)
    finally:
        calendar.clear_cache()


def test_a_clock_without_a_start_is_refused() -> None:
    with pytest.raises(ValueError, match="start"):
        derive(day_kind=DayKind.CALENDAR, events=[(K.PAUSE, D(2026, 3, 2), 0)])
