"""Policy test helpers: a published item, made as the library makes one (the publication on the workflow
core is the library's), and the payout time limit back in force after a test changed it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from hrbureau.policies.choices import DeliveryKind, ItemState
from hrbureau.policies.models import PolicyItem, TimeLimit

_numbers = iter(range(1, 1_000_000))


def published_item(*, kind: str = DeliveryKind.APPLY, **fields: Any) -> PolicyItem:
    """A published item with its claim guide (state set directly: publishing is the library's workflow)."""
    defaults: dict[str, Any] = {
        "number": f"T-{next(_numbers):04d}",
        "title": "稳岗补贴",
        "kind": kind,
        "state": ItemState.PUBLISHED,
        "amount_rule": "fixed",
        "amount": Decimal("5000.00"),
        "grant_period": "year",
        "approval_levels": 1,
        "guide_materials": "营业执照",
        "guide_steps": "线上申请",
        "guide_where": "区人社局",
        "guide_contact": "12333",
        "published_on": dt.date(2026, 1, 5),
    }
    defaults.update(fields)
    return PolicyItem.objects.create(**defaults)


@pytest.fixture
def item(world: Any) -> PolicyItem:
    return published_item(department=world.units["labour_relations"])


@pytest.fixture
def payout_days() -> Any:
    """Set the payout limit to ``days`` working days from 2026 (a short one makes dates checkable)."""

    def set_days(days: int) -> None:
        TimeLimit.objects.create(key="payout", valid_from=dt.date(2026, 1, 1), days=days, day_kind="working")

    return set_days
