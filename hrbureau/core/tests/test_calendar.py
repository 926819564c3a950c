"""DOMAIN.md §1: the two ways of counting, make-up working days, overrides, uncovered years."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from hrbureau.core import calendar
from hrbureau.core.calendar import (
    add_calendar_days,
    add_working_days,
    is_working_day,
    uses_fallback,
    year_is_covered,
)
from hrbureau.core.models import CalendarYear, HolidayOverride

D = dt.date


@pytest.fixture(autouse=True)
def _fresh_calendar(db: Any) -> Any:
    calendar.clear_cache()
    yield
    calendar.clear_cache()


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        # The public examples of DOMAIN.md §1.
        (D(2026, 9, 16), 15, D(2026, 10, 8)),  # lands on National Day (10-01): next working day 10-08
        (D(2026, 1, 30), 15, D(2026, 2, 14)),  # a make-up working Saturday: stays
        (D(2026, 9, 18), 45, D(2026, 11, 2)),
        # A due date on an ordinary Sunday moves to Monday; holidays in between still count.
        (D(2026, 3, 7), 1, D(2026, 3, 9)),
        (D(2026, 9, 25), 10, D(2026, 10, 8)),
        (D(2026, 5, 4), 0, D(2026, 5, 6)),  # Labour Day holiday runs to 05-05
    ],
)
def test_calendar_day_periods(start: dt.date, n: int, due: dt.date) -> None:
    assert add_calendar_days(start, n) == due


@pytest.mark.parametrize(
    ("start", "n", "due"),
    [
        (D(2026, 11, 27), 2, D(2026, 12, 1)),  # Friday + 2 working days: Monday, Tuesday
        (D(2026, 9, 30), 2, D(2026, 10, 9)),  # over National Day: 10-08 Thu, 10-09 Fri
        (D(2026, 10, 9), 1, D(2026, 10, 10)),  # Saturday 10-10 is a make-up working day
        (D(2026, 2, 13), 1, D(2026, 2, 14)),  # Saturday 02-14 is a make-up working day
        (D(2026, 11, 2), 15, D(2026, 11, 23)),  # a complaint: 15 working days
    ],
)
def test_working_day_periods(start: dt.date, n: int, due: dt.date) -> None:
    assert add_working_days(start, n) == due


def test_make_up_saturdays_are_working_days_and_holidays_are_not() -> None:
    assert is_working_day(D(2026, 2, 14))
    assert is_working_day(D(2026, 10, 10))
    assert not is_working_day(D(2026, 10, 1))
    assert not is_working_day(D(2026, 11, 28))  # an ordinary Saturday


def test_an_override_wins_over_the_package() -> None:
    HolidayOverride.objects.create(date=D(2026, 12, 31), kind=HolidayOverride.Kind.HOLIDAY, name="test")
    calendar.clear_cache()
    assert not is_working_day(D(2026, 12, 31))
    assert add_calendar_days(D(2026, 12, 30), 1) == D(2027, 1, 1)  # 2027 uncovered: Friday works


def test_an_uncovered_year_falls_back_to_monday_to_friday_and_says_so() -> None:
    assert year_is_covered(2026)
    assert not year_is_covered(2027)
    # 2027-01-01 is a Friday: with no data it is treated as a working day, never a crash.
    assert is_working_day(D(2027, 1, 1))
    assert not is_working_day(D(2027, 1, 2))
    assert add_working_days(D(2026, 12, 31), 1) == D(2027, 1, 1)
    assert uses_fallback(D(2026, 12, 20), D(2027, 1, 8))
    assert not uses_fallback(D(2026, 1, 1), D(2026, 12, 31))


def test_an_administrator_completes_a_new_year() -> None:
    HolidayOverride.objects.create(date=D(2027, 1, 1), kind=HolidayOverride.Kind.HOLIDAY, name="元旦")
    CalendarYear.objects.create(year=2027, notice="国办发明电〔2026〕X号")
    calendar.clear_cache()
    assert year_is_covered(2027)
    assert not is_working_day(D(2027, 1, 1))
    assert add_calendar_days(D(2026, 12, 17), 15) == D(2027, 1, 4)
    assert not uses_fallback(D(2026, 12, 17), D(2027, 1, 4))


def test_negative_periods_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_calendar_days(D(2026, 1, 1), -1)


def test_a_deadline_in_an_uncovered_year_carries_a_visible_warning() -> None:
    from django.template import Context, Template

    template = Template("{% deadline due start %}")
    covered = template.render(Context({"due": D(2026, 12, 1), "start": D(2026, 11, 2)}))
    assert covered == '<span class="text-nowrap">2026-12-01</span>'  # a date never wraps
    estimated = template.render(Context({"due": D(2027, 1, 15), "start": D(2026, 12, 20)}))
    assert estimated.startswith('<span class="text-nowrap">2027-01-15</span> ')
    assert "data-calendar-warning" in estimated
    assert "日历估算" in estimated


def test_an_override_saved_in_the_admin_counts_at_once(world: Any, client: Any) -> None:
    """The admin clears this process's calendar cache on save and delete (other processes see the
    change within the cache's 30 seconds)."""
    client.force_login(world.users["sysadmin"])
    day = D(2026, 5, 20)  # a Wednesday, an ordinary working day
    assert is_working_day(day)  # now cached
    response = client.post(
        "/admin/core/holidayoverride/add/", {"date": "2026-05-20", "kind": "holiday", "name": "临时休息日"}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert not is_working_day(day)
    override = HolidayOverride.objects.get(date=day)
    response = client.post(f"/admin/core/holidayoverride/{override.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert is_working_day(day)


def test_a_year_marked_complete_in_the_admin_counts_at_once(world: Any, client: Any) -> None:
    client.force_login(world.users["sysadmin"])
    year = 2031
    assert not year_is_covered(year)
    response = client.post("/admin/core/calendaryear/add/", {"year": year, "notice": "国办发明电〔2030〕1号"})
    assert response.status_code == 302, response.content.decode()[:500]
    assert year_is_covered(year)
