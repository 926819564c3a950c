"""The rules language: refused when malformed, and the Python and the database evaluation agree on
every object — missing values included (property-based over random conditions and random rows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ExpressionWrapper, F, IntegerField
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrbureau.core import rules
from hrbureau.core.models import Clock, DayKind, Rule

# A subject over the core's own clock table, so the mechanism is tested without any business app.
SUBJECT = rules.register_subject(
    rules.RuleSubject(
        key="test.clock",
        label="clock",
        model=Clock,
        fields={
            "period": rules.RuleField("period", rules.NUMBER, "period_days"),
            "total": rules.RuleField("period + extension", rules.NUMBER, "total_days"),
            "due": rules.RuleField("due", rules.DATE, "due_on"),
            "paused": rules.RuleField("paused since", rules.DATE, "paused_since"),
            "overdue": rules.RuleField("overdue", rules.BOOL, "overdue"),
            "kind": rules.RuleField("counted in", rules.TEXT, "day_kind", choices=tuple(DayKind.choices)),
            "label": rules.RuleField("label", rules.TEXT, "label"),
        },
        annotate=lambda qs: qs.annotate(
            total_days=ExpressionWrapper(F("period_days") + F("extension_days"), output_field=IntegerField())
        ),
    )
)

DAYS = [dt.date(2026, 3, 1) + dt.timedelta(days=n) for n in range(0, 40, 3)]
LABELS = ["Handling", "Sign", "Award", ""]


def _clock(
    i: int, period: int, extension: int, due: Any, paused: Any, overdue: bool, kind: str, label: str
) -> Clock:
    return Clock(
        case_type="test.case",
        case_id=i,
        name="c",
        label=label,
        title=f"case {i}",
        day_kind=kind,
        period_days=period,
        extension_days=extension,
        started_on=dt.date(2026, 3, 1),
        due_on=due,
        paused_since=paused,
        overdue=overdue,
    )


clock_rows = st.lists(
    st.tuples(
        st.integers(0, 60),
        st.integers(0, 15),
        st.one_of(st.none(), st.sampled_from(DAYS)),
        st.one_of(st.none(), st.sampled_from(DAYS)),
        st.booleans(),
        st.sampled_from([DayKind.CALENDAR, DayKind.WORKING]),
        st.sampled_from(LABELS),
    ),
    min_size=1,
    max_size=25,
)


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    number = st.sampled_from(["period", "total"])
    numbers = st.integers(0, 70)
    return st.one_of(
        st.builds(
            lambda f, op, v: {"field": f, "op": op, "value": v},
            number,
            st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
            numbers,
        ),
        st.builds(
            lambda f, op, v: {"field": f, "op": op, "value": v},
            number,
            st.sampled_from(["in", "not_in"]),
            st.lists(numbers, min_size=1, max_size=3),
        ),
        st.builds(
            lambda f, op, v: {"field": f, "op": op, "value": v.isoformat()},
            st.sampled_from(["due", "paused"]),
            st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
            st.sampled_from(DAYS),
        ),
        st.builds(
            lambda f, v: {"field": f, "op": "isnull", "value": v},
            st.sampled_from(["due", "paused", "period"]),
            st.booleans(),
        ),
        st.builds(lambda v: {"field": "overdue", "op": "eq", "value": v}, st.booleans()),
        st.builds(
            lambda op, v: {"field": "label", "op": op, "value": v},
            st.sampled_from(["eq", "ne"]),
            st.sampled_from(LABELS),
        ),
        st.builds(
            lambda op, v: {"field": "kind", "op": op, "value": v},
            st.sampled_from(["in", "not_in"]),
            st.lists(st.sampled_from([DayKind.CALENDAR, DayKind.WORKING]), min_size=1, max_size=2),
        ),
    )


conditions = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, max_size=3)),
    ),
    max_leaves=6,
)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=clock_rows, condition=conditions)
def test_python_and_database_agree(rows: list[tuple[Any, ...]], condition: dict[str, Any]) -> None:
    Clock.objects.filter(case_type="test.case").delete()
    Clock.objects.bulk_create(_clock(i, *row) for i, row in enumerate(rows))
    valid = rules.validate("test.clock", condition)
    in_python = {c.case_id for c in SUBJECT.queryset() if rules.evaluate("test.clock", valid, c)}
    in_database = set(rules.matching("test.clock", valid).values_list("case_id", flat=True))
    assert in_python == in_database, (rows, valid)


def test_missing_values_never_satisfy_a_comparison(db: Any) -> None:
    clock = _clock(1, 10, 0, None, None, False, DayKind.CALENDAR, "Sign")
    clock.save()
    loaded = SUBJECT.queryset().get(pk=clock.pk)
    for op in ("eq", "ne", "lt", "gte"):
        condition = rules.validate("test.clock", {"field": "due", "op": op, "value": "2026-03-04"})
        assert not rules.evaluate("test.clock", condition, loaded), op
        assert not rules.matching("test.clock", condition).exists(), op
    missing = rules.validate("test.clock", {"field": "due", "op": "isnull", "value": True})
    assert rules.evaluate("test.clock", missing, loaded)
    assert rules.matching("test.clock", missing).count() == 1


def test_annotated_field_reads_the_same_on_both_sides(db: Any) -> None:
    _clock(1, 45, 15, None, None, False, DayKind.CALENDAR, "Award").save()
    _clock(2, 45, 0, None, None, False, DayKind.CALENDAR, "Award").save()
    condition = rules.validate("test.clock", {"field": "total", "op": "gt", "value": 45})
    assert list(rules.matching("test.clock", condition).values_list("case_id", flat=True)) == [1]
    assert [c.case_id for c in SUBJECT.queryset() if rules.evaluate("test.clock", condition, c)] == [1]


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ([], "a condition must be an object"),
        ({"all": {}}, "“all” needs a list"),
        ({"all": [], "any": []}, "a group holds only"),
        ({"field": "colour", "op": "eq", "value": 1}, "unknown field colour"),
        ({"field": "overdue", "op": "lt", "value": True}, "the operator lt cannot be used with overdue"),
        ({"field": "period", "op": "lte", "value": "abc"}, "a number is needed"),
        ({"field": "period", "op": "lte", "value": True}, "a number is needed"),
        ({"field": "period", "op": "lte", "value": "NaN"}, "a number is needed"),
        ({"field": "due", "op": "lt", "value": "2026-02-30"}, "a date like 2026-03-01 is needed"),
        ({"field": "kind", "op": "in", "value": ["weekly"]}, "weekly is not one of the field's values"),
        ({"field": "kind", "op": "in", "value": []}, "a non-empty list is needed"),
        ({"field": "overdue", "op": "eq", "value": "yes"}, "true or false is needed"),
        ({"any": [{"field": "period", "op": "eq"}]}, "condition.any[0]: a number is needed"),
    ],
)
def test_malformed_conditions_are_refused_with_the_place_of_the_mistake(condition: Any, message: str) -> None:
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        rules.validate("test.clock", condition)
    assert message in raised.value.messages[0]


def test_messages_are_translated() -> None:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as raised:
        rules.validate("test.clock", {"field": "colour", "op": "eq", "value": 1})
    assert "未知字段" in raised.value.messages[0]


def test_validation_normalises_numbers_and_dates() -> None:
    condition = rules.validate(
        "test.clock",
        {
            "all": [
                {"field": "period", "op": "lte", "value": 30240.5},
                {"field": "due", "op": "lt", "value": "2026-03-04"},
            ]
        },
    )
    assert condition == {
        "all": [
            {"field": "period", "op": "lte", "value": "30240.5"},
            {"field": "due", "op": "lt", "value": "2026-03-04"},
        ]
    }


def test_explain_marks_each_line(db: Any) -> None:
    clock = _clock(1, 10, 0, dt.date(2026, 3, 11), None, True, DayKind.WORKING, "Sign")
    clock.save()
    loaded = SUBJECT.queryset().get(pk=clock.pk)
    condition = rules.validate(
        "test.clock",
        {
            "all": [
                {"field": "period", "op": "lte", "value": 15},
                {"field": "overdue", "op": "eq", "value": False},
            ]
        },
    )
    with translation.override("en"):
        reason = rules.explain("test.clock", condition, loaded)
    assert not reason.met
    assert [(c.text, c.met) for c in reason.children] == [
        ("period is at most 15 (here: 10)", True),
        ("overdue is no (here: yes)", False),
    ]


def test_a_rule_row_is_validated_and_the_one_in_force_applies(db: Any) -> None:
    bad = Rule(
        code="t",
        subject="test.clock",
        name="t",
        condition={"field": "x", "op": "eq", "value": 1},
        valid_from=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError) as raised:
        bad.full_clean()
    assert "condition" in raised.value.message_dict
    unknown = Rule(code="t", subject="nope", name="t", condition={}, valid_from=dt.date(2026, 1, 1))
    with pytest.raises(ValidationError):
        unknown.full_clean()
    old = Rule(
        code="t",
        subject="test.clock",
        name="old",
        condition={"field": "period", "op": "lte", "value": 10},
        valid_from=dt.date(2025, 1, 1),
        valid_to=dt.date(2025, 12, 31),
    )
    new = Rule(
        code="t",
        subject="test.clock",
        name="new",
        condition={"field": "period", "op": "lte", "value": "12"},
        valid_from=dt.date(2026, 1, 1),
    )
    for rule in (old, new):
        rule.full_clean()
        rule.save()
    assert new.condition["value"] == "12"
    assert rules.rule_in_force("t", dt.date(2025, 6, 1)).name == "old"
    assert rules.rule_in_force("t", dt.date(2026, 6, 1)).name == "new"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        rules.rule_in_force("t", dt.date(2024, 6, 1))
    reversed_dates = Rule(
        code="u",
        subject="test.clock",
        name="u",
        condition={"all": []},
        valid_from=dt.date(2026, 1, 2),
        valid_to=dt.date(2026, 1, 1),
    )
    with pytest.raises(ValidationError):
        reversed_dates.full_clean()
    assert Decimal(new.condition["value"]) == 12


def test_describe_says_each_condition_without_an_object() -> None:
    condition = rules.validate(
        "test.clock",
        {
            "all": [
                {"field": "period", "op": "gte", "value": 10},
                {
                    "any": [
                        {"field": "overdue", "op": "eq", "value": True},
                        {"field": "due", "op": "isnull", "value": True},
                    ]
                },
                {"field": "kind", "op": "in", "value": [DayKind.WORKING]},
            ]
        },
    )
    with translation.override("en"):
        described = rules.describe("test.clock", condition)
        one_line = rules.summary("test.clock", condition["all"][1])
    assert described == [
        {"text": "All of these hold", "depth": 0},
        {"text": "period is at least 10", "depth": 1},
        {"text": "At least one of these holds", "depth": 1},
        {"text": "overdue is yes", "depth": 2},
        {"text": "due is missing", "depth": 2},
        {"text": "counted in is one of working days", "depth": 1},
    ]
    assert one_line == "(overdue is yes or due is missing)"
    with translation.override("zh-hans"):
        assert rules.describe("test.clock", condition)[0]["text"] != "All of these hold"


def test_a_near_miss_names_the_failing_condition_and_what_is_missing(db: Any) -> None:
    _clock(1, 8, 0, DAYS[0], None, False, DayKind.CALENDAR, "Sign").save()  # fails the period only
    _clock(2, 12, 0, DAYS[0], None, True, DayKind.CALENDAR, "Sign").save()  # fails "not overdue" only
    _clock(3, 12, 0, DAYS[0], None, False, DayKind.CALENDAR, "Sign").save()  # qualifies
    _clock(4, 3, 0, DAYS[0], None, True, DayKind.CALENDAR, "Sign").save()  # fails both
    condition = rules.validate(
        "test.clock",
        {
            "all": [
                {"field": "period", "op": "gte", "value": 10},
                {"field": "overdue", "op": "eq", "value": False},
            ]
        },
    )
    found = {c.case_id: c.near_miss for c in rules.near_misses("test.clock", condition)}
    assert found == {1: 0, 2: 1}
    one = rules.near_misses("test.clock", condition).get(case_id=1)
    with translation.override("en"):
        assert rules.hint("test.clock", condition["all"][0], one) == "period 8, needs at least 10"
    # A single leaf is one condition: its near misses are the objects that fail it.
    leaf = condition["all"][0]
    assert {c.case_id for c in rules.near_misses("test.clock", leaf)} == {1, 4}
    assert not rules.near_misses("test.clock", {"all": []}).exists()


@pytest.mark.django_db
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=clock_rows, parts=st.lists(conditions, min_size=1, max_size=4))
def test_near_misses_are_exactly_the_objects_failing_one_condition(
    rows: list[tuple[Any, ...]], parts: list[dict[str, Any]]
) -> None:
    Clock.objects.filter(case_type="test.case").delete()
    Clock.objects.bulk_create(_clock(i, *row) for i, row in enumerate(rows))
    valid = rules.validate("test.clock", {"all": parts})
    in_python = {}
    for c in SUBJECT.queryset():
        failing = rules.near_miss_python("test.clock", valid, c)
        if failing is not None:
            in_python[c.case_id] = failing
    in_database = dict(rules.near_misses("test.clock", valid).values_list("case_id", "near_miss"))
    assert in_python == in_database, (rows, valid)


def test_a_field_never_missing_is_asked_without_is_given(db: Any) -> None:
    # An EXISTS is true or false: "is given" would only repeat the subquery.
    rules.register_subject(
        rules.RuleSubject(
            key="test.clock_exists",
            label="clock",
            model=Clock,
            fields={"overdue": rules.RuleField("overdue", rules.BOOL, "overdue", nullable=False)},
        )
    )
    condition = rules.validate("test.clock_exists", {"field": "overdue", "op": "eq", "value": True})
    sql = str(rules.matching("test.clock_exists", condition).query).upper()
    assert '"OVERDUE" IS NOT NULL' not in sql
