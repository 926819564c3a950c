"""Walk every role × every declared route; fail on an outsider's 200 or a row of another scope."""

from __future__ import annotations

import importlib
import json
import pkgutil
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import hrbureau
from hrbureau.accounts import services
from hrbureau.conftest import STANDARD_USERS
from hrbureau.tests.matrix import (
    ALL_ROLES,
    ANONYMOUS,
    COMPLAINED_ABOUT,
    UNWALKED_PREFIXES,
    Route,
    complained_about_user,
)


def _all_routes() -> list[Route]:
    """The ``ROUTES`` of every package of the platform and of every installed app of it (the example case
    type of the test settings, ``hrbureau.tests.example``)."""
    from django.apps import apps

    packages = [f"hrbureau.{module.name}" for module in pkgutil.iter_modules(hrbureau.__path__)]
    packages += [
        c.name for c in apps.get_app_configs() if c.name.startswith("hrbureau.") and c.name not in packages
    ]
    routes: list[Route] = []
    for package in packages:
        try:
            routes_module = importlib.import_module(f"{package}.tests.routes")
        except ModuleNotFoundError:
            continue
        routes.extend(routes_module.ROUTES)
    return routes


pytestmark = pytest.mark.shared_world

ROUTES = _all_routes()
VIEWERS = [ANONYMOUS, *sorted(ALL_ROLES)]
ROLE_USER = {role: key for key, (role, _) in STANDARD_USERS.items()}
# Every route × every viewer; the routes that show complaints also × the enterprise complained about.
CASES = [
    pytest.param(route, viewer, id=f"{viewer}-{route.id}")
    for route in ROUTES
    for viewer in [*VIEWERS, *([COMPLAINED_ABOUT] if route.complained_about else [])]
]


def _url_names(patterns: list[Any], namespace: str = "") -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            names.add(
                f"{namespace}{pattern.name}" if pattern.name else f"{namespace}<unnamed {pattern.pattern}>"
            )
    return names


def test_every_url_pattern_is_in_the_matrix() -> None:
    """A page or endpoint that no route declares has no stated permission: that is a failure."""
    declared = {route.name for route in ROUTES}
    unnamed_ok = {"<unnamed admin/login/>"}
    missing = sorted(
        name
        for name in _url_names(get_resolver().url_patterns)
        if name not in declared
        and name not in unnamed_ok
        and not any(name.startswith(prefix) for prefix in UNWALKED_PREFIXES)
    )
    assert missing == [], f"URL patterns without a permission-matrix route: {missing}"


def _client_for(viewer: str, route: Route, world: Any) -> tuple[Client, dict[str, str]]:
    client = Client()
    headers: dict[str, str] = {}
    if viewer == ANONYMOUS:
        return client, headers
    user = complained_about_user(world) if viewer == COMPLAINED_ABOUT else world.users[ROLE_USER[viewer]]
    if route.api and viewer == "integration":
        headers["Authorization"] = f"Bearer {services.api_token_create(user=user)}"
    else:
        client.force_login(user)
    return client, headers


@pytest.mark.parametrize(("route", "viewer"), CASES)
def test_matrix(route: Route, viewer: str, world: Any) -> None:
    client, headers = _client_for(viewer, route, world)
    url = route.url_for(world)
    if route.method == "GET":
        response = client.get(url, headers=headers)
    elif route.method == "PATCH":
        response = client.patch(
            url, data=route.data_for(world), content_type="application/json", headers=headers
        )
    elif route.json:
        response = client.post(
            url, data=route.data_for(world), content_type="application/json", headers=headers
        )
    else:
        response = client.post(url, data=route.data_for(world), headers=headers)
    allowed = route.allowed_for(world)
    if viewer in allowed:
        assert route.lets_through(response.status_code), (
            f"{viewer} should get {route.ok_status} from {route.method} {url}, got {response.status_code}"
        )
    else:
        assert not route.lets_through(response.status_code) or route.ok_status != 200, (
            f"outsider {viewer} got {response.status_code} from {route.method} {url}"
        )
        assert response.status_code in (302, 401, 403, 404, 405), (
            f"outsider {viewer} got {response.status_code} from {route.method} {url}"
        )
        if route.ok_status == 302 and response.status_code == 302:
            # A refusal by redirect must go to the login page, not to the page itself.
            assert "/accounts/login/" in response["Location"], response["Location"]
    if route.rows is not None and viewer in allowed:
        body = response.content.decode()
        if response.get("Content-Type", "").startswith("application/json"):
            body = json.dumps(response.json(), ensure_ascii=False)
        for marker, seers in route.rows(world).items():
            if viewer in set(seers):
                assert marker in body, f"{viewer} should see {marker!r} on {url}"
            else:
                assert marker not in body, f"{viewer} must not see {marker!r} on {url}"
