"""The timeline on a registry record's page: each app registers what it knows about an enterprise or a
person (edits now; disputes, work orders, risks, applications as those lines arrive)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    title: str
    detail: str = ""
    url: str = ""
    icon: str = "point"
    dated: bool = False  # an event with a date but no time (shown as the date alone)


Provider = Callable[[Any, Any], list[TimelineEntry]]  # (user, record) -> entries the user may see
_PROVIDERS: dict[str, list[Provider]] = {}


# Entries a record's page shows (the newest), and so the most any one provider needs to give: each giving
# its newest LIMIT, the newest LIMIT of them all are among them.
LIMIT = 50


def day_start(day: dt.date) -> dt.datetime:
    """A dated event (a dispute filed, a visit) as the start of its day in the platform's time zone, so
    that it sorts among timed ones."""
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def register(model_label: str, provider: Provider) -> None:
    _PROVIDERS.setdefault(model_label, []).append(provider)


def source_of(provider: Provider) -> str:
    """The app that registered ``provider`` ("hrbureau.arbitration.timeline" → "arbitration")."""
    parts = provider.__module__.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "hrbureau" else parts[0]


def timeline_for(
    *, user: Any, record: Any, exclude: Collection[str] = (), limit: int = LIMIT
) -> list[TimelineEntry]:
    """The newest ``limit`` entries every provider gives for ``record``, newest first — but those of the
    apps in ``exclude`` (a line's page showing what the *other* lines know of an enterprise)."""
    entries: list[TimelineEntry] = []
    for provider in _PROVIDERS.get(record._meta.label, []):
        if source_of(provider) not in exclude:
            entries.extend(provider(user, record))
    return sorted(entries, key=lambda entry: entry.at, reverse=True)[:limit]
