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
# Not a role but a standing: a user of the enterprise a complaint is about (the world's enterprise A2, which
# the work orders' routes make the subject of a citizen's complaint). 信访工作条例: complaint material is
# never passed to the party complained about, so it must be refused wherever the complaint appears. The
# matrix walks this viewer on the routes that say ``complained_about=True``.
COMPLAINED_ABOUT = "enterprise_complained_about"


def complained_about_user(world: Any) -> Any:
    """The enterprise user of enterprise A2 (made once per test world)."""
    from hrbureau.accounts.models import User

    user = world.users.get(COMPLAINED_ABOUT)
    if user is None:
        user = User.objects.create_user(
            username="complained_about",
            password="Secret#2026",
            role=Role.ENTERPRISE,
            full_name="被投诉企业",
        )
        user.enterprise = world.enterprises["a2"]
        user.save()
        world.users[COMPLAINED_ABOUT] = user
    return user


@dataclass(frozen=True)
class Route:
    name: str  # the URL name ("namespace:name"); what the coverage test matches patterns by
    url: str | Callable[[Any], str]  # a path, or a function of the test world that builds it
    allowed: Iterable[str]  # roles (and/or ANONYMOUS) that get ``ok_status``
    method: str = "GET"
    # The status the allowed roles get; a tuple when several mean "let through" (an action posted without
    # its input: 422 asks for it, 409 says the state does not allow it, 200 did it).
    ok_status: int | tuple[int, ...] = 200
    # What is posted: a dict, or a function of the test world that builds it (the id of a record).
    data: dict[str, Any] | Callable[[Any], dict[str, Any]] = field(default_factory=dict)
    api: bool = False  # integration accounts call it with their token instead of a session
    json: bool = False  # send ``data`` as a JSON body
    # marker text -> the roles whose response must contain it; every other allowed role must not.
    rows: Callable[[Any], dict[str, Iterable[str]]] | None = None
    label: str = ""  # tells two routes of the same name apart in test ids
    # Also walk it as the enterprise a complaint is about (``COMPLAINED_ABOUT``); it is allowed only when
    # ``allowed`` names it, and sees only the rows that name it.
    complained_about: bool = False
    # An export: the list's export permission it needs beyond sight of the list. ``allowed`` must be the
    # roles of the list's page that hold it; the export walk refuses the others (403, audited).
    export: str = ""

    def url_for(self, world: Any) -> str:
        return self.url(world) if callable(self.url) else self.url

    # Narrows ``allowed`` in the test world, for a rule that depends on the record (see action_routes).
    allowed_when: Callable[[Any], Iterable[str]] | None = None

    def data_for(self, world: Any) -> dict[str, Any]:
        return self.data(world) if callable(self.data) else self.data

    def allowed_for(self, world: Any) -> set[str]:
        return set(self.allowed_when(world)) if self.allowed_when is not None else set(self.allowed)

    def lets_through(self, status: int) -> bool:
        return status in self.ok_status if isinstance(self.ok_status, tuple) else status == self.ok_status

    @property
    def id(self) -> str:
        return f"{self.method} {self.name}{' ' + self.label if self.label else ''}"


# URL patterns the matrix does not walk one by one, with the reason.
UNWALKED_PREFIXES = {
    "admin:": "the Django admin: only superusers (system administrators) pass; checked via admin:index",
}


def action_routes(workflow_label: str, case_of: Callable[[Any], Any], viewers: Iterable[str]) -> list[Route]:
    """A route for each action endpoint of a case type (``POST /api/v1/<slug>/<id>/actions/<name>``, made
    from the workflow's declarations), posted empty on the case ``case_of(world)``: a role holding the
    action's permission that may see the case is let through to the form (422, or 409 when the state does
    not allow it, or 200); every other role is refused before its input is read (403 or 404)."""
    from hrbureau.core.scoping import may_see
    from hrbureau.core.workflow import workflows

    workflow = next(w for w in workflows() if w.label == workflow_label)
    viewers = frozenset(viewers)
    routes = []
    for t in workflow.transitions.values():
        if t.permission is None or t.name not in workflow.performers:
            continue

        def allowed(world: Any, permission: str = t.permission) -> set[str]:
            case = case_of(world)
            # The world's standard user of each role (the one the matrix signs in as).
            users = {user.role: user for key, user in world.users.items() if key != COMPLAINED_ABOUT}
            return {
                role
                for role in viewers
                if role in users and users[role].has_perm(permission) and may_see(users[role], case)
            }

        routes.append(
            Route(
                f"api:{workflow.slug}_{t.name}",
                lambda w, name=t.name: f"/api/v1/{workflow.slug}/{case_of(w).pk}/actions/{name}",
                allowed=viewers,
                allowed_when=allowed,
                method="POST",
                json=True,
                api=True,
                ok_status=(200, 409, 422),
            )
        )
    return routes
