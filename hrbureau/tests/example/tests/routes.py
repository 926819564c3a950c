"""The example case type's routes for the permission matrix: demand A in street A, B in street B. The
department and leadership see the district; street A's staff their street; the export is the department's."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import Route, action_routes

DISTRICT = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
VIEW = DISTRICT | {Role.STREET_STAFF}


def _data(world: Any) -> dict[str, Any]:
    if "example" not in world.people:
        from hrbureau.core.workflow import create_case
        from hrbureau.tests.example.models import Demand

        data = {}
        for key in ("a", "b"):
            street = world.units[f"street-{key}"]
            demand = Demand(
                number=f"XQ-{key.upper()}", title=f"需求{key.upper()}", street=street, state="open"
            )
            demand.assigned_unit = street
            demand.save()
            create_case(demand, actor=world.users["dept_staff"])
            data[key] = demand
        world.people["example"] = data
    return world.people["example"]  # type: ignore[no-any-return]


def _page(key: str) -> Any:
    return lambda world: f"/example/{_data(world)[key].pk}/"


def _list(path: str) -> Any:
    def url(world: Any) -> str:
        _data(world)
        return path

    return url


ROUTES = [
    Route(
        "example:list",
        _list("/example/"),
        allowed=VIEW,
        rows=lambda world: {"XQ-A": VIEW, "XQ-B": DISTRICT},
    ),
    Route(
        "example:list",
        _list("/example/?export=xlsx"),
        allowed={Role.DEPT_HEAD, Role.DEPT_STAFF},
        label="export",
        export="example.export_demand",
    ),
    Route("example:demand", _page("a"), allowed=VIEW, label="a"),
    Route("example:demand", _page("b"), allowed=DISTRICT, label="b"),
    *action_routes("example.demand", lambda world: _data(world)["a"], VIEW),
]
