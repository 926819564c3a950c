"""Matching and delivery: one set-based query finds every qualifying enterprise, new matches are inserted
once and pushed once per enterprise per run, those that stop qualifying before a decision are flagged
and unflagged when they qualify again, and a match runs read → applied → granted / refused."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import periodic
from hrbureau.core.models import Notification, OutboxMessage
from hrbureau.core.workflow import transition
from hrbureau.enterprises import services as enterprise_services
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.policies import matching
from hrbureau.policies.choices import Beneficiary, ItemState, MatchState
from hrbureau.policies.models import PolicyItem, PolicyMatch
from hrbureau.policies.rules import tag_field_name

pytestmark = pytest.mark.django_db

_numbers = itertools.count(1)
BIG = {"field": "employees", "op": "gte", "value": 100}


def make_item(eligibility: dict[str, Any] | None = None, **fields: Any) -> PolicyItem:
    """A published item with its guide (the state set directly: publication is the library's)."""
    n = next(_numbers)
    defaults: dict[str, Any] = {
        "number": f"T-{n:03d}",
        "title": f"测试政策{n}",
        "benefit": "补贴",
        "beneficiary": Beneficiary.ENTERPRISE,
        "eligibility": eligibility if eligibility is not None else BIG,
        "guide_materials": "营业执照",
        "guide_steps": "网上申请",
        "guide_where": "区人社局",
        "guide_contact": "12333",
        "state": ItemState.PUBLISHED,
    }
    defaults.update(fields)
    return PolicyItem.objects.create(**defaults)


def enterprise_user(enterprise: Enterprise, name: str, phone: str = "") -> User:
    user = User.objects.create_user(
        username=name, password="Secret#2026", role=Role.ENTERPRISE, full_name=name, phone=phone
    )
    user.enterprise = enterprise
    user.save()
    return user


def test_match_item_inserts_every_qualifying_enterprise_once_and_copies_the_street(world: Any) -> None:
    # Given two big enterprises and two small ones
    big = [world.enterprises["a1"], world.enterprises["b1"]]
    for e in big:
        Enterprise.objects.filter(pk=e.pk).update(employees=150)
    for key in ("a2", "b2"):
        Enterprise.objects.filter(pk=world.enterprises[key].pk).update(employees=5)
    item = make_item()
    # When the item is matched
    result = matching.match_item(item=item)
    # Then exactly the big ones are matched, pushed, with their street copied
    matches = PolicyMatch.objects.filter(item=item)
    assert result.new == 2
    assert {(m.enterprise_id, m.street_id, m.state) for m in matches} == {
        (e.pk, e.street_id, MatchState.PUSHED) for e in big
    }
    # And a second run inserts nothing twice
    assert matching.match_item(item=item).new == 0
    assert matches.count() == 2


def test_an_item_not_published_is_not_matched(world: Any) -> None:
    item = make_item({"all": []}, state=ItemState.DRAFTED)
    assert matching.match_item(item=item).new == 0
    expired = make_item({"all": []}, valid_to=timezone.localdate() - dt.timedelta(days=1))
    assert matching.match_item(item=expired).new == 0
    assert not PolicyMatch.objects.exists()


def _users_for(enterprises: list[Enterprise]) -> None:
    User.objects.bulk_create(
        [
            User(username=f"e{e.pk}", role=Role.ENTERPRISE, enterprise=e, phone=f"1380000{e.pk:04d}")
            for e in enterprises
        ]
    )


def _matched_with_queries(item: PolicyItem) -> tuple[int, list[str]]:
    # The tag fields come from the per-process choice cache: read once, before counting.
    from hrbureau.core import rules
    from hrbureau.policies.rules import ENTERPRISE_SUBJECT

    rules.subject(ENTERPRISE_SUBJECT).all_fields()
    with CaptureQueriesContext(connection) as queries:
        result = matching.match_item(item=item)
    # The notices and SMS are bulk inserts, in batches the database's parameter limit sets.
    batched = ('INSERT INTO "core_notification"', 'INSERT INTO "core_outboxmessage"')
    return result.new, [q["sql"] for q in queries if not q["sql"].startswith(batched)]


def test_the_query_count_is_the_same_for_10_and_500_enterprises_matched() -> None:
    # Given 10 qualifying key enterprises, each with a user
    tag, _ = EnterpriseTag.objects.get_or_create(code="key-enterprise", defaults={"name": "重点企业"})
    condition = {"all": [BIG, {"field": tag_field_name("key-enterprise"), "op": "eq", "value": True}]}
    enterprises = EnterpriseFactory.create_batch(10, employees=200)
    tag.enterprises.add(*enterprises)
    _users_for(enterprises)
    # When an item is matched
    new, few = _matched_with_queries(make_item(condition))
    assert new == 10
    # And, with 490 more, another item of the same condition
    more = EnterpriseFactory.create_batch(490, employees=200)
    tag.enterprises.add(*more)
    _users_for(more)
    new, many = _matched_with_queries(make_item(condition))
    # Then the second found all 500, told each one's user, with the same queries as the first
    assert new == 500
    assert Notification.objects.filter(url="/policies/mine/").count() == 510
    assert len(many) == len(few), many
    assert len(few) <= 12, few


def test_one_message_per_enterprise_per_run_lists_every_new_item(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Given a big enterprise with two users (two phones), another enterprise's user, and three items
    a1 = world.enterprises["a1"]
    Enterprise.objects.filter(pk=a1.pk).update(employees=300)
    enterprise_user(a1, "boss", "13800000001")
    enterprise_user(world.enterprises["b1"], "other", "13800000009")
    items = [make_item() for _ in range(3)]
    # When the nightly run matches every published item
    with django_capture_on_commit_callbacks(execute=True):
        result = matching.match_all_published()
    # Then the enterprise's users get one notice each listing the three items, and each phone one SMS
    assert result.new == 3
    notices = Notification.objects.filter(url="/policies/mine/")
    assert sorted(n.recipient.username for n in notices) == ["boss", "enterprise"]
    for notice in notices:
        assert all(item.number in notice.body for item in items)
    sms = OutboxMessage.objects.filter(channel=OutboxMessage.Channel.SMS)
    assert list(sms.values_list("to", flat=True)) == ["13800000001"]
    assert sms.get().status == OutboxMessage.Status.SENT
    # And nothing is told twice on the next run
    with django_capture_on_commit_callbacks(execute=True):
        matching.match_all_published()
    assert notices.count() == 2


def test_an_enterprise_that_stops_qualifying_before_a_decision_is_flagged_and_unflagged(world: Any) -> None:
    today = timezone.localdate()
    for e in world.enterprises.values():
        Enterprise.objects.filter(pk=e.pk).update(employees=120)
    item = make_item()
    matching.match_item(item=item, today=today)
    granted = PolicyMatch.objects.get(item=item, enterprise=world.enterprises["b2"])
    matching.match_mark_decided(granted, True)
    # When three of them shrink below the threshold
    Enterprise.objects.filter(pk__in=[world.enterprises[k].pk for k in ("a2", "b1", "b2")]).update(
        employees=3
    )
    result = matching.match_item(item=item, today=today)
    # Then the two not yet decided are flagged on that day; the granted one is left alone
    assert (result.new, result.flagged) == (0, 2)
    flagged = PolicyMatch.objects.filter(still_qualifies=False)
    assert {m.enterprise_id for m in flagged} == {world.enterprises["a2"].pk, world.enterprises["b1"].pk}
    assert {m.flagged_on for m in flagged} == {today}
    assert PolicyMatch.objects.get(pk=granted.pk).still_qualifies
    # And one that qualifies again is unflagged
    Enterprise.objects.filter(pk=world.enterprises["a2"].pk).update(employees=500)
    result = matching.match_item(item=item, today=today + dt.timedelta(days=1))
    assert (result.new, result.flagged, result.unflagged) == (0, 0, 1)
    assert PolicyMatch.objects.get(enterprise=world.enterprises["a2"]).flagged_on is None


def test_person_items_match_people(world: Any) -> None:
    from hrbureau.people.models import Person

    Person.objects.filter(pk=world.people["a1"].pk).update(employment_status="unemployed")
    item = make_item(
        {"field": "employment_status", "op": "eq", "value": "unemployed"}, beneficiary=Beneficiary.PERSON
    )
    result = matching.match_item(item=item)
    assert result.new == 1
    match = PolicyMatch.objects.get(item=item)
    assert (match.person_id, match.enterprise_id) == (world.people["a1"].pk, None)
    assert Notification.objects.get(recipient=world.users["individual"]).url == "/policies/mine/"


def test_publication_matches_the_district_after_commit(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=101)
    item = make_item(state=ItemState.REVIEWED)
    with django_capture_on_commit_callbacks(execute=True):
        transition(item, "publish", actor=world.users["dept_head"])
    assert list(PolicyMatch.objects.values_list("enterprise_id", flat=True)) == [world.enterprises["a1"].pk]


def test_an_edit_of_the_enterprise_rematches_it(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    item = make_item()
    enterprise = world.enterprises["a1"]
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_services.enterprise_update(
            actor=world.users["dept_staff"], enterprise=enterprise, data={"employees": 250}
        )
    assert PolicyMatch.objects.filter(item=item, enterprise=enterprise).exists()
    with django_capture_on_commit_callbacks(execute=True):
        enterprise_services.enterprise_update(
            actor=world.users["dept_staff"], enterprise=enterprise, data={"employees": 2}
        )
    assert PolicyMatch.objects.get(item=item, enterprise=enterprise).flagged_on == timezone.localdate()
    # Only that enterprise was looked at
    assert PolicyMatch.objects.count() == 1


def test_the_nightly_job_runs_once_a_day(world: Any) -> None:
    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=101)
    make_item()
    today = timezone.localdate()
    assert "1 new" in matching.nightly_if_due(today)  # type: ignore[operator]
    assert matching.nightly_if_due(today) is None
    assert "policies: nightly matching" in periodic._JOBS


def test_the_course_of_a_match(world: Any) -> None:
    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=101)
    item = make_item()
    matching.match_item(item=item)
    match = PolicyMatch.objects.get()
    assert matching.match_mark_read(match)
    assert not matching.match_mark_read(match)  # once
    assert matching.match_mark_applied(match)
    assert match.state == MatchState.APPLIED
    assert match.applied_at
    assert match.read_at
    assert matching.match_mark_decided(match, False)
    assert match.state == MatchState.REFUSED
    assert not matching.match_mark_decided(match, True)  # decided once
    counts = matching.counts(PolicyMatch.objects.all())
    assert counts["refused"] == 1
    assert counts["total"] == 1
    assert counts["pushed"] == 0


def test_why_explains_the_conditions_with_what_the_record_says(world: Any) -> None:
    Enterprise.objects.filter(pk=world.enterprises["a1"].pk).update(employees=101)
    item = make_item()
    matching.match_item(item=item)
    lines = matching.why(PolicyMatch.objects.get())
    assert lines
    assert lines[-1]["met"]
    assert "101" in lines[-1]["text"]


def test_a_tag_taken_off_flags_the_match_and_a_fact_condition_is_matched_in_the_same_query(
    world: Any,
) -> None:
    from hrbureau.core import facts

    tag, _ = EnterpriseTag.objects.get_or_create(code="zjtx", defaults={"name": "专精特新"})
    tag.enterprises.add(world.enterprises["a1"], world.enterprises["b1"])
    condition: dict[str, Any] = {"all": [{"field": tag_field_name("zjtx"), "op": "eq", "value": True}]}
    # A fact of another line, when one is declared, is read in the same set-based query
    declared = sorted(facts.about(facts.ENTERPRISE))
    if declared:
        condition["all"].append({"field": declared[0], "op": "gte", "value": 0})
    item = make_item(condition)
    assert matching.match_item(item=item).new == 2
    world.enterprises["b1"].tags.remove(tag)
    result = matching.match_item(item=item)
    assert (result.new, result.flagged) == (0, 1)
    assert PolicyMatch.objects.get(still_qualifies=False).enterprise_id == world.enterprises["b1"].pk


def test_the_portal_home_offers_policies_for_you_and_the_calculator_is_public(client_for: Any) -> None:
    home = client_for("enterprise").get("/portal/").content.decode()
    assert "/policies/mine/" in home
    from hrbureau.core import guides

    assert guides.get("policy_calculator") in guides.public_services()


def test_an_edit_of_the_person_rematches_them(
    world: Any, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    from hrbureau.people import services as people_services

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    item = make_item(
        {"field": "employment_status", "op": "eq", "value": "unemployed"}, beneficiary=Beneficiary.PERSON
    )
    person = world.people["b1"]
    with django_capture_on_commit_callbacks(execute=True):
        people_services.person_update(
            actor=world.users["dept_staff"], person=person, data={"employment_status": "unemployed"}
        )
    assert list(PolicyMatch.objects.filter(item=item).values_list("person_id", flat=True)) == [person.pk]


def test_the_item_page_counts_what_became_of_its_matches_each_linked_to_its_list(world: Any) -> None:
    from django.test import Client

    from hrbureau.policies.match_lists import MATCHES

    # Given an item matched to two enterprises, one of which read it
    Enterprise.objects.filter(pk__in=[world.enterprises["a1"].pk, world.enterprises["b1"].pk]).update(
        employees=300
    )
    item = make_item()
    matching.match_item(item=item, push=False)
    read = PolicyMatch.objects.filter(item=item, enterprise=world.enterprises["a1"]).get()
    matching.match_mark_read(read)
    # When department staff open the item's page
    staff = world.users["dept_staff"]
    client = Client()
    client.force_login(staff)
    page = client.get(f"/policies/items/{item.pk}/").content.decode()
    # Then each count is the total of the matches list its link opens
    for key, expected in (("total", 2), ("read", 1), ("pushed", 1), ("granted", 0)):
        found = re.search(rf'href="([^"]+)" data-testid="delivery-{key}" data-count="(\d+)"', page)
        assert found, key
        assert int(found.group(2)) == expected, key
        listed = client.get(found.group(1).replace("&amp;", "&")).content.decode()
        total = re.search(rf'data-testid="{MATCHES.name}-total" data-total="(\d+)"', listed)
        assert total, key
        assert int(total.group(1)) == expected, key
