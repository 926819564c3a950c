"""Administrator-kept names shown on pages read in English on English pages: the hearing rooms
(``name_en``, falling back to the Chinese name); the commission's documents keep the Chinese name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.arbitration.tests.conftest import accepted


def test_hearing_rooms_read_in_english_on_english_pages(world: Any, arb: dict[str, Any], client: Any) -> None:
    from hrbureau.arbitration import services

    room = arb["room2"]
    room.name_en = "Hearing room 2"
    room.save()
    dispute = accepted(world, arb)
    services.dispute_form_tribunal(
        actor=arb["clerk"],
        dispute=dispute,
        arbitrator=arb["arbitrator"],
        panel=[arb["arbitrator2"], arb["arbitrator3"]],
    )
    day = timezone.localdate() + dt.timedelta(days=9)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
    services.hearing_book(
        actor=arb["clerk"], dispute=dispute, room=room, starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    client.force_login(arb["clerk"])
    client.cookies["hrbureau_language"] = "en"
    week = client.get(f"/arbitration/rooms/?week={day.isoformat()}").content.decode()
    assert "<th>Hearing room 2<div" in week
    assert "<th>第一仲裁庭<div" in week  # no English name: the Chinese one
    detail = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert "· Hearing room 2 ·" in detail
    client.cookies["hrbureau_language"] = "zh-hans"
    assert "<th>第二仲裁庭<div" in client.get(f"/arbitration/rooms/?week={day.isoformat()}").content.decode()
