"""A case page costs the same number of queries whatever its history (200 more events and comments), for
staff and for the party on the portal."""

from __future__ import annotations

from typing import Any

import pytest

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
