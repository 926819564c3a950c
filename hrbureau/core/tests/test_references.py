"""Reference values read across lines without imports (core.references)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hrbureau.core import references
from hrbureau.core.dated import in_force


@pytest.fixture
def scratch_name():
    name = "test_reference"
    yield name
    references.unregister(name)


def test_a_registered_lookup_gives_the_value_of_the_day(scratch_name):
    def wage(day: dt.date) -> Decimal:
        return Decimal("2360") if day < dt.date(2025, 3, 1) else Decimal("2520")

    references.register(scratch_name, wage)
    assert references.value(scratch_name, dt.date(2025, 2, 28)) == Decimal("2360")
    assert references.value(scratch_name, dt.date(2025, 3, 1)) == Decimal("2520")


def test_an_unregistered_name_is_a_clear_error():
    with pytest.raises(references.ReferenceMissing, match="no reference value 'nothing here'"):
        references.value("nothing here", dt.date(2026, 1, 1))


def test_none_in_force_is_a_clear_error(scratch_name):
    references.register(scratch_name, lambda day: None)
    with pytest.raises(references.ReferenceMissing, match="in force on 2026-01-01"):
        references.value(scratch_name, dt.date(2026, 1, 1))


@pytest.mark.django_db
def test_a_dated_table_without_a_row_that_day_is_a_clear_error(scratch_name):
    from hrbureau.core.models import Rule  # a dated table; no rule has this code

    references.register(scratch_name, lambda day: in_force(Rule.objects.filter(code="none"), day, what="x"))
    with pytest.raises(references.ReferenceMissing, match="in force on 2026-01-01"):
        references.value(scratch_name, dt.date(2026, 1, 1))


def test_a_name_is_kept_by_one_lookup(scratch_name):
    def first(day):
        return 1

    references.register(scratch_name, first)
    references.register(scratch_name, first)  # the same lookup again (a second ready()) is harmless
    with pytest.raises(ValueError, match="registered twice"):
        references.register(scratch_name, other_line_lookup)


def other_line_lookup(day):
    return 2


@pytest.mark.django_db
def test_the_minimum_wage_is_registered_by_arbitration():
    # arbitration's data migration holds 2,360 until 2025-02-28 and 2,520 from 2025-03-01 (深圳市).
    assert references.value("minimum_wage", dt.date(2025, 2, 15)) == Decimal("2360.00")
    assert references.value("minimum_wage", dt.date(2025, 3, 15)) == Decimal("2520.00")
    with pytest.raises(references.ReferenceMissing):
        references.value("minimum_wage", dt.date(2000, 1, 1))
