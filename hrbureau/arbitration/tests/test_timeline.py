"""Disputes on the timelines of the enterprises and people who are parties to them (``core.timeline``),
for readers who may see disputes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrbureau.arbitration.tests.conftest import applicant, file, respondent
from hrbureau.core.timeline import timeline_for


def _disputes(user: Any, record: Any) -> list[Any]:
    return [entry for entry in timeline_for(user=user, record=record) if entry.icon == "scale"]


def test_a_dispute_is_on_its_parties_timelines(world: Any, arb: dict[str, Any]) -> None:
    person, enterprise = world.people["a1"], world.enterprises["a2"]
    older = file(world, arb, day=dt.date(2026, 3, 2))
    newer = file(world, arb, day=dt.date(2026, 3, 9))
    other = file(
        world,
        arb,
        parties=[applicant(name="别人"), respondent(world.enterprises["b1"])],
        day=dt.date(2026, 3, 10),
    )
    on_enterprise = _disputes(arb["clerk"], enterprise)
    assert [e.url for e in on_enterprise] == [f"/arbitration/{newer.pk}/", f"/arbitration/{older.pk}/"]
    assert on_enterprise[0].title == f"Labour dispute {newer.number} · Filed"
    assert on_enterprise[0].detail == "Amount claimed: 12000.00"
    assert [e.url for e in _disputes(arb["clerk"], person)] == [e.url for e in on_enterprise]
    assert f"/arbitration/{other.pk}/" not in [e.url for e in _disputes(arb["clerk"], enterprise)]


def test_readers_without_the_right_to_see_disputes_see_none(world: Any, arb: dict[str, Any]) -> None:
    file(world, arb)
    enterprise = world.enterprises["a2"]
    assert len(_disputes(world.users["leader"], enterprise)) == 1
    assert _disputes(world.users["dept_staff"], enterprise) == []  # labour relations: no dispute files
    assert _disputes(world.users["grid_worker"], enterprise) == []


def test_the_enterprise_page_links_its_disputes_in_chinese(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = file(world, arb)
    client.force_login(world.users["leader"])
    client.cookies["hrbureau_language"] = "zh-hans"
    body = client.get(f"/enterprises/{world.enterprises['a2'].pk}/").content.decode()
    timeline = body[body.index('data-testid="timeline"') :]
    assert f'<a href="/arbitration/{dispute.pk}/">劳动争议 {dispute.number} · 已申请</a>' in timeline
    assert "请求金额：12000.00" in timeline
