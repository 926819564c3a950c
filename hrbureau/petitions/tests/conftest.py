from __future__ import annotations

from typing import Any

import pytest

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.petitions.tests.factories import categories


@pytest.fixture
def office(world: Any) -> dict[str, Any]:
    """The petitions office's people and the test categories."""
    _default_time_limits()
    unit = world.units["petitions"]
    staff = User.objects.create_user(
        username="xf_staff",
        password="Secret#2026",
        role=Role.DEPT_STAFF,
        org_unit=unit,
        full_name="信访办科员",
    )
    head = User.objects.create_user(
        username="xf_head", password="Secret#2026", role=Role.DEPT_HEAD, org_unit=unit, full_name="信访办主任"
    )
    return {"staff": staff, "head": head, "unit": unit, "categories": categories()}


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    """Assertions below match the English source messages (the Chinese ones are checked by lint)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def _default_time_limits() -> None:
    """The limits the data migration installs: a transactional test (live server, two connections)
    empties every table afterwards, so the next such test puts them back the way the migration does."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("hrbureau.petitions.migrations.0002_default_time_limits")
    migration.create(apps, None)
