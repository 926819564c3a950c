"""Policy direct delivery's routes for the permission matrix (filled as its pages land)."""

from __future__ import annotations

ROUTES: list = []


# --- Applications, grant lists and grants ----------------------------------------------------------
# The department (and leadership, the streets in theirs) read applications; the department reviews them
# and files at the counter; an enterprise or a person applies on the portal and follows its own
# applications and grants only. Grant lists are the department's.

from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402
from hrbureau.tests.matrix import ALL_ROLES, Route, action_routes  # noqa: E402

_DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_READERS = _DEPARTMENT | {Role.LEADER, Role.STREET_STAFF}
_EXPORTERS = _DEPARTMENT | {Role.LEADER}
_PARTIES = {Role.ENTERPRISE, Role.INDIVIDUAL}


def _application_data(world: Any) -> dict[str, Any]:
    """An application of enterprise A1 (street A) and one of B1 (street B), a grant list, grants."""
    if "policy_applications" not in world.people:
        import datetime as dt
        from decimal import Decimal

        from hrbureau.policies import applications, grants
        from hrbureau.policies.choices import DeliveryKind
        from hrbureau.policies.tests.conftest import published_item

        item = published_item(department=world.units["labour_relations"], title="稳岗补贴甲")
        exempt = published_item(kind=DeliveryKind.EXEMPT, title="免申补贴乙", amount=Decimal("100"))
        enterprise = world.users["enterprise"]
        own = applications.application_submit(actor=enterprise, item=item, enterprise=world.enterprises["a1"])
        other = applications.application_submit(
            actor=world.users["dept_staff"], item=item, enterprise=world.enterprises["b1"]
        )
        for key, amount in (("a1", "1234.56"), ("b1", "6543.21")):
            grants.grant_record(
                item=exempt,
                enterprise=world.enterprises[key],
                street_id=world.enterprises[key].street_id,
                period="2025",
                amount=Decimal(amount),
                granted_on=dt.date(2025, 6, 1),
                channel="import",
            )
        grant_list = grants.grantlist_generate(
            actor=world.users["dept_staff"], item=exempt, on=dt.date(2026, 5, 1)
        )
        world.people["policy_applications"] = {
            "item": item,
            "own": own,
            "other": other,
            "grant_list": grant_list,
        }
    return world.people["policy_applications"]  # type: ignore[no-any-return]


def _at(template: str, key: str | None = None) -> Any:
    def url(world: Any) -> str:
        data = _application_data(world)
        return template.format(data[key].pk) if key else template

    return url


def _application_rows(world: Any) -> dict[str, Any]:
    data = _application_data(world)
    return {data["own"].number: _READERS, data["other"].number: _READERS - {Role.STREET_STAFF}}


ROUTES += [
    Route("policies:apply", _at("/policies/items/{}/apply/", "item"), allowed=_PARTIES),
    Route(
        "policies:apply",
        _at("/policies/items/{}/apply/", "item"),
        method="POST",
        data={"statement": "x"},
        ok_status=(200, 302),
        allowed=_PARTIES,
        label="submit",
    ),
    Route(
        "policies:applications",
        _at("/policies/applications/"),
        allowed=_READERS,
        rows=_application_rows,
    ),
    Route(
        "policies:applications",
        _at("/policies/applications/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="policies.export_policyapplication",
    ),
    Route("policies:counter_apply_pick", _at("/policies/applications/counter/"), allowed=_DEPARTMENT),
    Route("policies:counter_apply", _at("/policies/applications/counter/{}/", "item"), allowed=_DEPARTMENT),
    Route(
        "policies:counter_apply",
        _at("/policies/applications/counter/{}/", "item"),
        method="POST",
        data={"uscc": "none"},
        allowed=_DEPARTMENT,
        label="file",
    ),
    Route("policies:application", _at("/policies/applications/{}/", "own"), allowed=_READERS),
    Route(
        "policies:application",
        _at("/policies/applications/{}/", "other"),
        allowed=_READERS - {Role.STREET_STAFF},
        label="street B",
    ),
    Route(
        "policies:portal_applications",
        _at("/policies/my/applications/"),
        allowed=_PARTIES,
        rows=lambda world: {
            _application_data(world)["own"].number: {Role.ENTERPRISE},
            _application_data(world)["other"].number: set(),
        },
    ),
    Route(
        "policies:portal_application", _at("/policies/my/applications/{}/", "own"), allowed={Role.ENTERPRISE}
    ),
    Route(
        "policies:portal_application",
        _at("/policies/my/applications/{}/", "other"),
        allowed=set(),
        label="another's",
    ),
    Route(
        "policies:portal_grants",
        _at("/policies/my/grants/"),
        allowed=_PARTIES,
        rows=lambda world: {"1234.56": {Role.ENTERPRISE}, "6543.21": set()},
    ),
    Route("policies:grantlists", _at("/policies/grant-lists/"), allowed=_DEPARTMENT),
    Route(
        "policies:grantlists",
        _at("/policies/grant-lists/?export=xlsx"),
        allowed=_DEPARTMENT,
        label="export",
        export="policies.export_grant",
    ),
    Route("policies:grantlist_generate", _at("/policies/grant-lists/new/"), allowed=_DEPARTMENT),
    Route(
        "policies:grantlist_generate",
        _at("/policies/grant-lists/new/"),
        method="POST",
        data={"item": ""},
        allowed=_DEPARTMENT,
        label="generate",
    ),
    Route("policies:grantlist", _at("/policies/grant-lists/{}/", "grant_list"), allowed=_DEPARTMENT),
    Route(
        "policies:grants",
        _at("/policies/grants/"),
        allowed=_READERS,
        rows=lambda world: {"1234.56": _READERS, "6543.21": _EXPORTERS},
    ),
    Route(
        "policies:grants",
        _at("/policies/grants/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="policies.export_grant",
    ),
]
ROUTES += action_routes("policies.policyapplication", lambda w: _application_data(w)["own"], ALL_ROLES)
ROUTES += action_routes("policies.grantlist", lambda w: _application_data(w)["grant_list"], ALL_ROLES)
