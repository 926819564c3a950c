"""Labour-risk routes for the permission matrix: risk and inspection A at enterprise A1 (street A, grid A1),
B at enterprise B1 (street B). The labour-relations department and leadership see the district; street
A's staff their street; the grid worker of A1 their grid; everyone else nothing."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import Route, action_routes

DISTRICT = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
VIEW = DISTRICT | {Role.STREET_STAFF, Role.GRID_WORKER}
FIELD = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF, Role.GRID_WORKER}
PLANNERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
READERS = DISTRICT | {Role.STREET_STAFF}  # figures and exports


def _data(world: Any) -> dict[str, Any]:
    if "labour" not in world.people:
        from hrbureau.labour import sampling, scoring, services
        from hrbureau.labour.tests.conftest import all_yes, arrears, reinstall_defaults

        reinstall_defaults()
        staff = world.users["dept_staff"]
        data: dict[str, Any] = {}
        for key in ("a1", "b1"):
            enterprise = world.enterprises[key]
            inspection = services.inspection_record(
                actor=staff,
                enterprise=enterprise,
                kind="routine",
                answers={**all_yes(), "wages_on_time": "no"},
                risks=[arrears()],
            )
            data[f"inspection_{key}"] = inspection
            data[f"risk_{key}"] = inspection.risks.get()
        scoring.compute_scores()
        data["plan"] = services.plan_create(
            actor=staff,
            name="走访计划",
            kind="routine",
            starts_on=data["risk_a1"].found_on,
            ends_on=data["risk_a1"].found_on,
            enterprise_ids=[world.enterprises["a1"].pk, world.enterprises["b1"].pk],
        )
        data["sample"] = sampling.sample_draw(actor=staff, name="抽样", size=4, seed=1, strata=[])
        data["member_a1"] = data["sample"].members.get(enterprise=world.enterprises["a1"])
        world.people["labour"] = data
    return world.people["labour"]  # type: ignore[no-any-return]


def _rows(kind: str) -> Any:
    def rows(world: Any) -> dict[str, Any]:
        d = _data(world)
        if kind == "risk":
            return {d["risk_a1"].number: VIEW, d["risk_b1"].number: DISTRICT}
        return {world.enterprises["a1"].name: VIEW, world.enterprises["b1"].name: DISTRICT}

    return rows


def _url(template: str, key: str) -> Any:
    """A path to one of the records above (or to enterprise ``key``)."""

    def url(world: Any) -> str:
        data = _data(world)
        return template.format((data[key] if key in data else world.enterprises[key]).pk)

    return url


def _list(path: str) -> Any:
    def url(world: Any) -> str:
        _data(world)
        return path

    return url


ROUTES = [
    Route("labour:visits", _list("/labour/visits/"), allowed=FIELD),
    Route("labour:inspect", _url("/labour/inspect/{}/", "a1"), allowed=FIELD, label="a1"),
    Route("labour:inspect", _url("/labour/inspect/{}/", "b1"), allowed=PLANNERS, label="b1"),
    Route("labour:inspections", _list("/labour/inspections/"), allowed=VIEW, rows=_rows("enterprise")),
    Route(
        "labour:inspections",
        _list("/labour/inspections/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="labour.export_risk",
    ),
    Route("labour:inspection", _url("/labour/inspections/{}/", "inspection_a1"), allowed=VIEW, label="a1"),
    Route(
        "labour:inspection", _url("/labour/inspections/{}/", "inspection_b1"), allowed=DISTRICT, label="b1"
    ),
    Route("labour:risks", _list("/labour/risks/"), allowed=VIEW, rows=_rows("risk")),
    Route(
        "labour:risks",
        _list("/labour/risks/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="labour.export_risk",
    ),
    Route("labour:risk", _url("/labour/risks/{}/", "risk_a1"), allowed=VIEW, label="a1"),
    Route("labour:risk", _url("/labour/risks/{}/", "risk_b1"), allowed=DISTRICT, label="b1"),
    # Escalating is the field's and the department's; leadership reads but does not act.
    Route(
        "core:case_action",
        _url("/core/cases/labour.risk/{}/actions/escalate/", "risk_a1"),
        method="POST",
        ok_status=302,
        data={"reason": "工人聚集"},
        allowed=FIELD,
        label="escalate",
    ),
    Route("labour:warnings", _list("/labour/warnings/"), allowed=VIEW, rows=_rows("enterprise")),
    Route(
        "labour:warnings",
        _list("/labour/warnings/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="labour.export_risk",
    ),
    Route(
        "labour:recompute",
        _list("/labour/warnings/recompute/"),
        method="POST",
        ok_status=302,
        allowed=PLANNERS,
    ),
    Route("labour:score", _url("/labour/scores/{}/", "a1"), allowed=VIEW, label="a1"),
    Route("labour:score", _url("/labour/scores/{}/", "b1"), allowed=DISTRICT, label="b1"),
    Route("labour:plans", _list("/labour/plans/"), allowed=VIEW),
    Route(
        "labour:plans",
        _list("/labour/plans/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="labour.export_risk",
    ),
    Route("labour:plan", _url("/labour/plans/{}/", "plan"), allowed=VIEW),
    Route(
        "labour:plan_create",
        _list("/labour/plans/new/"),
        method="POST",
        ok_status=302,
        data=lambda world: {
            "name": "计划",
            "kind": "routine",
            "starts_on": "2026-01-05",
            "ends_on": "2026-01-09",
            "enterprise": str(world.enterprises["a1"].pk),
        },
        allowed=PLANNERS,
    ),
    Route("labour:samples", _list("/labour/samples/"), allowed=FIELD),
    Route(
        "labour:samples",
        _list("/labour/samples/?export=xlsx"),
        allowed=PLANNERS,
        label="export",
        export="labour.export_sample",
    ),
    Route("labour:survey_tasks", _list("/labour/samples/tasks/"), allowed=FIELD),
    Route(
        "labour:survey_tasks",
        _list("/labour/samples/tasks/?export=xlsx"),
        allowed=PLANNERS,
        label="export",
        export="labour.export_sample",
    ),
    Route("labour:sample", _url("/labour/samples/{}/", "sample"), allowed=FIELD),
    Route(
        "labour:sample",
        _url("/labour/samples/{}/?export=xlsx", "sample"),
        allowed=PLANNERS,
        label="export",
        export="labour.export_sample",
    ),
    Route(
        "core:case_action",
        _url("/core/cases/labour.samplemember/{}/actions/survey/", "member_a1"),
        method="POST",
        ok_status=302,
        data={"note": "已填问卷"},
        allowed=FIELD,
        label="survey",
    ),
    Route("api:risk_list", _list("/api/v1/labour-risks"), api=True, allowed=VIEW, rows=_rows("risk")),
    Route("api:risk_detail", _url("/api/v1/labour-risks/{}", "risk_a1"), api=True, allowed=VIEW, label="a1"),
    Route(
        "api:risk_detail", _url("/api/v1/labour-risks/{}", "risk_b1"), api=True, allowed=DISTRICT, label="b1"
    ),
    Route("api:screening_figures", _list("/api/v1/screening-figures"), api=True, allowed=READERS),
    Route("labour:statistics", _list("/labour/statistics/"), allowed=READERS),
    Route(
        "labour:statistics",
        _list("/labour/statistics/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="labour.export_risk",
    ),
    # The API's action of each risk step and survey-task step, on the records of street A.
    *action_routes("labour.risk", lambda world: _data(world)["risk_a1"], VIEW),
    *action_routes("labour.samplemember", lambda world: _data(world)["member_a1"], VIEW),
]
