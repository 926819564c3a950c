"""The shared world of the parametrized walks: built once per module, and still a clean world per test."""

from __future__ import annotations

from typing import Any

import pytest

from hrbureau.accounts.models import User

pytestmark = pytest.mark.shared_world

SEEN: dict[str, Any] = {}


def test_a_test_writes_into_the_world(world: Any) -> None:
    SEEN["enterprise"] = world.enterprises["a1"].pk
    SEEN["users"] = User.objects.count()
    User.objects.create_user(username="written_by_a_test", password="x", role="individual")
    world.users["extra"] = world.users["leader"]
    User.objects.filter(username="leader").update(full_name="renamed")


def test_the_next_test_sees_the_same_world_without_what_the_first_wrote(world: Any) -> None:
    # pytest runs a module's tests in order; under xdist both may run on different workers, and then
    # the first wrote nothing this worker's world would keep anyway.
    if "enterprise" in SEEN:
        assert world.enterprises["a1"].pk == SEEN["enterprise"]
        assert User.objects.count() == SEEN["users"]
    assert not User.objects.filter(username="written_by_a_test").exists()
    assert "extra" not in world.users
    assert User.objects.get(username="leader").full_name == "leader"
