"""Policy direct delivery's routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes

ROUTES: list = []

# --- Matching and delivery: policies for you, the calculator, the staff's matches ------------------


MATCH_READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER, Role.STREET_STAFF}
MATCH_EXPORTERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}


def _matches(world: Any) -> dict[str, Any]:
    """An enterprise item matched to A1 and B1 (A1's user is the world's enterprise user) and a person
    item matched to resident A1 (the world's individual)."""
    if "policy_matches" not in world.people:
        from hrbureau.enterprises.models import Enterprise
        from hrbureau.people.models import Person
        from hrbureau.policies import matching
        from hrbureau.policies.models import PolicyItem, PolicyMatch

        Enterprise.objects.filter(pk__in=[world.enterprises[k].pk for k in ("a1", "b1")]).update(
            employees=150
        )
        Person.objects.filter(pk=world.people["a1"].pk).update(employment_status="unemployed")
        guide = {
            "guide_materials": "材料",
            "guide_steps": "步骤",
            "guide_where": "地点",
            "guide_contact": "12333",
            "state": "published",
        }
        item = PolicyItem.objects.create(
            number="PM-1",
            title="稳岗补贴",
            eligibility={"field": "employees", "op": "gte", "value": 100},
            **guide,
        )
        person_item = PolicyItem.objects.create(
            number="PM-2",
            title="创业补贴",
            beneficiary="person",
            eligibility={"field": "employment_status", "op": "eq", "value": "unemployed"},
            **guide,
        )
        matching.match_item(item=item)
        matching.match_item(item=person_item)
        world.people["policy_matches"] = {
            "a1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["a1"]),
            "b1": PolicyMatch.objects.get(item=item, enterprise=world.enterprises["b1"]),
            "person": PolicyMatch.objects.get(item=person_item),
        }
    return world.people["policy_matches"]  # type: ignore[no-any-return]


def _path(template: str) -> Any:
    def url(world: Any) -> str:
        found = _matches(world)
        return template.format(**{key: match.pk for key, match in found.items()})

    return url


def _own_cards(world: Any) -> dict[str, set[str]]:
    found = _matches(world)
    return {
        f'data-testid="match-{found["a1"].pk}"': {Role.ENTERPRISE},
        f'data-testid="match-{found["b1"].pk}"': set(),
        f'data-testid="match-{found["person"].pk}"': {Role.INDIVIDUAL},
    }


def _staff_rows(world: Any) -> dict[str, set[str]]:
    _matches(world)
    return {
        world.enterprises["a1"].name: MATCH_READERS,
        world.enterprises["b1"].name: MATCH_EXPORTERS,
        world.enterprises["a2"].name: set(),
    }


ROUTES += [
    Route(
        "policies:portal",
        _path("/policies/mine/"),
        allowed={Role.ENTERPRISE, Role.INDIVIDUAL},
        rows=_own_cards,
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{a1}/"), allowed={Role.ENTERPRISE}, label="enterprise"
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{person}/"), allowed={Role.INDIVIDUAL}, label="person"
    ),
    Route(
        "policies:portal_match", _path("/policies/mine/{b1}/"), allowed=set(), label="another enterprise's"
    ),
    Route("policies:calculator", "/policies/calculator/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route("policies:matches", _path("/policies/matches/"), allowed=MATCH_READERS, rows=_staff_rows),
    Route(
        "policies:matches",
        _path("/policies/matches/?export=xlsx"),
        allowed=MATCH_EXPORTERS,
        label="export",
        export="policies.export_policymatch",
    ),
    Route("policies:match_counts", _path("/policies/matches/by-item/"), allowed=MATCH_READERS),
]

# --- Applications, grant lists and grants ----------------------------------------------------------
# The department (and leadership, the streets in theirs) read applications; the department reviews them
# and files at the counter; an enterprise or a person applies on the portal and follows its own
# applications and grants only. Grant lists are the department's.


from hrbureau.accounts.choices import Role  # noqa: E402
from hrbureau.tests.matrix import ALL_ROLES, Route  # noqa: E402

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

# --- the policy library (library): the departments write, the department head reviews and publishes,
# leadership and the streets read; the published library is public. ---

READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER, Role.STREET_STAFF}
WRITERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
EVERYONE = ALL_ROLES | {ANONYMOUS}


def _library(world: Any) -> dict[str, Any]:
    if "policies_library" not in world.people:
        from hrbureau.policies import library
        from hrbureau.policies.models import PolicyDocument, PolicyPackage
        from hrbureau.policies.tests.items import make_item

        staff, head = world.users["dept_staff"], world.users["dept_head"]
        document = PolicyDocument.objects.create(title="矩阵政策文件")
        package = PolicyPackage.objects.create(code="matrix", name="矩阵政策包", document=document)
        draft = make_item(
            staff,
            "MX-1",
            title="矩阵草稿政策",
            package=package,
            document=document,
            eligibility={"all": [{"field": "employees", "op": "gte", "value": 10}]},
        )
        published = make_item(staff, "MX-2", title="矩阵公开政策", package=package)
        library.item_review(actor=head, item=published)
        library.item_publish(actor=head, item=published)
        world.people["policies_library"] = {
            "document": document,
            "package": package,
            "draft": draft,
            "published": published,
        }
    return world.people["policies_library"]


def _library_at(template: str, key: str = "draft") -> Any:
    return lambda world: template.format(_library(world)[key].pk)


def _made(path: str) -> Any:
    def url(world: Any) -> str:
        _library(world)
        return path

    return url


def _export(name: str, path: str) -> Route:
    return Route(
        name, _made(path + "?export=xlsx"), allowed=READERS, label="export", export="policies.export_item"
    )


ROUTES += [
    Route("policies:items", _made("/policies/items/"), allowed=READERS),
    _export("policies:items", "/policies/items/"),
    Route("policies:item_create", _made("/policies/items/new/"), allowed=WRITERS),
    Route(
        "policies:item_create",
        _made("/policies/items/new/"),
        method="POST",
        data={"number": ""},
        allowed=WRITERS,
        label="post",
    ),
    Route("policies:item", _library_at("/policies/items/{}/"), allowed=READERS),
    Route("policies:item_edit", _library_at("/policies/items/{}/edit/"), allowed=WRITERS),
    Route(
        "policies:item_near_misses",
        _library_at("/policies/items/{}/near-misses/0/"),
        allowed=READERS,
        rows=lambda world: {"near-miss-condition": READERS},
    ),
    Route(
        "policies:item_near_misses",
        _library_at("/policies/items/{}/near-misses/0/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="policies.export_item",
    ),
    Route("policies:documents", _made("/policies/documents/"), allowed=READERS),
    _export("policies:documents", "/policies/documents/"),
    Route("policies:document_create", _made("/policies/documents/new/"), allowed=WRITERS),
    Route("policies:document", _library_at("/policies/documents/{}/", "document"), allowed=READERS),
    Route("policies:packages", _made("/policies/packages/"), allowed=READERS),
    _export("policies:packages", "/policies/packages/"),
    Route("policies:package_create", _made("/policies/packages/new/"), allowed=WRITERS),
    Route("policies:package", _library_at("/policies/packages/{}/", "package"), allowed=READERS),
    Route(
        "policies:public_library",
        _made("/policies/library/"),
        allowed=EVERYONE,
        rows=lambda world: {"矩阵公开政策": EVERYONE},
    ),
    Route("policies:public_item", _library_at("/policies/library/{}/", "published"), allowed=EVERYONE),
]
# Every step of an item's publication as an API action, on the draft (review) — the others answer 409.
ROUTES += action_routes("policies.policyitem", lambda world: _library(world)["draft"], ALL_ROLES)
