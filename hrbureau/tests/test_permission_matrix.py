"""Walk every role × every declared route; fail on an outsider's 200 or a row of another scope."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

import hrbureau
from hrbureau.accounts import services
from hrbureau.conftest import STANDARD_USERS, World, copy_world
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


class RouteRecords:
    """The records a route is about (what ``url_for`` makes: a case, its files), made once for all the
    viewers of the route that run one after another — the matrix runs route by route — in a savepoint
    of the module's shared world, rolled back when the next route comes; each viewer's test runs in its
    own savepoint inside it, so what one viewer's request wrote is gone before the next viewer's."""

    def __init__(self, module_world: World, blocker: Any) -> None:
        self.module_world = module_world
        self.blocker = blocker
        self.route: Route | None = None
        self.savepoint: Any = None
        self.world: World | None = None
        self.url = ""

    def enter(self, route: Route) -> tuple[World, str]:
        if route is not self.route or self.world is None:
            self.leave()
            with self.blocker.unblock():
                self.savepoint = transaction.atomic()
                self.savepoint.__enter__()
                try:
                    world = copy_world(self.module_world)
                    self.url = route.url_for(world)
                    # Whatever the route's declaration makes on first use (and keeps in the world) is
                    # made here, for every viewer, never inside one viewer's own savepoint.
                    route.data_for(world)
                    route.allowed_for(world)
                    if route.rows is not None:
                        route.rows(world)
                    if route.complained_about:
                        complained_about_user(world)
                except BaseException:
                    transaction.set_rollback(True)
                    self.savepoint.__exit__(None, None, None)
                    self.savepoint = None
                    raise
                self.route, self.world = route, world
        assert self.world is not None
        return self.world, self.url

    def leave(self) -> None:
        if self.savepoint is not None:
            with self.blocker.unblock():
                transaction.set_rollback(True)
                self.savepoint.__exit__(None, None, None)
        self.route, self.savepoint, self.world = None, None, None


@pytest.fixture(scope="module")
def route_records(module_world: World, django_db_blocker: Any) -> Iterator[RouteRecords]:
    records = RouteRecords(module_world, django_db_blocker)
    yield records
    records.leave()


def _kept(world: World) -> list[set[str]]:
    return [set(world.units), set(world.users), set(world.enterprises), set(world.people)]


@pytest.fixture
def routed(request: Any, route: Route, route_records: RouteRecords) -> Iterator[tuple[World, str]]:
    """The world with the route's records and the route's URL; then the test's own transaction. A
    record the test kept in the world would be rolled back under the next viewer's feet: refused."""
    made = route_records.enter(route)
    request.getfixturevalue("db")
    before = _kept(made[0])
    yield made
    assert _kept(made[0]) == before, f"{route.id} kept a record of one viewer's test in the shared world"


@pytest.mark.parametrize(("route", "viewer"), CASES)
def test_matrix(route: Route, viewer: str, routed: tuple[World, str]) -> None:
    world, url = routed
    client, headers = _client_for(viewer, route, world)
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
