"""Work orders on the timelines of the enterprise and the person they are about (``core.timeline``):
the reader sees only the orders they may see, each linked, newest first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrbureau.core.timeline import timeline_for
from hrbureau.petitions.tests.factories import make_order


def _titles(user: Any, record: Any) -> list[str]:
    return [entry.title for entry in timeline_for(user=user, record=record) if entry.icon == "headset"]


def test_an_enterprises_work_orders_are_on_its_timeline(
    world: Any, office: dict[str, Any], client: Any
) -> None:
    enterprise = world.enterprises["a1"]
    older = make_order(
        category=office["categories"]["wages"],
        enterprise=enterprise,
        street=world.units["street-a"],
        day=dt.date(2026, 3, 2),
    )
    newer = make_order(
        category=office["categories"]["wages"],
        enterprise=enterprise,
        street=world.units["street-a"],
        day=dt.date(2026, 4, 1),
    )
    make_order(category=office["categories"]["wages"], enterprise=world.enterprises["b1"])  # another's
    entries = [e for e in timeline_for(user=office["staff"], record=enterprise) if e.icon == "headset"]
    assert [e.url for e in entries] == [f"/petitions/{newer.pk}/", f"/petitions/{older.pk}/"]
    assert entries[0].title == f"Work order {newer.number} · Registered"
    assert entries[0].detail == newer.title

    client.force_login(office["staff"])
    client.cookies["hrbureau_language"] = "zh-hans"
    body = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    timeline = body[body.index('data-testid="timeline"') :]
    assert f'<a href="/petitions/{newer.pk}/">工单 {newer.number} · 登记</a>' in timeline


def test_the_reader_sees_only_the_orders_they_may_see(world: Any, office: dict[str, Any]) -> None:
    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.models import User

    enterprise = world.enterprises["a1"]
    make_order(category=office["categories"]["wages"], enterprise=enterprise, street=world.units["street-a"])
    street_b = User.objects.create_user(
        username="jd_b", password="Secret#2026", role=Role.STREET_STAFF, org_unit=world.units["street-b"]
    )
    assert len(_titles(office["staff"], enterprise)) == 1
    assert len(_titles(world.users["street_staff"], enterprise)) == 1  # street A's own order
    assert _titles(street_b, enterprise) == []  # another street's order
    assert _titles(world.users["grid_worker"], enterprise) == []  # no right to see work orders


def test_a_persons_work_orders_are_on_their_timeline(world: Any, office: dict[str, Any]) -> None:
    person = world.people["a1"]
    order = make_order(category=office["categories"]["enquiry"], person=person)
    make_order(category=office["categories"]["enquiry"], person=world.people["b1"])
    entries = [e for e in timeline_for(user=office["staff"], record=person) if e.icon == "headset"]
    assert [e.url for e in entries] == [f"/petitions/{order.pk}/"]
