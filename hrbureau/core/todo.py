"""My to-do (mechanism 3): each app registers a provider of what a user's units must act on.

A provider is ``fn(user) -> list[TodoItem]``; the workbench merges them, soonest due first. The
workflow core (issue 4) registers the case-based provider; until a business line is installed the list
is honestly empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: str
    due: dt.date | None = None
    overdue: bool = False
    unit: str = ""


Provider = Callable[[Any], list[TodoItem]]
_PROVIDERS: dict[str, Provider] = {}


def register(name: str, provider: Provider) -> None:
    _PROVIDERS[name] = provider


def todo_items(*, user: Any, kind: str | None = None) -> list[TodoItem]:
    items: list[TodoItem] = []
    for name, provider in _PROVIDERS.items():
        if kind and kind != name:
            continue
        items.extend(provider(user))
    return sorted(items, key=lambda item: (item.due is None, item.due or dt.date.max, item.title))


def providers() -> list[str]:
    return sorted(_PROVIDERS)
