"""The navigation registry: each app registers its menu entries; each user sees those they may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    icon: str  # a Tabler icon name, e.g. "building"
    permission: str
    order: int = 100
    # "workbench" items appear in the staff sidebar, "portal" ones in the public portal's menu.
    area: str = "workbench"

    @property
    def url(self) -> str:
        # Navigation targets have no arguments: reverse each once per process, not on every page.
        cached = _URLS.get(self.url_name)
        if cached is None:
            cached = _URLS[self.url_name] = reverse(self.url_name)
        return cached


_ITEMS: dict[str, NavItem] = {}
_URLS: dict[str, str] = {}


def register(item: NavItem) -> None:
    _ITEMS[item.key] = item


def items_for(user: Any, *, area: str) -> list[NavItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    return sorted(
        (item for item in _ITEMS.values() if item.area == area and user.has_perm(item.permission)),
        key=lambda item: (item.order, item.key),
    )


def all_items() -> list[NavItem]:
    return list(_ITEMS.values())


# --- the counts beside "My to-do" and "Messages" ---------------------------------------------------

COUNTS_SECONDS = 30  # a badge may lag this long behind other people's actions, never behind one's own


def _counts_key(user: Any) -> str:
    return f"nav-counts:{user.pk}"


def counts_for(user: Any) -> dict[str, int]:
    """The navigation badges of ``user``, counted at most every COUNTS_SECONDS: counting a unit's to-do
    in millions of orders on every page view would cost more than the page itself."""
    from django.core.cache import cache

    from hrbureau.core import notifications, todo

    def count() -> dict[str, int]:
        unread = notifications.unread_count(user)
        counts = {"inbox": unread, "portal_inbox": unread}
        if user.has_perm("core.use_workbench"):
            counts["todo"] = todo.todo_count(user)
        return counts

    if not getattr(user, "is_authenticated", False):
        return {}
    counts: dict[str, int] = cache.get_or_set(_counts_key(user), count, COUNTS_SECONDS) or {}
    return counts


def forget_counts(user: Any) -> None:
    """Recount ``user``'s badges on their next page (after they acted or read their messages)."""
    from django.core.cache import cache

    if getattr(user, "is_authenticated", False):
        cache.delete(_counts_key(user))
