"""Talent services' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []

# --- internship ---
# The department keeps the bases, registers and decides internships and approves months; leadership and
# the streets (their own street's) read; a base's enterprise sees and claims its own interns on the
# portal only — never another base's.
import datetime as _dt  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402
from typing import Any as _Any  # noqa: E402

from hrbureau.accounts.choices import Role as _Role  # noqa: E402

_INTERN_DEPARTMENT = {_Role.DEPT_HEAD, _Role.DEPT_STAFF}
_INTERN_READERS = _INTERN_DEPARTMENT | {_Role.LEADER, _Role.STREET_STAFF}
_INTERN_EXPORTERS = _INTERN_DEPARTMENT | {_Role.LEADER}


def _internships(world: _Any) -> dict[str, _Any]:
    """Bases at enterprises A1 (street A; the world's enterprise user) and B1 (street B), each with an
    approved internship of a graduate and one month recorded."""
    if "internship_routes" not in world.people:
        from hrbureau.talent import internship
        from hrbureau.talent.models import InternshipBase

        staff = world.users["dept_staff"]
        found: dict[str, _Any] = {}
        for key in ("a1", "b1"):
            enterprise = world.enterprises[key]
            base = InternshipBase.objects.create(
                enterprise=enterprise, street_id=enterprise.street_id, approved_on=_dt.date(2024, 1, 1)
            )
            case = internship.internship_register(
                actor=staff,
                person=world.people[key],
                base=base,
                post="文员",
                starts_on=_dt.date(2025, 3, 1),
                ends_on=_dt.date(2025, 12, 31),
                graduated_on=_dt.date(2024, 7, 1),
            )
            internship.internship_approve(actor=staff, internship=case)
            found[key] = case
            found[f"{key}-month"] = internship.month_record(
                actor=staff, internship=case, month=_dt.date(2025, 3, 1), paid=_Decimal("2600")
            )
        world.people["internship_routes"] = found
    return world.people["internship_routes"]  # type: ignore[no-any-return]


def _intern_at(template: str, key: str | None = None) -> _Any:
    def url(world: _Any) -> str:
        data = _internships(world)
        return template.format(data[key].pk) if key else template

    return url


def _intern_rows(world: _Any) -> dict[str, _Any]:
    data = _internships(world)
    return {data["a1"].number: _INTERN_READERS, data["b1"].number: _INTERN_READERS - {_Role.STREET_STAFF}}


def _base_rows(world: _Any) -> dict[str, _Any]:
    _internships(world)
    return {
        world.enterprises["a1"].name: _INTERN_READERS,
        world.enterprises["b1"].name: _INTERN_READERS - {_Role.STREET_STAFF},
    }


ROUTES += [
    Route(
        "talent:internship_bases",
        _intern_at("/talent/internship/bases/"),
        allowed=_INTERN_READERS,
        rows=_base_rows,
    ),
    Route(
        "talent:internship_bases",
        _intern_at("/talent/internship/bases/?export=xlsx"),
        allowed=_INTERN_EXPORTERS,
        label="export",
        export="talent.export_internship",
    ),
    Route("talent:internship_base_create", "/talent/internship/bases/new/", allowed=_INTERN_DEPARTMENT),
    Route(
        "talent:internships", _intern_at("/talent/internships/"), allowed=_INTERN_READERS, rows=_intern_rows
    ),
    Route(
        "talent:internships",
        _intern_at("/talent/internships/?export=xlsx"),
        allowed=_INTERN_EXPORTERS,
        label="export",
        export="talent.export_internship",
    ),
    Route("talent:internship_register", "/talent/internships/new/", allowed=_INTERN_DEPARTMENT),
    Route("talent:internship", _intern_at("/talent/internships/{}/", "a1"), allowed=_INTERN_READERS),
    Route(
        "talent:internship",
        _intern_at("/talent/internships/{}/", "b1"),
        allowed=_INTERN_READERS - {_Role.STREET_STAFF},
        label="street B",
    ),
    Route(
        "talent:internship_month_record",
        _intern_at("/talent/internships/{}/months/", "a1"),
        method="POST",
        data={"month": "2025-04", "paid": "2520"},
        ok_status=302,
        allowed=_INTERN_DEPARTMENT,
    ),
    Route(
        "talent:internship_month_approve",
        _intern_at("/talent/internships/months/{}/approve/", "a1-month"),
        method="POST",
        ok_status=302,
        allowed=_INTERN_DEPARTMENT,
    ),
    Route(
        "talent:internship_portal",
        _intern_at("/talent/my/internships/"),
        allowed={_Role.ENTERPRISE},
        rows=lambda world: {
            _internships(world)["a1"].number: {_Role.ENTERPRISE},
            _internships(world)["b1"].number: set(),
        },
    ),
    Route(
        "talent:internship_portal",
        _intern_at("/talent/my/internships/"),
        method="POST",
        data=lambda world: {"internship": _internships(world)["b1"].pk, "month": "2025-04", "paid": "2520"},
        allowed={_Role.ENTERPRISE},
        label="another base's intern (not a choice)",
    ),
    *action_routes(
        "talent.internship",
        lambda world: _internships(world)["a1"],
        viewers=_INTERN_READERS | {_Role.ENTERPRISE},
    ),
]
ROUTES += [
    Route(
        "talent:internship_portal_import",
        "/talent/my/internships/import/",
        method="POST",
        ok_status=302,
        allowed={_Role.ENTERPRISE},
    ),
]
