"""The near-miss list of a policy item: the enterprises failing exactly one top-level condition,
grouped by that condition with counts, listed per condition (paged, exportable) with what each misses —
all in a fixed number of queries whatever the number of enterprises (set-based, never a loop)."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.policies import nearmiss
from hrbureau.policies.rules import tag_field_name
from hrbureau.policies.tests.items import make_item

pytestmark = pytest.mark.django_db

CONDITION = {
    "all": [
        {"field": "employees", "op": "gte", "value": 10},
        {"field": tag_field_name("key-enterprise"), "op": "eq", "value": True},
        {
            "any": [
                {"field": "industry_division", "op": "eq", "value": "39"},
                {"field": "size_class", "op": "eq", "value": "large"},
            ]
        },
    ]
}


def _enterprises() -> dict[str, Any]:
    tag, _ = EnterpriseTag.objects.get_or_create(code="key-enterprise", defaults={"name": "重点企业"})
    made = {
        "qualifies": EnterpriseFactory(employees=20, industry_division="39"),
        "two_short": EnterpriseFactory(employees=8, industry_division="39", name="差两人企业"),
        "no_tag": EnterpriseFactory(employees=30, industry_division="39"),
        "wrong_line": EnterpriseFactory(employees=30, industry_division="72", size_class="small"),
        "unknown_size": EnterpriseFactory(employees=None, industry_division="39"),
        "fails_two": EnterpriseFactory(employees=3, industry_division="72", size_class="small"),
    }
    for key in ("qualifies", "two_short", "wrong_line", "unknown_size", "fails_two"):
        made[key].tags.add(tag)
    return made


def test_near_misses_are_grouped_by_the_one_condition_they_fail(world: Any) -> None:
    made = _enterprises()
    item = make_item(world.users["dept_staff"], eligibility=CONDITION)
    found = dict(nearmiss.near_misses(item).values_list("pk", "near_miss"))
    ours = {pk: index for pk, index in found.items() if pk in {e.pk for e in made.values()}}
    assert ours == {
        made["two_short"].pk: 0,
        made["unknown_size"].pk: 0,  # a missing employee count fails "at least 10"
        made["no_tag"].pk: 1,
        made["wrong_line"].pk: 2,  # the "any" is one condition
    }
    with translation.override("en"):
        groups = nearmiss.groups(item, Enterprise.objects.filter(pk__in=[e.pk for e in made.values()]))
    assert [(g.index, g.count) for g in groups] == [(0, 2), (1, 1), (2, 1)]
    assert groups[0].text == "employees is at least 10"
    assert groups[2].text.startswith("(industry division is 39 or")


def test_a_single_condition_is_one_condition(world: Any) -> None:
    made = _enterprises()
    item = make_item(world.users["dept_staff"], eligibility={"field": "employees", "op": "gte", "value": 10})
    found = set(nearmiss.near_misses(item).values_list("pk", flat=True))
    assert {made["two_short"].pk, made["unknown_size"].pk, made["fails_two"].pk} <= found
    assert made["qualifies"].pk not in found


def test_the_page_lists_one_condition_with_what_is_missing_and_exports_it(world: Any) -> None:
    made = _enterprises()
    item = make_item(world.users["dept_staff"], eligibility=CONDITION)
    client = Client()
    client.force_login(world.users["dept_staff"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("policies:item_near_misses", args=[item.pk, 0]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "差两人企业" in body
    assert made["no_tag"].name not in body
    assert "employees 8, needs at least 10" in body
    assert "employees missing, needs at least 10" in body
    export = client.get(reverse("policies:item_near_misses", args=[item.pk, 0]) + "?export=xlsx")
    assert export.status_code == 200
    assert client.get(reverse("policies:item_near_misses", args=[item.pk, 7])).status_code == 404
    # The leader reads it, the export needs the export permission (the leader holds it)
    leader = Client()
    leader.force_login(world.users["leader"])
    assert leader.get(reverse("policies:item_near_misses", args=[item.pk, 1])).status_code == 200


def test_the_near_miss_query_count_does_not_grow_with_the_enterprises(world: Any) -> None:
    _enterprises()
    item = make_item(world.users["dept_staff"], eligibility=CONDITION)
    with CaptureQueriesContext(connection) as few:
        nearmiss.groups(item)
        list(nearmiss.near_misses(item))
    for n in range(30):
        EnterpriseFactory(employees=n % 15, industry_division="39")
    with CaptureQueriesContext(connection) as many:
        nearmiss.groups(item)
        list(nearmiss.near_misses(item))
    assert len(many.captured_queries) == len(few.captured_queries)
