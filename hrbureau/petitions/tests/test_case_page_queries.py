"""A case page costs the same number of queries whatever its history (200 more events and comments), for
staff and for the party on the portal."""

from __future__ import annotations

from typing import Any

import pytest

from hrbureau.tests.casepage import grow, queries_of

pytestmark = pytest.mark.django_db


def test_a_work_orders_page_does_not_grow_with_its_history(world: Any, office: dict[str, Any]) -> None:
    from hrbureau.petitions.tests.factories import make_order

    order = make_order(
        actor=world.users["individual"],
        category=office["categories"]["wages"],
        person=world.people["a1"],
        enterprise=world.enterprises["a1"],
    )
    staff_url, portal_url = f"/petitions/{order.pk}/", f"/petitions/mine/{order.pk}/"
    before = (queries_of(office["staff"], staff_url), queries_of(world.users["individual"], portal_url))
    grow(order, 200, office["staff"])
    after = (queries_of(office["staff"], staff_url), queries_of(world.users["individual"], portal_url))
    assert after == before
