"""The policy rules subjects: an enterprise's tags are yes/no fields computed by the database only when
a condition names them, and the query agrees with the Python evaluation (NULLs included)."""

from __future__ import annotations

import pytest

from hrbureau.core import rules
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, tag_field_name

pytestmark = pytest.mark.django_db


def _both(condition):
    condition = rules.validate(ENTERPRISE_SUBJECT, condition)
    by_query = set(rules.matching(ENTERPRISE_SUBJECT, condition).values_list("pk", flat=True))
    loaded = rules.subject(ENTERPRISE_SUBJECT).queryset(condition=condition)
    by_python = {e.pk for e in loaded if rules.evaluate(ENTERPRISE_SUBJECT, condition, e)}
    return by_query, by_python


def test_a_tag_is_a_yes_no_field_and_both_evaluations_agree():
    # Given two enterprises, one tagged as a key enterprise, and one with no employee count
    tag, _ = EnterpriseTag.objects.get_or_create(code="key-enterprise", defaults={"name": "重点企业"})
    tagged = EnterpriseFactory(employees=50)
    tagged.tags.add(tag)
    plain = EnterpriseFactory(employees=None)
    # When a condition asks for the tag and for at least 10 employees
    condition = {
        "all": [
            {"field": tag_field_name("key-enterprise"), "op": "eq", "value": True},
            {"field": "employees", "op": "gte", "value": 10},
        ]
    }
    by_query, by_python = _both(condition)
    # Then only the tagged one qualifies, by the query and by Python alike
    assert by_query == by_python == {tagged.pk}
    # And an untagged enterprise with no employees fails "not tagged and employees is not 5" on the NULL
    by_query, by_python = _both(
        {
            "all": [
                {"field": tag_field_name("key-enterprise"), "op": "eq", "value": False},
                {"field": "employees", "op": "ne", "value": 5},
            ]
        }
    )
    assert plain.pk not in by_query
    assert by_query == by_python


def test_a_tag_is_only_computed_when_the_condition_names_it():
    EnterpriseTag.objects.get_or_create(code="key-enterprise", defaults={"name": "重点企业"})
    qs = rules.subject(ENTERPRISE_SUBJECT).queryset(
        condition=rules.validate(ENTERPRISE_SUBJECT, {"field": "employees", "op": "gt", "value": 1})
    )
    assert "EXISTS" not in str(qs.query).upper()
    assert Enterprise.objects.count() >= 0


def test_an_unknown_tag_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        rules.validate(ENTERPRISE_SUBJECT, {"field": "tag.no-such-tag", "op": "eq", "value": True})
