"""The facts registry (core.facts): one declaration read three ways — a column over a whole queryset in one
query, a grouped query to join, one object's value — that always agree, windows included; and the
rules language reads facts as fields, with the same answer in Python and in the database. Tested over
the core's own clock tables, so the mechanism needs no business app (every real fact is held to the
same agreement in ``hrbureau/tests/test_facts.py``)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrbureau.core import facts, rules
from hrbureau.core.models import Clock, ClockEvent

CLOCK = "core.Clock"
PAUSES = facts.declare(
    facts.Fact(
        "test.pauses",
        CLOCK,
        "pauses",
        rows=lambda: ClockEvent.objects.filter(kind=ClockEvent.Kind.PAUSE),
        via="clock",
    )
)
RECENT_EVENTS = facts.declare(
    facts.Fact(
        "test.recent_events",
        CLOCK,
        "events in the last 30 days",
        rows=lambda: ClockEvent.objects.all(),
        via="clock",
        window_days=30,
        since_field="on",
    )
)
LAST_EVENT = facts.declare(
    facts.Fact(
        "test.last_event",
        CLOCK,
        "last event",
        rows=lambda: ClockEvent.objects.all(),
        via="clock",
        aggregate=lambda: Max("on"),
        kind=facts.DATE,
        default=None,
    )
)
SUBJECT = rules.register_subject(
    rules.RuleSubject(
        key="test.clock_facts",
        label="clock with facts",
        model=Clock,
        fields={"period": rules.RuleField("period", rules.NUMBER, "period_days")},
    )
)
TODAY = dt.date.today()
CASES = itertools.count()


def _clocks(events: list[list[tuple[str, int]]]) -> list[Clock]:
    """One clock per list, each with its events (kind, days ago)."""
    made = []
    for i, its_events in enumerate(events):
        clock = Clock.objects.create(
            case_type="test.case",
            case_id=next(CASES),
            name="c",
            title=f"case {i}",
            day_kind="calendar",
            period_days=10 + i,
            started_on=TODAY - dt.timedelta(days=100),
        )
        ClockEvent.objects.bulk_create(
            ClockEvent(clock=clock, kind=kind, on=TODAY - dt.timedelta(days=ago)) for kind, ago in its_events
        )
        made.append(clock)
    return made


EVENTS = st.lists(
    st.lists(st.tuples(st.sampled_from(["start", "pause", "resume"]), st.integers(0, 60)), max_size=4),
    min_size=1,
    max_size=6,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS)
def test_the_column_the_grouped_query_and_one_objects_value_agree(db: Any, events: Any) -> None:
    Clock.objects.all().delete()
    clocks = _clocks(events)
    names = ["test.pauses", "test.recent_events", "test.last_event"]
    with CaptureQueriesContext(connection) as queries:
        annotated = list(facts.annotate(Clock.objects.order_by("pk"), names))
    assert len(queries) == 1  # every fact of every row in one query
    for name in names:
        fact = facts.get(CLOCK, name)
        grouped = dict(fact.grouped())
        for clock, loaded in zip(clocks, annotated, strict=True):
            one = fact.value(clock)
            assert getattr(loaded, facts.alias(name)) == one
            assert grouped.get(clock.pk, fact.default) == one
            assert facts.value(loaded, name) == one  # read from the column, no query


def test_a_window_counts_from_its_start_and_a_reader_may_move_it(db: Any) -> None:
    (clock,) = _clocks([[("start", 40), ("pause", 20), ("resume", 5), ("pause", 0)]])
    assert RECENT_EVENTS.value(clock) == 3  # within the last 30 days
    assert PAUSES.value(clock) == 2  # no window: all of them
    assert RECENT_EVENTS.value(clock, since=TODAY - dt.timedelta(days=10)) == 2
    moved = facts.annotate(Clock.objects.all(), ["test.recent_events"], since={"test.recent_events": TODAY})
    assert getattr(moved.get(), facts.alias("test.recent_events")) == 1
    assert dict(RECENT_EVENTS.grouped(since=TODAY - dt.timedelta(days=10))) == {clock.pk: 2}
    (empty,) = _clocks([[]])
    assert (PAUSES.value(empty), LAST_EVENT.value(empty)) == (0, None)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=EVENTS, at_most=st.integers(0, 3), op=st.sampled_from(["eq", "lte", "gt", "ne"]))
def test_a_rule_reads_facts_the_same_way_in_python_and_in_the_database(
    db: Any, events: Any, at_most: int, op: str
) -> None:
    Clock.objects.all().delete()
    _clocks(events)
    condition = rules.validate(
        "test.clock_facts",
        {
            "any": [
                {"field": "test.pauses", "op": op, "value": at_most},
                {
                    "all": [
                        {"field": "test.last_event", "op": "isnull", "value": True},
                        {"field": "period", "op": "gte", "value": 12},
                    ]
                },
            ]
        },
    )
    in_database = set(rules.matching("test.clock_facts", condition).values_list("pk", flat=True))
    in_python = {c.pk for c in Clock.objects.all() if rules.evaluate("test.clock_facts", condition, c)}
    assert in_database == in_python


def test_facts_are_fields_of_a_rule_subject_with_their_labels(db: Any) -> None:
    names = {name for name, _label, _kind in rules.describe_fields("test.clock_facts")}
    assert {"period", "test.pauses", "test.recent_events", "test.last_event"} <= names
    (clock,) = _clocks([[("pause", 1)]])
    with translation.override("en"):
        with pytest.raises(ValidationError, match="unknown field"):
            rules.validate("test.clock_facts", {"field": "test.nothing", "op": "eq", "value": 1})
        leaf = {"field": "test.pauses", "op": "eq", "value": "1"}
        lines = rules.lines("test.clock_facts", rules.trace("test.clock_facts", leaf, clock))
    assert lines == [{"text": "pauses is 1 (here: 1)", "met": True, "depth": 0}]


def test_a_fact_is_declared_once() -> None:
    with pytest.raises(ValueError, match="declared twice"):
        facts.declare(
            facts.Fact("test.pauses", CLOCK, "again", rows=lambda: ClockEvent.objects.all(), via="clock")
        )
    with pytest.raises(ValueError, match="window"):
        facts.declare(
            facts.Fact(
                "test.windowless",
                CLOCK,
                "x",
                rows=lambda: ClockEvent.objects.all(),
                via="clock",
                window_days=3,
            )
        )
