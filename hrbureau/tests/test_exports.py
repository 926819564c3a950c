"""Every export needs its list's export permission: a role that may see a list but does not hold the
permission to export it is refused the file (403, audited); every export in the code is walked here."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

import hrbureau
from hrbureau.core.choices import AuditKind
from hrbureau.core.exports import is_export_permission
from hrbureau.core.models import AuditEvent
from hrbureau.tests.matrix import ANONYMOUS, Route
from hrbureau.tests.test_permission_matrix import ROLE_USER, ROUTES

pytestmark = pytest.mark.shared_world  # the walks only read the world (conftest.world)

EXPORTS = [route for route in ROUTES if route.export]


def _without_export(url: str) -> str:
    return re.sub(r"[?&]export=xlsx$", "", url)


def _page_of(export: Route, world: Any) -> Route:
    """The list page the export belongs to: the route of the same name at the same address."""
    url = _without_export(export.url_for(world))
    pages = [r for r in ROUTES if r.name == export.name and not r.export and r.method == "GET"]
    for page in pages:
        if page.url_for(world) == url:
            return page
    raise AssertionError(f"no page route at {url} for the export {export.id}")


# The one call that exports every declared list (``core.lists.ListSpec.export_response``): its
# permission and file name are each list's own, found in the registry of declared lists.
DECLARED_LISTS_EXPORT = Path("core") / "lists.py"


def _exports_in_code() -> dict[str, str]:
    """filename (or its fixed start) → permission, of every ``xlsx_response(...)`` call in the code and
    every declared list's export."""
    from hrbureau.core.lists import declared_lists

    found: dict[str, str] = {
        spec.export.filename: spec.export.permission for spec in declared_lists() if spec.export is not None
    }
    root = Path(hrbureau.__file__).parent
    for path in root.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        if path.relative_to(root) == DECLARED_LISTS_EXPORT:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "xlsx_response"):
                continue
            keywords = {k.arg: k.value for k in node.keywords}
            permission, filename = keywords.get("permission"), keywords.get("filename")
            assert isinstance(permission, ast.Constant), f"{path}:{node.lineno}: name the permission"
            if isinstance(filename, ast.JoinedStr):
                first = filename.values[0]
                assert isinstance(first, ast.Constant), f"{path}:{node.lineno}: start the file name plainly"
                name = str(first.value)
            else:
                assert isinstance(filename, ast.Constant), f"{path}:{node.lineno}: a plain file name"
                name = str(filename.value)
            found[name] = str(permission.value)
    return found


def _filename(response: Any) -> str:
    match = re.search(r'filename="?([^";]+)', response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    return match.group(1)


def test_every_export_in_the_code_is_walked_with_its_permission(world: Any) -> None:
    in_code = _exports_in_code()
    assert in_code, "no export found: the scan is broken"
    for permission in in_code.values():
        assert is_export_permission(permission), permission
    walked: dict[str, str] = {}
    for route in EXPORTS:
        viewer = next(v for v in sorted(route.allowed) if v != ANONYMOUS and v in ROLE_USER)
        client = Client()
        client.force_login(world.users[ROLE_USER[viewer]])
        response = client.get(route.url_for(world))
        assert response.status_code == 200, (route.id, viewer, response.status_code)
        walked[_filename(response)] = route.export
    for start, permission in in_code.items():
        names = [name for name in walked if name.startswith(start)]
        assert names, f"the export {start!r} is in no permission-matrix route"
        assert {walked[name] for name in names} == {permission}, start
    # And no export route in the matrix hides from this walk.
    exported = [r for r in ROUTES if "export=" in (r.url if isinstance(r.url, str) else r.url_for(world))]
    assert {r.id for r in exported} == {r.id for r in EXPORTS}


@pytest.mark.parametrize("route", EXPORTS, ids=lambda r: r.id)
def test_seeing_a_list_does_not_allow_exporting_it(route: Route, world: Any) -> None:
    page = _page_of(route, world)
    viewers = {v for v in page.allowed if v in ROLE_USER}
    holders = {v for v in viewers if world.users[ROLE_USER[v]].has_perm(route.export)}
    # The route's stated roles are exactly the page's readers who hold the export permission.
    assert set(route.allowed) == holders, route.id
    url = route.url_for(world)
    path = url
    for viewer in sorted(viewers):
        client = Client()
        client.force_login(world.users[ROLE_USER[viewer]])
        denied_before = AuditEvent.objects.filter(kind=AuditKind.PERMISSION_DENIED, path=path).count()
        response = client.get(url)
        if viewer in holders:
            assert response.status_code == 200, (viewer, url)
            assert response["Content-Type"].startswith("application/vnd.openxmlformats")
            assert AuditEvent.objects.filter(kind=AuditKind.EXPORT, username=viewer).exists()
        else:
            assert response.status_code == 403, (viewer, url, response.status_code)
            denied = AuditEvent.objects.filter(kind=AuditKind.PERMISSION_DENIED, path=path)
            assert denied.count() == denied_before + 1, (viewer, url)
            assert denied.order_by("-id").first().username == viewer  # type: ignore[union-attr]
