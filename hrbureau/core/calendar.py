"""The working-day calendar and the two ways of counting a period (DOMAIN.md §1).

* calendar days (arbitration, civil-procedure counting): the day of the event is not counted, so
  due = start + N; if that day is a rest day, the due date moves to the next working day. Days in
  between count even when they are holidays.
* working days (12345 work orders, many local rules): N working days after the start day.

Which days are working days: an administrator's overrides (``HolidayOverride``) first, then the
chinesecalendar package (which knows the State Council's arrangements up to 2026 in 1.11.0, make-up
working Saturdays included), and for a year neither covers, Monday to Friday — in which case
``year_is_covered`` is False and every deadline computed in such a year must carry a visible warning
(``uses_fallback``). Nothing here ever raises for an uncovered year.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import chinese_calendar

ONE_DAY = dt.timedelta(days=1)
_CACHE_SECONDS = 30
_cache: dict[int, tuple[float, dict[dt.date, bool]]] = {}
_years_cache: tuple[float, frozenset[int]] | None = None
_lock = threading.Lock()


def clear_cache() -> None:
    """Forget cached overrides (called after an administrator edits them)."""
    global _years_cache
    with _lock:
        _cache.clear()
        _years_cache = None


def _overrides(year: int) -> dict[dt.date, bool]:
    """{date: is_working_day} of the administrator's overrides in ``year`` (cached briefly)."""
    now = time.monotonic()
    cached = _cache.get(year)
    if cached is not None and now - cached[0] < _CACHE_SECONDS:
        return cached[1]
    from hrbureau.core.models import HolidayOverride

    days = {
        day: kind == HolidayOverride.Kind.WORKDAY
        for day, kind in HolidayOverride.objects.filter(date__year=year).values_list("date", "kind")
    }
    with _lock:
        _cache[year] = (now, days)
    return days


def _published_years() -> frozenset[int]:
    global _years_cache
    now = time.monotonic()
    if _years_cache is not None and now - _years_cache[0] < _CACHE_SECONDS:
        return _years_cache[1]
    from hrbureau.core.models import CalendarYear

    years = frozenset(CalendarYear.objects.values_list("year", flat=True))
    with _lock:
        _years_cache = (now, years)
    return years


def package_covers(year: int) -> bool:
    try:
        chinese_calendar.is_workday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def year_is_covered(year: int) -> bool:
    """True when the year's holidays are known (package or administrator), False when we fall back."""
    return package_covers(year) or year in _published_years()


def is_working_day(day: dt.date) -> bool:
    override = _overrides(day.year).get(day)
    if override is not None:
        return override
    if package_covers(day.year):
        return bool(chinese_calendar.is_workday(day))
    return day.weekday() < 5


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    """Calendar-day period: start + n, moved to the next working day if that is a rest day."""
    if n < 0:
        raise ValueError("a period cannot be negative")
    return next_working_day(start + dt.timedelta(days=n))


def add_working_days(start: dt.date, n: int) -> dt.date:
    """Working-day period: the n-th working day after ``start`` (the start day itself is not counted)."""
    if n < 0:
        raise ValueError("a period cannot be negative")
    day = start
    counted = 0
    while counted < n:
        day += ONE_DAY
        if is_working_day(day):
            counted += 1
    if n == 0:
        return next_working_day(start)
    return day


def uses_fallback(start: dt.date, end: dt.date) -> bool:
    """True when any year from ``start`` to ``end`` is not covered: a deadline computed across such a
    year assumed Monday–Friday and must say so wherever it is shown."""
    low, high = sorted((start, end))
    return any(not year_is_covered(year) for year in range(low.year, high.year + 1))
