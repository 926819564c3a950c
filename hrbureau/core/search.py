"""Quick search on the workbench: each registry registers how to find its records for a user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class SearchHit:
    label: str
    url: str
    detail: str = ""


@dataclass(frozen=True)
class SearchSection:
    key: str
    title: str | Promise
    permission: str
    find: Callable[[Any, str, int], list[SearchHit]]  # (user, query, limit)
    more_url: Callable[[str], str] | None = None


_SECTIONS: dict[str, SearchSection] = {}


def register(section: SearchSection) -> None:
    _SECTIONS[section.key] = section


@dataclass(frozen=True)
class SearchResult:
    section: SearchSection
    hits: list[SearchHit]
    more_url: str


def quick_search(*, user: Any, query: str, limit: int = 8) -> list[SearchResult]:
    query = query.strip()
    if not query:
        return []
    results = []
    for section in _SECTIONS.values():
        if user.has_perm(section.permission):
            more = section.more_url(query) if section.more_url else ""
            results.append(SearchResult(section, section.find(user, query, limit), more))
    return results
