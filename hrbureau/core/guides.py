"""The portal's services and their guides (办事指南): what a citizen or an enterprise can do here.

Each app declares its services the way it declares its menu entries (``register``): the tile on the
portal home, the page the service starts on, who may start it, and its guide — who may apply, the
materials, the time limits, where and when. Later business lines (policies, jobs) join by declaring
theirs; core imports no business app. A service without a permission is public: anyone may use it,
signed in or not (the case query, the honest-employer list), and the public pages' header lists it.

A guide's line may be a callable, so that a time limit is read from the dated setting in force on the
day the guide is read, not copied into the text.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Line = str | Promise | Callable[[], str]


@dataclass(frozen=True)
class Guide:
    """A service guide: each part a few plain sentences."""

    who: tuple[Line, ...]
    materials: tuple[Line, ...]
    time_limits: tuple[Line, ...]
    where: tuple[Line, ...]
    basis: tuple[Line, ...] = ()  # the law or rule the service follows

    def sections(self) -> list[tuple[str, str, list[str]]]:
        """(key, heading, lines) of each part that has lines, with the lines read now."""
        parts = [
            ("who", _("Who may apply"), self.who),
            ("materials", _("What to bring"), self.materials),
            ("time_limits", _("Time limits"), self.time_limits),
            ("where", _("Where and when"), self.where),
            ("basis", _("Legal basis"), self.basis),
        ]
        return [
            (key, str(heading), [_read(line) for line in lines]) for key, heading, lines in parts if lines
        ]


def _read(line: Line) -> str:
    return line() if callable(line) else str(line)


@dataclass(frozen=True)
class PortalService:
    key: str  # unique; the guide's address: /core/guides/<key>/
    title: str | Promise
    summary: str | Promise
    icon: str  # a Tabler icon name
    url_name: str  # the page the service starts on (no arguments)
    # Who may start it; None: anyone, signed in or not.
    permission: str | None
    guide: Guide | None = None
    order: int = 100
    # The portal roles whose home shows the tile (empty: every role that may start it).
    roles: frozenset[str] = frozenset()

    @property
    def url(self) -> str:
        return reverse(self.url_name)

    @property
    def public(self) -> bool:
        return self.permission is None

    def may_start(self, user: Any) -> bool:
        if self.permission is None:
            return True
        return bool(getattr(user, "is_authenticated", False) and user.has_perm(self.permission))


_SERVICES: dict[str, PortalService] = {}


def register(service: PortalService) -> None:
    _SERVICES[service.key] = service


def all_services() -> list[PortalService]:
    return sorted(_SERVICES.values(), key=lambda s: (s.order, s.key))


def get(key: str) -> PortalService | None:
    return _SERVICES.get(key)


def services_for(user: Any) -> list[PortalService]:
    """The tiles of ``user``'s portal home: the services they may start, in order."""
    role = getattr(user, "role", "")
    return [s for s in all_services() if s.may_start(user) and (not s.roles or role in s.roles)]


def public_services() -> list[PortalService]:
    """The services anyone may use without signing in (the public pages' header and the login page)."""
    return [s for s in all_services() if s.public]
