"""The permission matrix: every role × every page and endpoint (issue 2; later issues add their routes).

Each app lists its routes in ``<app>/tests/routes.py`` as ``ROUTES``. A route says which roles may open
it and, for lists, which rows each role must (and must not) see. The matrix test walks them all, and a
coverage test fails when a URL pattern exists that no route declares — so a new page cannot ship
without saying who may open it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from hrbureau.accounts.choices import Role

ANONYMOUS = "anonymous"
ALL_ROLES = frozenset(Role.values)
STAFF = frozenset(
    {
        Role.SYSADMIN,
        Role.LEADER,
        Role.DEPT_HEAD,
        Role.DEPT_STAFF,
        Role.STREET_STAFF,
        Role.GRID_WORKER,
        Role.ARBITRATOR,
        Role.ARBITRATION_CLERK,
    }
)
DISTRICT_WIDE = frozenset(
    {Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.ARBITRATOR, Role.ARBITRATION_CLERK}
)
PORTAL = frozenset({Role.ENTERPRISE, Role.INDIVIDUAL})


@dataclass(frozen=True)
class Route:
    name: str  # the URL name ("namespace:name"); what the coverage test matches patterns by
    url: str | Callable[[Any], str]  # a path, or a function of the test world that builds it
    allowed: Iterable[str]  # roles (and/or ANONYMOUS) that get ``ok_status``
    method: str = "GET"
    ok_status: int = 200
    data: dict[str, Any] = field(default_factory=dict)
    api: bool = False  # integration accounts call it with their token instead of a session
    json: bool = False  # send ``data`` as a JSON body
    # marker text -> the roles whose response must contain it; every other allowed role must not.
    rows: Callable[[Any], dict[str, Iterable[str]]] | None = None
    label: str = ""  # tells two routes of the same name apart in test ids

    def url_for(self, world: Any) -> str:
        return self.url(world) if callable(self.url) else self.url

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{' ' + self.label if self.label else ''}"


# URL patterns the matrix does not walk one by one, with the reason.
UNWALKED_PREFIXES = {
    "admin:": "the Django admin: only superusers (system administrators) pass; checked via admin:index",
}
