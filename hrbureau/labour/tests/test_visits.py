"""The grid worker's day: planned visits and survey visits wait in "my to-do" on the landing page (with
the address to go to), and a visit recorded by any way completes the planned visit of its period."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from hrbureau.core import todo
from hrbureau.labour import sampling, services
from hrbureau.labour.choices import InspectionKind
from hrbureau.labour.models import PlanTarget
from hrbureau.labour.tests.conftest import all_yes
from hrbureau.labour.tests.test_pages import _inspection_post


@pytest.fixture
def client(client: Any) -> Any:
    client.cookies["hrbureau_language"] = "en"
    return client


def _plan(world: Any, lab: dict[str, Any], *, kind: str = InspectionKind.ROUTINE, **period: Any) -> Any:
    today = timezone.localdate()
    return services.plan_create(
        actor=lab["staff"],
        name="春季劳动用工排查",
        kind=kind,
        starts_on=period.get("starts_on", today - dt.timedelta(days=3)),
        ends_on=period.get("ends_on", today + dt.timedelta(days=11)),
        enterprise_ids=[world.enterprises["a1"].pk, world.enterprises["b1"].pk],
    )


def test_the_landing_page_lists_the_grid_workers_visits(world: Any, lab: dict[str, Any], client: Any) -> None:
    # Given a round of visits to A1 and B1 and a survey sample of the district
    plan = _plan(world, lab)
    sample = sampling.sample_draw(actor=lab["staff"], name="用工情况抽样调查", size=4, seed=3, strata=[])
    a1, b1 = world.enterprises["a1"], world.enterprises["b1"]
    # When the grid worker of A1 opens the workbench
    client.force_login(lab["grid"])
    page = client.get("/workbench/").content.decode()
    todo_card = page.split('data-testid="todo"')[1].split('data-testid="my-area"')[0]
    # Then their planned visit and their survey visit wait there, with the address to go to
    assert "Nothing needs your action" not in todo_card
    target = plan.targets.get(enterprise=a1)
    assert f"/labour/inspect/{a1.pk}/?target={target.pk}" in todo_card
    assert todo_card.count(a1.name) == 2
    assert todo_card.count(a1.registered_address) == 2
    assert "Planned visit" in todo_card
    assert "Survey visit" in todo_card
    assert plan.ends_on.isoformat() in todo_card
    member = sample.members.get(enterprise=a1)
    assert f"/labour/visits/#survey-{member.pk}" in todo_card
    assert b1.name not in todo_card  # another grid's
    # and the badge counts them
    assert todo.todo_count(lab["grid"]) == 2
    kinds = dict(todo.kinds())
    assert kinds["labour-visits"] == "Planned visits"
    # The survey link lands on the item on the visits page
    assert f'id="survey-{member.pk}"' in client.get("/labour/visits/").content.decode()

    # When the visit is made and the survey recorded, both leave the to-do
    services.inspection_record(actor=lab["grid"], enterprise=a1, kind="routine", answers=all_yes())
    sampling.survey_record(actor=lab["grid"], member=member, state="done", note="")
    assert todo.todo_items(user=lab["grid"]) == []
    assert "Nothing needs your action" in client.get("/workbench/").content.decode()


def test_visits_wait_only_for_those_who_make_them(world: Any, lab: dict[str, Any], client: Any) -> None:
    _plan(world, lab)
    # The department that planned the round and the street see the plan, not a to-do of their own
    for user in (lab["staff"], lab["street"], world.users["leader"]):
        assert [i.kind for i in todo.todo_items(user=user)] == [], user
    # The grid worker of B1 has B1's visit
    items = todo.todo_items(user=lab["grid_b"])
    assert [i.title for i in items] == [world.enterprises["b1"].name]
    # A portal user has nothing of it
    assert todo.todo_items(user=world.users["enterprise"]) == []


def test_an_overdue_planned_visit_is_marked(world: Any, lab: dict[str, Any]) -> None:
    today = timezone.localdate()
    _plan(world, lab, starts_on=today - dt.timedelta(days=20), ends_on=today - dt.timedelta(days=1))
    (item,) = todo.todo_items(user=lab["grid"])
    assert item.overdue
    assert item.due == today - dt.timedelta(days=1)
    assert [i.title for i in todo.todo_items(user=lab["grid"], overdue_only=True)] == [item.title]


def test_the_visits_page_shows_where_to_go(world: Any, lab: dict[str, Any], client: Any) -> None:
    _plan(world, lab)
    client.force_login(lab["grid"])
    planned = client.get("/labour/visits/").content.decode().split('data-testid="planned"')[1]
    assert world.enterprises["a1"].registered_address in planned


def test_a_visit_without_the_plan_link_completes_the_planned_visit(
    world: Any, lab: dict[str, Any], client: Any
) -> None:
    # Given a planned visit to A1 this fortnight
    plan = _plan(world, lab)
    a1 = world.enterprises["a1"]
    # When the grid worker finds A1 by its name and inspects it (no ?target= in the address)
    client.force_login(lab["grid"])
    response = client.post(f"/labour/inspect/{a1.pk}/", _inspection_post())
    assert response.status_code == 302
    # Then the planned visit is done by that inspection
    target = plan.targets.get(enterprise=a1)
    assert target.inspection is not None
    assert target.inspection.enterprise == a1
    assert plan.targets.get(enterprise=world.enterprises["b1"]).inspection is None


def test_a_visit_recorded_by_the_department_completes_the_planned_visit(
    world: Any, lab: dict[str, Any]
) -> None:
    plan = _plan(world, lab)
    b1 = world.enterprises["b1"]
    inspection = services.inspection_record(
        actor=lab["staff"], enterprise=b1, kind=InspectionKind.SPECIAL, answers=all_yes()
    )
    assert plan.targets.get(enterprise=b1).inspection == inspection


def test_only_a_visit_in_the_period_completes_it(world: Any, lab: dict[str, Any]) -> None:
    today = timezone.localdate()
    a1 = world.enterprises["a1"]
    later = _plan(world, lab, starts_on=today + dt.timedelta(days=1), ends_on=today + dt.timedelta(days=10))
    services.inspection_record(actor=lab["grid"], enterprise=a1, kind="routine", answers=all_yes())
    assert later.targets.get(enterprise=a1).inspection is None
    ended = _plan(world, lab, starts_on=today - dt.timedelta(days=30), ends_on=today - dt.timedelta(days=10))
    services.inspection_record(
        actor=lab["grid"],
        enterprise=a1,
        kind="routine",
        answers=all_yes(),
        visited_on=today - dt.timedelta(days=11),
    )
    assert ended.targets.get(enterprise=a1).inspection is not None


def test_a_joint_plan_needs_a_joint_check(world: Any, lab: dict[str, Any]) -> None:
    plan = _plan(world, lab, kind=InspectionKind.JOINT)
    a1 = world.enterprises["a1"]
    services.inspection_record(actor=lab["grid"], enterprise=a1, kind="routine", answers=all_yes())
    assert plan.targets.get(enterprise=a1).inspection is None
    joint = services.inspection_record(
        actor=lab["grid"], enterprise=a1, kind=InspectionKind.JOINT, answers=all_yes(InspectionKind.JOINT)
    )
    assert plan.targets.get(enterprise=a1).inspection == joint
    # A done visit stays with the inspection that did it
    services.inspection_record(
        actor=lab["grid"], enterprise=a1, kind=InspectionKind.JOINT, answers=all_yes(InspectionKind.JOINT)
    )
    assert PlanTarget.objects.get(plan=plan, enterprise=a1).inspection == joint
