"""A record's timeline (``core.timeline``): every provider's entries merged, newest first, the newest
``LIMIT`` of them all — however the providers' entries interleave."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.core import timeline
from hrbureau.core.timeline import LIMIT, TimelineEntry, day_start, timeline_for


def test_the_newest_entries_of_all_providers_are_shown(db: Any, monkeypatch: Any) -> None:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory

    start = timezone.now()

    def every_hour(name: str, offset: int) -> Any:
        # A provider that has far more than a page: one entry every two hours, newest first.
        def provider(user: Any, record: Any) -> list[TimelineEntry]:
            return [
                TimelineEntry(at=start - dt.timedelta(hours=2 * i + offset), title=f"{name}{i}")
                for i in range(LIMIT)
            ]

        return provider

    monkeypatch.setattr(
        timeline, "_PROVIDERS", {"enterprises.Enterprise": [every_hour("甲", 0), every_hour("乙", 1)]}
    )
    entries = timeline_for(user=None, record=EnterpriseFactory())
    assert len(entries) == LIMIT
    assert [e.title for e in entries[:4]] == ["甲0", "乙0", "甲1", "乙1"]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    assert entries[-1].title == f"乙{LIMIT // 2 - 1}"


def test_a_dated_event_sorts_as_the_start_of_its_day(settings: Any) -> None:
    start = day_start(dt.date(2026, 3, 2))
    assert timezone.is_aware(start)
    assert timezone.localtime(start).replace(tzinfo=None) == dt.datetime(2026, 3, 2, 0, 0)
    assert str(timezone.localtime(start).tzinfo) == settings.TIME_ZONE
