"""Key enterprises' service plans (一企一策): coverage and on-time rules, the item steps, who may plan
for whom, the officer's to-do, the key-enterprise list's filters and the plan page."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils import timezone

from hrbureau.core import figures, todo
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises import plan_selectors as sel
from hrbureau.enterprises import plan_services as svc
from hrbureau.enterprises.models import ServicePlanItem, ServiceSetting
from hrbureau.enterprises.plan_lists import KEY_ENTERPRISES
from hrbureau.enterprises.tests.plan_data import make_key, plan_data

TODAY = timezone.localdate()


def _day(days: int) -> dt.date:
    return TODAY + dt.timedelta(days=days)


def _item(world: Any, plan: Any, due: int, **kwargs: Any) -> ServicePlanItem:
    return svc.item_add(
        actor=world.users["dept_staff"], plan=plan, area="policy", task="政策宣讲", due_on=_day(due), **kwargs
    )


def test_coverage_counts_key_enterprises_with_a_plan_this_year(world: Any) -> None:
    plan_data(world)  # key: A1, A2, B1; plans this year: A1, B1; A2 only last year
    district, street = world.users["dept_head"], world.users["street_staff"]
    assert figures.get("enterprises.key").count(district) == 3
    assert figures.get("enterprises.key_planned").count(district) == 2
    assert figures.get("enterprises.plan_coverage").count(district) == 67
    # Street A's staff: A1 and A2, one planned this year.
    assert figures.get("enterprises.key").count(street) == 2
    assert figures.get("enterprises.plan_coverage").count(street) == 50
    a, b = world.units["street-a"].pk, world.units["street-b"].pk
    assert figures.get("enterprises.plan_coverage").by_street(district) == {a: 50, b: 100}
    # A plan of a tag-less enterprise counts for nothing: the tag makes a key enterprise.
    assert set(sel.planned(district)) == {world.enterprises["a1"], world.enterprises["b1"]}


def test_on_time_is_done_no_later_than_the_due_day(world: Any) -> None:
    data = plan_data(world)
    plan, staff = data["plan_a1"], world.users["dept_staff"]
    ServicePlanItem.objects.all().delete()
    on_the_day = _item(world, plan, -10)
    svc.item_complete(actor=staff, item=on_the_day, on=_day(-10))
    late = _item(world, plan, -10)
    svc.item_complete(actor=staff, item=late, on=_day(-9))
    early = _item(world, plan, 30)  # done before it is due: counts, and on time
    svc.item_complete(actor=staff, item=early, on=_day(-1))
    overdue = _item(world, plan, -1)  # due, not done: counts against
    dropped = _item(world, plan, -5)
    svc.item_drop(actor=staff, item=dropped, reason="企业已自行解决")
    _item(world, plan, 20)  # not due yet, not done: not counted
    reader = world.users["dept_head"]
    assert set(sel.items_due(reader)) == {on_the_day, late, early, overdue}
    assert set(sel.items_on_time(reader)) == {on_the_day, early}
    assert figures.get("enterprises.plan_on_time_rate").count(reader) == 50
    assert on_the_day.on_time
    assert not late.on_time


def test_item_steps_record_progress_and_completion(world: Any) -> None:
    data = plan_data(world)
    item, officer = data["item_a1"], world.users["street_staff"]
    assert (item.state, item.assigned_user) == ("planned", officer)
    svc.item_start(actor=officer, item=item)
    svc.item_record_progress(actor=officer, item=item, progress=40, note="已对接三家职业院校")
    item.refresh_from_db()
    assert (item.state, item.progress) == ("in_progress", 40)
    with pytest.raises(ValidationError):
        svc.item_complete(actor=officer, item=item, on=_day(1))  # not a day to come
    svc.item_complete(actor=officer, item=item, on=TODAY)
    item.refresh_from_db()
    assert (item.state, item.progress, item.done_on) == ("done", 100, TODAY)
    with pytest.raises(TransitionError):
        svc.item_drop(actor=officer, item=item, reason="x")


def test_dropping_needs_a_reason(world: Any) -> None:
    item = plan_data(world)["item_a1"]
    with pytest.raises(TransitionError):
        svc.item_drop(actor=world.users["dept_staff"], item=item, reason="")


def test_only_a_key_enterprise_gets_a_plan_once_a_year_within_the_planners_area(world: Any) -> None:
    data = plan_data(world)
    staff, street = world.users["dept_staff"], world.users["street_staff"]
    with pytest.raises(ValidationError):
        svc.plan_create(actor=staff, enterprise=world.enterprises["b2"], officer=staff, year=TODAY.year)
    with pytest.raises(ValidationError):
        svc.plan_create(actor=staff, enterprise=world.enterprises["a1"], officer=staff, year=TODAY.year)
    with pytest.raises(PermissionDenied):  # street A's staff, enterprise of street B
        svc.item_add(actor=street, plan=data["plan_b1"], area="talent", task="x", due_on=TODAY)
    with pytest.raises(PermissionDenied):
        svc.plan_create(
            actor=world.users["leader"], enterprise=world.enterprises["a2"], officer=staff, year=TODAY.year
        )
    with pytest.raises(ValidationError):  # an officer must be staff who may keep plans
        svc.officer_assign(actor=staff, enterprise=world.enterprises["a2"], officer=world.users["leader"])


def test_officers_to_do_has_their_enterprises_items_overdue_or_due_soon(world: Any) -> None:
    data = plan_data(world)
    officer, plan = world.users["street_staff"], data["plan_a1"]
    soon = data["item_a1"]  # due in 5 days
    overdue = _item(world, plan, -2, owner_unit=world.units["street-a"])
    far = _item(world, plan, 60)
    source = next(s for s in todo.sources() if s.key == "enterprises.serviceplanitem")
    rows = set(source.queryset(officer))
    assert {soon, overdue} <= rows
    assert far not in rows
    assert data["item_b1"] not in rows  # another officer's enterprise
    # The horizon is a dated setting: 3 days leaves the item due in 5 off.
    ServiceSetting.objects.create(valid_from=TODAY - dt.timedelta(days=1), soon_days=3)
    assert soon not in set(source.queryset(officer))
    svc.item_complete(actor=officer, item=overdue, on=TODAY)
    assert overdue not in set(source.queryset(officer))
    assert not source.queryset(world.users["leader"]).exists()


def test_key_enterprise_list_filters(world: Any) -> None:
    data = plan_data(world)
    reader = world.users["dept_head"]

    def names(**values: Any) -> set[str]:
        return {e.name for e in KEY_ENTERPRISES.queryset(user=reader, values=values)}

    assert names() == {"企业A1科技有限公司", "企业A2科技有限公司", "企业B1科技有限公司"}
    assert names(has_plan=True) == {"企业A1科技有限公司", "企业B1科技有限公司"}
    assert names(has_plan=False) == {"企业A2科技有限公司"}
    assert names(has_overdue=True) == {"企业B1科技有限公司"}  # B1's item was due 3 days ago
    assert names(officer=world.users["street_staff"].pk) == {"企业A1科技有限公司", "企业A2科技有限公司"}
    row = KEY_ENTERPRISES.queryset(user=reader).get(pk=world.enterprises["b1"].pk)
    assert (row.plan_pk, row.items_total, row.items_done, row.items_overdue) == (data["plan_b1"].pk, 1, 0, 1)
    assert {e.name for e in KEY_ENTERPRISES.queryset(user=world.users["street_staff"])} == {
        "企业A1科技有限公司",
        "企业A2科技有限公司",
    }


def test_plan_page_adds_items_and_visits(world: Any, client_for: Any) -> None:
    data = plan_data(world)
    plan = data["plan_a1"]
    client = client_for("street_staff")
    page = client.get(f"/enterprises/plans/{plan.pk}/")
    assert page.status_code == 200
    assert "组织专场招聘会" in page.content.decode()
    assert 'data-action="start"' in page.content.decode()
    response = client.post(
        f"/enterprises/plans/{plan.pk}/items/new/",
        {"area": "training", "task": "安排岗前培训", "due_on": _day(10).isoformat(), "shared": "on"},
    )
    assert response.status_code == 302
    item = plan.items.get(task="安排岗前培训")
    assert item.assigned_user == world.users["street_staff"]  # the plan's officer when no owner is named
    response = client.post(
        f"/enterprises/plans/{plan.pk}/visits/new/",
        {"visited_on": TODAY.isoformat(), "met": "人事经理王女士", "discussed": "春季用工缺口"},
    )
    assert response.status_code == 302
    assert figures.get("enterprises.service_visits").count(world.users["dept_head"]) == 1
    refused = client.post(
        f"/enterprises/plans/{plan.pk}/visits/new/",
        {"visited_on": _day(3).isoformat(), "met": "x", "discussed": "x"},
    )
    assert refused.status_code == 400


def test_plan_create_page_makes_the_officer(world: Any, client_for: Any) -> None:
    plan_data(world)
    a2 = world.enterprises["a2"]
    client = client_for("dept_staff")
    response = client.post(
        f"/enterprises/key/{a2.pk}/plan/new/",
        {"officer": world.users["dept_staff"].pk, "year": TODAY.year, "summary": "稳岗"},
    )
    assert response.status_code == 302
    assert a2.service_plans.get(year=TODAY.year).officer == world.users["dept_staff"]
    a2.refresh_from_db()
    assert a2.service_officer.officer == world.users["dept_staff"]


def test_the_enterprise_reads_only_its_own_shared_items(world: Any, client_for: Any) -> None:
    data = plan_data(world)
    _item(world, data["plan_a1"], 8, shared=False)  # an internal note
    body = client_for("enterprise").get("/enterprises/mine/service-plan/").content.decode()
    assert "组织专场招聘会" in body
    assert "开展技能培训" not in body  # B1's
    assert "政策宣讲" not in body


def test_make_key_is_idempotent(world: Any) -> None:
    make_key(world.enterprises["a1"])
    make_key(world.enterprises["a1"])
    assert world.enterprises["a1"].tags.count() == 1


def test_the_demo_has_plans_with_items_in_every_state_and_demand_lists(db: Any) -> None:
    from io import StringIO

    from hrbureau.core.demo import REGISTRY_STEPS, DemoContext, run_steps
    from hrbureau.enterprises.models import LabourDemand, ServiceVisit

    ctx = DemoContext(out=StringIO(), enterprises=600, people=50)
    run_steps(ctx, [*REGISTRY_STEPS, "hrbureau.enterprises.demo.seed_service_plans"], announce=False)
    assert set(ServicePlanItem.objects.values_list("state", flat=True)) == {
        "planned",
        "in_progress",
        "done",
        "dropped",
    }
    assert ServicePlanItem.objects.filter(state="done", done_on__gt=F("due_on")).exists()  # some late
    assert ServiceVisit.objects.exists()
    assert set(LabourDemand.objects.values_list("state", flat=True)) >= {"open", "partly_filled", "filled"}
    reader = _district_reader()
    key = sel.key_enterprises(reader).count()
    assert key >= 600 * 9 // 10 // 15  # enough key enterprises at this size (320 at the demo's 5,000)
    assert sel.key_with_demands(reader).count() >= key * 7 // 10
    assert 0 < figures.get("enterprises.plan_coverage").count(reader) < 100


def _district_reader() -> Any:
    from hrbureau.accounts.models import User

    return User.objects.filter(role="dept_head").first()


def test_the_key_list_offers_a_plan_to_those_who_keep_plans(world: Any, client_for: Any) -> None:
    plan_data(world)
    a2 = world.enterprises["a2"]  # no plan this year
    body = client_for("street_staff").get("/enterprises/key/").content.decode()
    assert f"/enterprises/key/{a2.pk}/plan/new/" in body
    body = client_for("leader").get("/enterprises/key/").content.decode()
    assert "企业A2科技有限公司" in body
    assert "make-plan" not in body
