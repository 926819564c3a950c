"""The sidebar (``{% sidebar_links %}``): the entries a user may use, the current page's marked active,
the counts as badges, the labels in the page's language."""

from __future__ import annotations

import re
from typing import Any

from django.core.cache import cache


def _entries(body: str) -> dict[str, str]:
    """Each sidebar entry's HTML by its key."""
    nav = body[body.index('data-testid="main-nav"') :]
    nav = nav[: nav.index("</ul>")]
    entries = re.finditer(r'<li class="nav-item[^"]*"><a [^>]*data-nav="([^"]*)">.*?</li>', nav, re.S)
    return {m.group(1): m.group(0) for m in entries}


def test_the_current_page_is_marked_and_counts_are_badges(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    user = world.users["dept_staff"]
    cache.set(f"nav-counts:{user.pk}", {"todo": 3, "inbox": 0}, 60)
    entries = _entries(client.get("/enterprises/").content.decode())
    assert entries["enterprises"].startswith('<li class="nav-item active">')
    assert all(
        not html.startswith('<li class="nav-item active">')
        for key, html in entries.items()
        if key != "enterprises"
    )
    assert 'data-testid="nav-count-todo">3</span>' in entries["todo"]
    assert "nav-count-inbox" not in entries["inbox"]  # no badge for nothing
    assert "people" in entries  # what the role may use…
    assert "audit" not in entries  # …and nothing else


def test_the_labels_follow_the_page_language(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    assert ">企业<" in _entries(client.get("/enterprises/").content.decode())["enterprises"]
    client.cookies["hrbureau_language"] = "en"
    assert ">Enterprises<" in _entries(client.get("/enterprises/").content.decode())["enterprises"]
