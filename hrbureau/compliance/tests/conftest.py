from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps


def reinstall_defaults() -> None:
    """The rows the data migration installs (a transactional test empties every table afterwards)."""
    importlib.import_module("hrbureau.compliance.migrations.0002_relabel").create(apps, None)


@pytest.fixture(autouse=True)
def _english_messages() -> Any:
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def people(world: Any) -> dict[str, Any]:
    """The people of compliance work: the labour-relations department's staff and head, who grade and
    organise, and street A's staff, who may do neither."""
    reinstall_defaults()
    return {
        "staff": world.users["dept_staff"],
        "head": world.users["dept_head"],
        "street": world.users["street_staff"],
    }
