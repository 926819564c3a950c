"""Person registry routes for the permission matrix."""

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import DISTRICT_WIDE, STAFF, Route

EDITORS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
REVEALERS = {
    Role.SYSADMIN,
    Role.DEPT_HEAD,
    Role.DEPT_STAFF,
    Role.STREET_STAFF,
    Role.ARBITRATOR,
    Role.ARBITRATION_CLERK,
}


def _rows(world):  # type: ignore[no-untyped-def]
    return {
        "居民A1": STAFF,
        "居民A2": STAFF - {Role.GRID_WORKER},
        "居民B1": DISTRICT_WIDE,
        "居民B2": DISTRICT_WIDE,
    }


ROUTES = [
    Route("people:list", "/people/", allowed=STAFF, rows=_rows),
    Route(
        "people:list",
        "/people/?export=xlsx",
        allowed=STAFF,
        label="export",
        export="people.export_person",
    ),
    Route("people:create", "/people/new/", allowed=EDITORS),
    Route("people:detail", lambda w: f"/people/{w.people['a1'].pk}/", allowed=STAFF, label="a1"),
    Route("people:detail", lambda w: f"/people/{w.people['b2'].pk}/", allowed=DISTRICT_WIDE, label="b2"),
    Route("people:edit", lambda w: f"/people/{w.people['a1'].pk}/edit/", allowed=EDITORS, label="a1"),
    Route(
        "people:edit",
        lambda w: f"/people/{w.people['b2'].pk}/edit/",
        allowed=EDITORS - {Role.STREET_STAFF},
        label="b2",
    ),
    Route(
        "people:reveal",
        lambda w: f"/people/{w.people['a1'].pk}/reveal/",
        method="POST",
        data={"reason": "核实劳动争议当事人身份"},
        allowed=REVEALERS,
        label="a1",
    ),
    Route(
        "people:reveal",
        lambda w: f"/people/{w.people['b2'].pk}/reveal/",
        method="POST",
        data={"reason": "核实劳动争议当事人身份"},
        allowed=REVEALERS - {Role.STREET_STAFF},
        label="b2",
    ),
    # Through the API an individual reads their own record (the portal's data), nobody else's.
    Route(
        "api:person_list",
        "/api/v1/people",
        allowed=STAFF | {Role.INDIVIDUAL},
        api=True,
        rows=lambda w: {
            "居民A1": STAFF | {Role.INDIVIDUAL},
            "居民B2": DISTRICT_WIDE,
        },
    ),
    Route(
        "api:person_detail",
        lambda w: f"/api/v1/people/{w.people['a1'].pk}",
        allowed=STAFF | {Role.INDIVIDUAL},
        api=True,
    ),
    Route(
        "api:person_reveal",
        lambda w: f"/api/v1/people/{w.people['a1'].pk}/reveal",
        method="POST",
        data={"reason": "核实劳动争议当事人身份"},
        allowed=REVEALERS,
        api=True,
        json=True,
    ),
]
