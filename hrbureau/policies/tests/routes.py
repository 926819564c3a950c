"""Policy direct delivery's routes for the permission matrix (filled as its pages land; one block per
part of the line)."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes

ROUTES: list = []

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


def _at(template: str, key: str = "draft") -> Any:
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
    Route("policies:item", _at("/policies/items/{}/"), allowed=READERS),
    Route("policies:item_edit", _at("/policies/items/{}/edit/"), allowed=WRITERS),
    Route(
        "policies:item_near_misses",
        _at("/policies/items/{}/near-misses/0/"),
        allowed=READERS,
        rows=lambda world: {"near-miss-condition": READERS},
    ),
    Route(
        "policies:item_near_misses",
        _at("/policies/items/{}/near-misses/0/?export=xlsx"),
        allowed=READERS,
        label="export",
        export="policies.export_item",
    ),
    Route("policies:documents", _made("/policies/documents/"), allowed=READERS),
    _export("policies:documents", "/policies/documents/"),
    Route("policies:document_create", _made("/policies/documents/new/"), allowed=WRITERS),
    Route("policies:document", _at("/policies/documents/{}/", "document"), allowed=READERS),
    Route("policies:packages", _made("/policies/packages/"), allowed=READERS),
    _export("policies:packages", "/policies/packages/"),
    Route("policies:package_create", _made("/policies/packages/new/"), allowed=WRITERS),
    Route("policies:package", _at("/policies/packages/{}/", "package"), allowed=READERS),
    Route(
        "policies:public_library",
        _made("/policies/library/"),
        allowed=EVERYONE,
        rows=lambda world: {"矩阵公开政策": EVERYONE},
    ),
    Route("policies:public_item", _at("/policies/library/{}/", "published"), allowed=EVERYONE),
]
# Every step of an item's publication as an API action, on the draft (review) — the others answer 409.
ROUTES += action_routes("policies.policyitem", lambda world: _library(world)["draft"], ALL_ROLES)
