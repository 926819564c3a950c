"""Employer-compliance routes for the permission matrix: the labour-relations department and leadership
read the grades, the register and the trainings; the department acts; the published list is public.
The pages' old addresses under /labour/ answer every viewer with a permanent redirect."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes

DISTRICT = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
PLANNERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
EVERYONE = ALL_ROLES | {ANONYMOUS}


def _data(world: Any) -> dict[str, Any]:
    if "compliance" not in world.people:
        from django.utils import timezone

        from hrbureau.compliance import services
        from hrbureau.compliance.tests.conftest import reinstall_defaults

        reinstall_defaults()
        staff = world.users["dept_staff"]
        world.people["compliance"] = {
            "evaluation": services.evaluation_run(actor=staff, year=timezone.localdate().year - 1),
            "event": services.event_create(
                actor=staff,
                kind="training",
                title="培训",
                held_on=timezone.localdate(),
                enterprise_ids=[world.enterprises["a1"].pk],
            ),
        }
    return world.people["compliance"]  # type: ignore[no-any-return]


def _url(template: str, key: str) -> Any:
    def url(world: Any) -> str:
        return template.format(_data(world)[key].pk)

    return url


def _list(path: str) -> Any:
    def url(world: Any) -> str:
        _data(world)
        return path

    return url


ROUTES = [
    Route("compliance:records", _list("/compliance/records/"), allowed=DISTRICT),
    Route(
        "compliance:records",
        _list("/compliance/records/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="compliance.export_evaluation",
    ),
    Route("compliance:record_create", _list("/compliance/records/new/"), allowed=PLANNERS),
    Route(
        "compliance:record_create",
        _list("/compliance/records/new/"),
        method="POST",
        ok_status=200,
        data={"uscc": "x"},
        allowed=PLANNERS,
        label="add",
    ),
    Route("compliance:evaluations", _list("/compliance/evaluations/"), allowed=DISTRICT),
    Route(
        "compliance:evaluations",
        _list("/compliance/evaluations/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="compliance.export_evaluation",
    ),
    Route("compliance:evaluation_create", _list("/compliance/evaluations/new/"), allowed=PLANNERS),
    Route(
        "compliance:evaluation_create",
        _list("/compliance/evaluations/new/"),
        method="POST",
        ok_status=200,
        data={"year": "1999"},
        allowed=PLANNERS,
        label="grade",
    ),
    Route("compliance:evaluation", _url("/compliance/evaluations/{}/", "evaluation"), allowed=DISTRICT),
    Route("compliance:grades", _url("/compliance/grades/?evaluation={}", "evaluation"), allowed=DISTRICT),
    Route(
        "compliance:grades",
        _url("/compliance/grades/?evaluation={}&export=xlsx", "evaluation"),
        allowed=DISTRICT,
        label="export",
        export="compliance.export_evaluation",
    ),
    # The steps are core actions; a step's old address sends the form on there (308, for anyone).
    Route(
        "core:case_action",
        _url("/core/cases/compliance.evaluation/{}/actions/regrade/", "evaluation"),
        method="POST",
        ok_status=302,
        allowed=PLANNERS,
        label="evaluation: regrade",
    ),
    Route(
        "compliance:evaluation_act",
        _url("/compliance/evaluations/{}/act/publish/", "evaluation"),
        method="POST",
        ok_status=308,
        allowed=EVERYONE,
    ),
    Route("compliance:honest", "/compliance/honest-employers/", allowed=EVERYONE),
    Route("compliance:events", _list("/compliance/events/"), allowed=DISTRICT),
    Route(
        "compliance:events",
        _list("/compliance/events/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="compliance.export_compliance",
    ),
    Route("compliance:event_create", _list("/compliance/events/new/"), allowed=PLANNERS),
    Route(
        "compliance:event_create",
        _list("/compliance/events/new/"),
        method="POST",
        ok_status=200,
        data={"kind": "training"},
        allowed=PLANNERS,
        label="add",
    ),
    Route("compliance:experts", _list("/compliance/experts/"), allowed=DISTRICT),
    Route(
        "compliance:experts",
        _list("/compliance/experts/?export=xlsx"),
        allowed=DISTRICT,
        label="export",
        export="compliance.export_compliance",
    ),
    Route("compliance:event", _url("/compliance/events/{}/", "event"), allowed=DISTRICT),
    Route(
        "compliance:event",
        _url("/compliance/events/{}/", "event"),
        method="POST",
        ok_status=302,
        data={},  # nobody ticked: nobody came
        allowed=PLANNERS,
        label="attendance",
    ),
    Route(
        "api:evaluation_list",
        _list("/api/v1/employer-evaluations"),
        api=True,
        allowed=DISTRICT,
        rows=lambda world: {f'"year": {_data(world)["evaluation"].year}': DISTRICT},
    ),
    # The old addresses: a permanent redirect for anyone (the new page then decides who may see it).
    Route("moved:labour_records", "/labour/records/", allowed=EVERYONE, ok_status=301),
    Route("moved:labour_evaluations", "/labour/evaluations/", allowed=EVERYONE, ok_status=301),
    Route(
        "moved:labour_evaluation",
        _url("/labour/evaluations/{}/", "evaluation"),
        allowed=EVERYONE,
        ok_status=301,
    ),
    Route(
        "moved:labour_evaluation_act",
        _url("/labour/evaluations/{}/act/publish/", "evaluation"),
        method="POST",
        allowed=EVERYONE,
        ok_status=308,
    ),
    Route("moved:labour_honest", "/labour/honest-employers/", allowed=EVERYONE, ok_status=301),
    Route("moved:labour_compliance", "/labour/compliance/", allowed=EVERYONE, ok_status=301),
    Route("moved:labour_event", _url("/labour/compliance/{}/", "event"), allowed=EVERYONE, ok_status=301),
]

# Every step of the list as an API action (hrbureau.tests.matrix.action_routes).
ROUTES += action_routes("compliance.evaluation", lambda w: _data(w)["evaluation"], ALL_ROLES)
