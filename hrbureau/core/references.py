"""Reference values one business line keeps and another reads (the minimum wage in force, kept by
arbitration, read by the internship subsidy), without either importing the other: the keeping line
registers a lookup in its ``ready()``, the reading line asks ``value(name, day)``.

A name nobody registered, or a lookup that finds no value in force that day, is a configuration error the
operator must fix (``ReferenceMissing``), never a silent zero."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

Lookup = Callable[[dt.date], Any]

_LOOKUPS: dict[str, Lookup] = {}


class ReferenceMissing(ImproperlyConfigured):
    """No lookup for the name, or no value in force on the day asked."""


def register(name: str, lookup: Lookup) -> None:
    """Make ``lookup(day)`` the way to read ``name``; one line keeps each name."""
    existing = _LOOKUPS.get(name)
    # The same line registering again (ready() run twice) replaces its own lookup; another line may not.
    if existing is not None and _origin(existing) != _origin(lookup):
        raise ValueError(f"reference value {name!r} registered twice")
    _LOOKUPS[name] = lookup


def _origin(lookup: Lookup) -> tuple[str, str]:
    return (getattr(lookup, "__module__", ""), getattr(lookup, "__qualname__", ""))


def registered(name: str) -> bool:
    return name in _LOOKUPS


def value(name: str, day: dt.date) -> Any:
    """The value of ``name`` in force on ``day``."""
    lookup = _LOOKUPS.get(name)
    if lookup is None:
        raise ReferenceMissing(f"no reference value {name!r} is registered (is its app installed?)")
    try:
        found = lookup(day)
    except ReferenceMissing:
        raise
    except ImproperlyConfigured as error:
        raise ReferenceMissing(f"no {name} in force on {day}: {error}") from error
    if found is None:
        raise ReferenceMissing(f"no {name} in force on {day}; add one in the administration")
    return found


def unregister(name: str) -> Lookup | None:
    """Remove a lookup (tests put a stand-in in place and restore the original)."""
    return _LOOKUPS.pop(name, None)
