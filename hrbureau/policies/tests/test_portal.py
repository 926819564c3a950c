"""Policies for you (the portal), the public calculator and the staff's matches: each party sees only its
own matches; a match about an enterprise is never another enterprise's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import ratelimit
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.policies import matching
from hrbureau.policies.choices import Beneficiary, MatchState
from hrbureau.policies.models import PolicyMatch
from hrbureau.policies.rules import tag_field_name
from hrbureau.policies.tests.test_matching import make_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def matched(world: Any) -> dict[str, Any]:
    """A big-enterprise item matched to A1 and B1, and a person item matched to resident A1."""
    for key in ("a1", "b1"):
        Enterprise.objects.filter(pk=world.enterprises[key].pk).update(employees=150)
    item = make_item(title="稳岗补贴")
    matching.match_item(item=item)
    from hrbureau.people.models import Person

    Person.objects.filter(pk=world.people["a1"].pk).update(employment_status="unemployed")
    person_item = make_item(
        {"field": "employment_status", "op": "eq", "value": "unemployed"},
        beneficiary=Beneficiary.PERSON,
        title="失业人员创业补贴",
    )
    matching.match_item(item=person_item)
    return {
        "item": item,
        "person_item": person_item,
        "a1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["a1"]),
        "b1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["b1"]),
        "person": PolicyMatch.objects.get(item=person_item),
    }


def test_an_enterprise_sees_its_own_matches_with_why_and_the_guide(client_for: Any, matched: Any) -> None:
    page = client_for("enterprise").get("/policies/mine/")
    assert page.status_code == 200
    body = page.content.decode()
    assert f'data-testid="match-{matched["a1"].pk}"' in body
    assert f'data-testid="match-{matched["b1"].pk}"' not in body
    assert "失业人员创业补贴" not in body  # the person's item is not the enterprise's
    assert "150" in body  # why: the employee count the condition read
    # Opening it shows the claim guide and marks it read; "apply" leads to the guide until the form exists
    detail = client_for("enterprise").get(f"/policies/mine/{matched['a1'].pk}/")
    assert detail.status_code == 200
    assert "营业执照" in detail.content.decode()
    assert PolicyMatch.objects.get(pk=matched["a1"].pk).state == MatchState.READ
    assert 'data-testid="apply"' in detail.content.decode()


def test_another_enterprise_cannot_open_a_match_it_does_not_own(world: Any, matched: Any) -> None:
    other = User.objects.create_user(username="b1user", password="x", role=Role.ENTERPRISE)
    other.enterprise = world.enterprises["b1"]
    other.save()
    client = Client()
    client.force_login(other)
    assert client.get(f"/policies/mine/{matched['a1'].pk}/").status_code in (403, 404)
    assert PolicyMatch.objects.get(pk=matched["a1"].pk).state == MatchState.PUSHED  # not read by it
    body = client.get("/policies/mine/").content.decode()
    assert f'data-testid="match-{matched["b1"].pk}"' in body
    assert f'data-testid="match-{matched["a1"].pk}"' not in body


def test_a_person_sees_the_person_items(client_for: Any, matched: Any) -> None:
    body = client_for("individual").get("/policies/mine/").content.decode()
    assert "失业人员创业补贴" in body
    assert "稳岗补贴" not in body
    assert client_for("individual").get(f"/policies/mine/{matched['a1'].pk}/").status_code in (403, 404)


def test_staff_see_the_matches_of_their_area_and_the_counts(
    client_for: Any, matched: Any, world: Any
) -> None:
    matching.match_mark_read(matched["a1"])
    street = client_for("street_staff").get("/policies/matches/").content.decode()
    assert world.enterprises["a1"].name in street
    assert world.enterprises["b1"].name not in street
    district = client_for("dept_staff").get("/policies/matches/?state=read").content.decode()
    assert world.enterprises["a1"].name in district
    assert world.enterprises["b1"].name not in district
    counts = client_for("dept_staff").get("/policies/matches/by-item/")
    assert counts.status_code == 200
    row = next(r for r in counts.context["rows"] if r["item_id"] == matched["item"].pk)
    assert (row["total"], row["pushed"], row["read"], row["flagged"]) == (2, 1, 1, 0)
    assert client_for("enterprise").get("/policies/matches/").status_code == 403


def test_the_calculator_shows_what_fits_and_what_may(world: Any, settings: Any) -> None:
    _tag, _ = EnterpriseTag.objects.get_or_create(code="zjtx", defaults={"name": "专精特新"})
    EnterpriseTag.objects.create(code="watch", name="重点监控")  # asked about by no policy
    fits = make_item({"all": [{"field": "employees", "op": "gte", "value": 20}]}, title="扩岗补助")
    tagged = make_item({"field": tag_field_name("zjtx"), "op": "eq", "value": True}, title="专精特新奖励")
    division = make_item({"field": "industry_division", "op": "eq", "value": "13"}, title="食品加工补贴")
    too_small = make_item({"field": "employees", "op": "gte", "value": 500}, title="大企业奖励")
    client = Client()
    page = client.get("/policies/calculator/", {"employees": 30, "size_class": "small"})
    assert page.status_code == 200
    assert [e.item for e in page.context["qualifies"]] == [fits]
    assert [e.item for e in page.context["maybe"]] == [division]
    assert tagged.title not in page.content.decode()
    assert too_small.title not in page.content.decode()
    # A visitor who ticks the tag qualifies for it; one who leaves employees blank may qualify (ask)
    page = client.get("/policies/calculator/", {"tags": "zjtx"})
    assert {e.item for e in page.context["qualifies"]} == {tagged}
    assert {e.item for e in page.context["maybe"]} == {fits, division, too_small}
    # Only the tags a policy in force asks about are offered
    offered = {code for code, _label in page.context["form"].fields["tags"].choices}
    assert offered == {"zjtx"}
    # The empty form asks nothing and counts nothing
    assert client.get("/policies/calculator/").context["asked"] is False


def test_the_calculator_is_rate_limited_like_the_public_lookups(settings: Any) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "public-lookup-address": "2/h"}
    ratelimit.clear(ratelimit.PUBLIC_LOOKUP_BY_ADDRESS, "127.0.0.1")
    client = Client()
    assert client.get("/policies/calculator/", {"employees": 3}).status_code == 200
    assert client.get("/policies/calculator/", {"employees": 4}).status_code == 200
    assert client.get("/policies/calculator/", {"employees": 5}).status_code == 429


def test_the_portal_page_loads_the_enterprise_once_for_all_its_matches(client_for: Any, world: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=150)
    for _ in range(2):
        matching.match_item(item=make_item())
    client = client_for("enterprise")
    client.get("/policies/mine/")

    def loads() -> int:
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/policies/mine/").content.decode()
        assert body.count('data-testid="why"') == PolicyMatch.objects.count()
        return sum('FROM "enterprises_enterprise"' in q["sql"] for q in queries)

    two = loads()
    for _ in range(3):
        matching.match_item(item=make_item())
    assert loads() == two
