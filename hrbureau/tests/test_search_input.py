"""Search input of any character (issue 15): a control character in a search or filter — ``?q=%00abc``
gave a 500 on the quick search and the grid worker's visits, and every row of the labour records — is
taken out before any page or API list reads it (``core.middleware.CleanQueryStringMiddleware``).

Every GET route of the permission matrix is walked with control characters in its query string: no
server error, and the same answer as the same query without them; every list (a route with rows) shows
exactly the rows the cleaned search shows — never every row.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from hrbureau.accounts import services
from hrbureau.accounts.choices import Role
from hrbureau.core.middleware import without_control_characters
from hrbureau.tests.matrix import ANONYMOUS, DISTRICT_WIDE, Route
from hrbureau.tests.test_permission_matrix import ROLE_USER, ROUTES

pytestmark = pytest.mark.shared_world  # the walks only read the world (conftest.world)

NO_MATCH = "无此记录"  # in no row of any list
FOUND = "企业A1"  # in the name of enterprise A1, which most lists show a row about
VARIANTS = [
    "\x00" + NO_MATCH,  # the prober's %00abc: a 500, or every row on SQLite
    "\x1f",  # nothing but a control character: the same as a blank search box
    "\x07" + FOUND + "\x7f",
    FOUND + "\x00",
    "\x85" + FOUND[:2] + "\x1b" + FOUND[2:],
]
GET_ROUTES = [route for route in ROUTES if route.method == "GET" and set(route.allowed)]
LISTS = [route for route in GET_ROUTES if route.rows is not None]


def _viewer(route: Route) -> str:
    allowed = set(route.allowed)
    for role in (Role.DEPT_STAFF, Role.LEADER, Role.ARBITRATION_CLERK, *sorted(DISTRICT_WIDE)):
        if role in allowed:
            return role
    return sorted(allowed - {ANONYMOUS})[0] if allowed - {ANONYMOUS} else ANONYMOUS


def _client(route: Route, viewer: str, world: Any) -> tuple[Client, dict[str, str]]:
    client = Client()
    if viewer == ANONYMOUS:
        return client, {}
    user = world.users[ROLE_USER[viewer]]
    if route.api and viewer == Role.INTEGRATION:
        return client, {"Authorization": f"Bearer {services.api_token_create(user=user)}"}
    client.force_login(user)
    return client, {}


def _search(client: Client, headers: dict[str, str], url: str, query: str) -> Any:
    return client.get(f"{url}{'&' if '?' in url else '?'}{urlencode({'q': query})}", headers=headers)


def _body(response: Any) -> str:
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode(errors="replace")


@pytest.mark.parametrize("route", GET_ROUTES, ids=lambda r: r.id)
def test_control_characters_in_the_query_string_break_no_page(route: Route, world: Any) -> None:
    client, headers = _client(route, _viewer(route), world)
    url = route.url_for(world)
    clean = _search(client, headers, url, NO_MATCH)
    dirty = _search(client, headers, url, "\x00" + NO_MATCH + "\x1f")  # a 500 raises here
    assert dirty.status_code == clean.status_code != 500


@pytest.mark.parametrize("route", LISTS, ids=lambda r: r.id)
def test_a_list_searched_with_control_characters_shows_the_rows_of_the_clean_search(
    route: Route, world: Any
) -> None:
    viewer = _viewer(route)
    client, headers = _client(route, viewer, world)
    url = route.url_for(world)
    assert route.rows is not None
    markers = [marker for marker, seers in route.rows(world).items() if viewer in set(seers)]
    unsearched = _body(_search(client, headers, url, ""))
    assert any(marker in unsearched for marker in markers), "the list shows none of its rows to begin with"
    for query in VARIANTS:
        cleaned = without_control_characters(query)
        expected = _search(client, headers, url, cleaned)
        got = _search(client, headers, url, query)
        assert got.status_code == expected.status_code == 200, (query, got.status_code)
        # (A list without a search — the portal's own cases — shows its rows whatever ``q`` says.)
        shown = {marker for marker in markers if marker in _body(got)}
        assert shown == {marker for marker in markers if marker in _body(expected)}, repr(query)


def test_the_quick_search_finds_what_the_clean_query_finds(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    clean = client.get("/search/", {"q": FOUND})
    assert world.enterprises["a1"].name in clean.content.decode()
    for query in ("\x00" + FOUND, FOUND + "\x1f", "\x00"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert (world.enterprises["a1"].name in response.content.decode()) is (query != "\x00")


def test_the_grid_workers_visits_search_with_control_characters(world: Any, client_for: Any) -> None:
    client = client_for("grid_worker")
    response = client.get("/labour/visits/", {"q": "\x00" + FOUND})
    assert response.status_code == 200
    assert world.enterprises["a1"].name in response.content.decode()
    assert (
        world.enterprises["a1"].name
        not in client.get("/labour/visits/", {"q": "\x00" + NO_MATCH}).content.decode()
    )


def test_the_labour_records_do_not_show_every_row_for_a_nul(world: Any, client_for: Any) -> None:
    from hrbureau.compliance.services import record_add

    staff = world.users["dept_staff"]
    for key in ("a1", "b1"):
        record_add(
            actor=staff,
            enterprise=world.enterprises[key],
            kind="penalty",
            occurred_on=dt.date(2026, 1, 5),
            description="拖欠工资被处罚",
        )
    client = client_for("dept_staff")
    everything = client.get("/compliance/records/").content.decode()
    assert world.enterprises["a1"].name in everything
    assert world.enterprises["b1"].name in everything
    nothing = client.get("/compliance/records/", {"q": "\x00" + NO_MATCH}).content.decode()
    assert world.enterprises["a1"].name not in nothing
    assert world.enterprises["b1"].name not in nothing
    one = client.get("/compliance/records/", {"q": "\x00" + FOUND}).content.decode()
    assert world.enterprises["a1"].name in one
    assert world.enterprises["b1"].name not in one
