"""Every page passes its own Content Security Policy: no inline script, no inline style, no CDN."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

import pytest
from django.test import Client

from hrbureau.conftest import STANDARD_USERS
from hrbureau.tests.matrix import ANONYMOUS
from hrbureau.tests.test_permission_matrix import ROLE_USER, ROUTES

pytestmark = pytest.mark.shared_world  # the walks only read the world (conftest.world)


class InlineFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in attributes:
            if name.startswith("on"):
                self.problems.append(f"inline handler {name} on <{tag}>")
        if "style" in attributes:
            self.problems.append(f"inline style on <{tag}>")
        if tag == "script":
            src = attributes.get("src")
            if src is None and attributes.get("type") != "application/json":
                self.problems.append("inline <script>")
            if src and re.match(r"^(https?:)?//", src):
                self.problems.append(f"script from another origin: {src}")
        if tag == "link" and re.match(r"^(https?:)?//", attributes.get("href") or ""):
            self.problems.append(f"stylesheet from another origin: {attributes.get('href')}")
        if tag == "style":
            self.problems.append("inline <style>")


PAGES = [r for r in ROUTES if r.method == "GET" and not r.api and not r.name.startswith(("admin:", "api:"))]


@pytest.mark.parametrize("route", PAGES, ids=lambda r: r.id)
def test_pages_have_no_inline_code_and_send_the_policy(route: Any, world: Any) -> None:
    viewer = next((v for v in route.allowed if v != ANONYMOUS and v in ROLE_USER), None)
    client = Client()
    if viewer is not None and ANONYMOUS not in route.allowed:
        client.force_login(world.users[ROLE_USER[viewer]])
    response = client.get(route.url_for(world), follow=True)
    assert response.status_code == 200
    if "text/html" not in response["Content-Type"]:
        return
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    finder = InlineFinder()
    finder.feed(response.content.decode())
    assert finder.problems == []


def test_security_headers(world: Any, client: Client) -> None:
    response = client.get("/accounts/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_are_not_cached(world: Any, client_for: Any) -> None:
    response = client_for("leader").get("/workbench/")
    assert "no-store" in response["Cache-Control"]


def test_every_form_carries_a_csrf_token(world: Any, client_for: Any) -> None:
    for key in STANDARD_USERS:
        if key == "integration":
            continue
        client = client_for(key)
        body = client.get("/", follow=True).content.decode()
        for form in re.findall(r"<form[^>]*method=\"post\"[^>]*>(.*?)</form>", body, flags=re.S | re.I):
            assert "csrfmiddlewaretoken" in form
