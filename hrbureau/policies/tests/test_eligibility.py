"""Policy eligibility compiled to SQL equals the per-enterprise evaluation (property-based, NULLs
included) for every operator policies use — eq, ne, lt, lte, gt, gte, in, not_in, isnull — over a
number, a text, a date, a related text (the street's code), a yes/no tag and a fact another line
declares (open social-insurance arrears); and the near-miss list equals the Python evaluation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hrbureau.core import rules
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, tag_field_name

TAG = "key-enterprise"
DAYS = [dt.date(2015, 1, 1) + dt.timedelta(days=400 * n) for n in range(8)]
DIVISIONS = ["39", "72", "", "13"]
SIZES = ["micro", "small", "medium", "large", ""]
STREETS = ["street-a", "street-b", None]

enterprise_rows = st.lists(
    st.tuples(
        st.one_of(st.none(), st.integers(0, 60)),  # employees
        st.sampled_from(DIVISIONS),
        st.sampled_from(SIZES),
        st.one_of(st.none(), st.sampled_from(DAYS)),  # registration date
        st.booleans(),  # tagged
        st.integers(0, 2),  # open social-insurance arrears flags
        st.sampled_from(STREETS),
    ),
    min_size=1,
    max_size=12,
)


def _leaf() -> st.SearchStrategy[dict[str, Any]]:
    leaf = lambda f, op, v: {"field": f, "op": op, "value": v}  # noqa: E731
    numbers = st.integers(0, 60)
    return st.one_of(
        st.builds(
            leaf,
            st.sampled_from(["employees", "labour.si_arrears"]),
            st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
            numbers,
        ),
        st.builds(
            leaf,
            st.sampled_from(["employees", "labour.si_arrears"]),
            st.sampled_from(["in", "not_in"]),
            st.lists(numbers, min_size=1, max_size=3),
        ),
        st.builds(
            leaf,
            st.sampled_from(["employees", "registration_date", "industry_division", "street"]),
            st.just("isnull"),
            st.booleans(),
        ),
        st.builds(
            leaf,
            st.just("registration_date"),
            st.sampled_from(["eq", "ne", "lt", "lte", "gt", "gte"]),
            st.sampled_from(DAYS).map(dt.date.isoformat),
        ),
        st.builds(
            leaf,
            st.sampled_from(["industry_division", "street"]),
            st.sampled_from(["eq", "ne"]),
            st.sampled_from(["39", "72", "street-a"]),
        ),
        st.builds(
            leaf,
            st.just("size_class"),
            st.sampled_from(["in", "not_in"]),
            st.lists(st.sampled_from(SIZES[:4]), min_size=1, max_size=2),
        ),
        st.builds(leaf, st.just(tag_field_name(TAG)), st.sampled_from(["eq", "isnull"]), st.booleans()),
    )


conditions = st.recursive(
    _leaf(),
    lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, max_size=3)),
    ),
    max_leaves=5,
)


def _load(rows: list[tuple[Any, ...]]) -> None:
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.models import OrgUnit

    ArrearsFlag = apps.get_model("labour", "ArrearsFlag")  # the other line's records, read as its fact
    ArrearsFlag.objects.all().delete()
    Enterprise.tags.through.objects.all().delete()
    Enterprise.objects.all().delete()
    tag, _ = EnterpriseTag.objects.get_or_create(code=TAG, defaults={"name": "重点企业"})
    streets = {
        code: OrgUnit.objects.get_or_create(code=code, defaults={"name": code, "kind": OrgUnitKind.STREET})[0]
        for code in STREETS
        if code
    }
    for employees, division, size, registered, tagged, arrears, street in rows:
        enterprise = EnterpriseFactory(
            employees=employees,
            industry_division=division,
            size_class=size,
            registration_date=registered,
            street=streets.get(street or ""),
        )
        if tagged:
            enterprise.tags.add(tag)
        for _n in range(arrears):
            ArrearsFlag.objects.create(enterprise=enterprise, flagged_on=dt.date(2026, 1, 5))


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=enterprise_rows, condition=conditions)
def test_matching_equals_the_python_evaluation(
    db: Any, rows: list[tuple[Any, ...]], condition: dict[str, Any]
) -> None:
    _load(rows)
    valid = rules.validate(ENTERPRISE_SUBJECT, condition)
    by_query = set(rules.matching(ENTERPRISE_SUBJECT, valid).values_list("pk", flat=True))
    loaded = rules.subject(ENTERPRISE_SUBJECT).queryset(condition=valid)
    by_python = {e.pk for e in loaded if rules.evaluate(ENTERPRISE_SUBJECT, valid, e)}
    assert by_query == by_python, (rows, valid)


@pytest.mark.django_db
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=enterprise_rows, parts=st.lists(conditions, min_size=1, max_size=4))
def test_near_misses_equal_the_python_evaluation(
    db: Any, rows: list[tuple[Any, ...]], parts: list[dict[str, Any]]
) -> None:
    _load(rows)
    valid = rules.validate(ENTERPRISE_SUBJECT, {"all": parts})
    by_query = dict(rules.near_misses(ENTERPRISE_SUBJECT, valid).values_list("pk", "near_miss"))
    loaded = rules.subject(ENTERPRISE_SUBJECT).queryset(condition=valid)
    by_python = {}
    for e in loaded:
        failing = rules.near_miss_python(ENTERPRISE_SUBJECT, valid, e)
        if failing is not None:
            by_python[e.pk] = failing
    assert by_query == by_python, (rows, valid)


def test_every_operator_policies_use_is_covered() -> None:
    # The strategies above name each operator of the language at least once.
    assert set(rules.OPERATORS) == {"eq", "ne", "lt", "lte", "gt", "gte", "in", "not_in", "isnull"}
