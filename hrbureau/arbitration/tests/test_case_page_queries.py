"""A case page costs the same number of queries whatever its history (200 more events and comments), for
staff and for the party on the portal."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from hrbureau.tests.casepage import grow, queries_of

pytestmark = pytest.mark.django_db


def test_a_disputes_page_does_not_grow_with_its_history(world: Any, arb: dict[str, Any]) -> None:
    from hrbureau.arbitration.tests.conftest import accepted

    dispute = accepted(world, arb)
    staff_url, portal_url = f"/arbitration/{dispute.pk}/", f"/arbitration/mine/{dispute.pk}/"
    before = (queries_of(arb["clerk"], staff_url), queries_of(world.users["individual"], portal_url))
    grow(dispute, 200, arb["clerk"])
    after = (queries_of(arb["clerk"], staff_url), queries_of(world.users["individual"], portal_url))
    assert after == before


def test_a_disputes_page_does_not_grow_with_its_hearings(world: Any, arb: dict[str, Any]) -> None:
    """Each hearing is shown with its actions (postpone, cancel): 1 hearing or 40, booked or postponed,
    with their histories, cost the same queries."""
    import datetime as dt

    from django.utils import timezone

    from hrbureau.arbitration.models import Hearing
    from hrbureau.arbitration.tests.conftest import accepted
    from hrbureau.core.workflow import create_case, transition

    dispute = accepted(world, arb)
    starts = timezone.now() + dt.timedelta(days=10)

    def book(n: int) -> Hearing:
        at = starts + dt.timedelta(hours=3 * n)
        hearing = Hearing(dispute=dispute, room=arb["room"], starts_at=at, ends_at=at + dt.timedelta(hours=2))
        create_case(hearing, actor=arb["clerk"])
        return hearing

    book(0)
    url = f"/arbitration/{dispute.pk}/"
    before = queries_of(arb["clerk"], url)
    for n in range(1, 40):
        hearing = book(n)
        if n % 2:
            transition(hearing, "postpone", actor=arb["clerk"], reason="改期")
        grow(hearing, 5, arb["clerk"])
    assert Hearing.objects.filter(dispute=dispute).count() == 40
    page = Client()
    page.force_login(arb["clerk"])
    assert page.get(url).content.decode().count('data-testid="record-actions"') == 20
    assert queries_of(arb["clerk"], url) == before
