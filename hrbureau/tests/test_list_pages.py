"""Every list page, as the roles that use it see it: its filter panel is marked to fold away on a phone
(``form[data-filters]``, app.js), and every date in a table keeps to one line (inside ``.text-nowrap``)."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client

from hrbureau.accounts.choices import Role
from hrbureau.conftest import STANDARD_USERS
from hrbureau.tests.matrix import ANONYMOUS
from hrbureau.tests.test_permission_matrix import ROUTES

ROLE_USER = {role: key for key, (role, _) in STANDARD_USERS.items()}
READERS = [
    Role.DEPT_STAFF,
    Role.ARBITRATION_CLERK,
    Role.LEADER,
    Role.SYSADMIN,
    Role.STREET_STAFF,
    Role.GRID_WORKER,
    Role.ENTERPRISE,
    Role.INDIVIDUAL,
]
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A search box that is a page's main action (the quick search, the grid worker's "find an enterprise",
# the public look-ups) is not a filter panel.
# Forms that ask rather than filter a list: the quick search, look-ups, the policy calculator's questions.
NOT_FILTERS = (
    "quick_search",
    "visit-search",
    "honest-search",
    "grade-search",
    "query-form",
    "track-form",
    "calculator-form",
    "figures-form",  # personnel records: the period of the emergency-duty figures
)


def _pages(world: Any) -> list[tuple[str, str]]:
    pages = []
    for route in ROUTES:
        if route.method != "GET" or route.api or route.url_for(world).startswith("/api/"):
            continue
        allowed = set(route.allowed)
        reader = next((r for r in READERS if r in allowed), ANONYMOUS if ANONYMOUS in allowed else None)
        if reader is None:
            continue
        client = Client()
        if reader != ANONYMOUS:
            client.force_login(world.users[ROLE_USER[reader]])
        response = client.get(route.url_for(world))
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            pages.append((f"{route.id} as {reader}", response.content.decode()))
    return pages


def _filter_forms(html: str) -> list[str]:
    forms = re.findall(r'<form\b[^>]*method="get"[^>]*>.*?</form>', html, re.S)
    found = []
    for form in forms:
        opening = form.split(">", 1)[0]
        if any(marker in opening for marker in NOT_FILTERS) or 'action="/search/"' in opening:
            continue
        fields = re.findall(r"<(?:select|input)\b(?![^>]*type=\"hidden\")[^>]*>", form)
        if len(fields) >= 2:
            found.append(opening)
    return found


def test_every_filter_panel_folds_away_on_a_phone(world: Any) -> None:
    pages = _pages(world)
    assert len(pages) > 60
    unmarked = {
        name: [f for f in _filter_forms(html) if "data-filters=" not in f]
        for name, html in pages
        if any("data-filters=" not in f for f in _filter_forms(html))
    }
    assert unmarked == {}
    panels = sum(len(_filter_forms(html)) for _name, html in pages)
    assert panels >= 10


def _cells(html: str) -> list[str]:
    return re.findall(r"<td\b[^>]*>.*?</td>", html, re.S)


def _dates_held_together(cell: str) -> bool:
    """Every date in the cell lies inside an element of class text-nowrap (the cell itself or a span)."""
    if re.match(r'<td\b[^>]*class="[^"]*\btext-nowrap\b', cell):
        return True
    loose = re.sub(r'<span class="(?:[^"]* )?text-nowrap(?: [^"]*)?">[^<]*</span>', "", cell)
    return not DATE.search(re.sub(r"<[^>]+>", " ", loose))


def test_dates_in_tables_never_wrap(world: Any) -> None:
    loose = {}
    dated = 0
    for name, html in _pages(world):
        for cell in _cells(html):
            if DATE.search(re.sub(r"<[^>]+>", " ", cell)):
                dated += 1
                if not _dates_held_together(cell):
                    loose.setdefault(name, []).append(re.sub(r"\s+", " ", cell)[:160])
    assert dated > 30
    assert loose == {}, "\n".join(f"{page}: {cells}" for page, cells in loose.items())
