"""Hearings and appointments moved onto the workflow core (arbitration 0012, 0013): a database from
before keeps every row in its state, at version 0, each with the first event of its history; going back
removes exactly those events and keeps the rows."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("arbitration", "0011_text_index")]
AFTER = [("arbitration", "0013_hearing_appointment_history")]


def _migrate(targets: list[tuple[str, str]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return MigrationExecutor(connection).loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db: Any, world: Any) -> Any:
    apps = _migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_every_hearing_and_appointment_is_kept_with_its_first_event(before: Any, world: Any) -> None:
    apps = before
    A = lambda name: apps.get_model("arbitration", name)  # noqa: E731
    clerk = world.users["arbitration_clerk"]
    dispute = A("Dispute").objects.create(
        state="scheduled", channel="counter", facts="欠薪", filed_on=dt.date(2026, 3, 2)
    )
    room = A("HearingRoom").objects.create(name="迁移仲裁庭")
    at = timezone.now() + dt.timedelta(days=9)
    states = ["booked", "held", "postponed", "cancelled"]
    for n, state in enumerate(states):
        A("Hearing").objects.create(
            dispute=dispute,
            room=room,
            starts_at=at + dt.timedelta(hours=3 * n),
            ends_at=at + dt.timedelta(hours=3 * n + 2),
            state=state,
            booked_by_id=clerk.pk,
        )
    slot = A("AppointmentSlot").objects.create(day=dt.date(2026, 12, 20), starts=dt.time(9), ends=dt.time(10))
    for n, state in enumerate(["booked", "attended", "cancelled"]):
        A("Appointment").objects.create(
            number=f"YY-M{n}",
            slot=slot,
            service="filing",
            name="居民",
            phone="13800138000",
            user_id=clerk.pk,
            state=state,
        )

    apps = _migrate(AFTER)
    Hearing, Appointment = (
        apps.get_model("arbitration", "Hearing"),
        apps.get_model("arbitration", "Appointment"),
    )
    CaseEvent = apps.get_model("core", "CaseEvent")
    assert sorted(Hearing.objects.values_list("state", flat=True)) == sorted(states)
    assert set(Hearing.objects.values_list("version", flat=True)) == {0}
    assert Appointment.objects.count() == 3
    events = CaseEvent.objects.filter(case_type="arbitration.hearing", name="create")
    assert sorted(events.values_list("to_state", flat=True)) == sorted(states)
    assert set(events.values_list("actor_id", flat=True)) == {clerk.pk}
    assert set(events.values_list("actor_name", flat=True)) == {clerk.get_full_name()}
    assert CaseEvent.objects.filter(case_type="arbitration.appointment", name="create").count() == 3

    apps = _migrate(BEFORE)
    assert apps.get_model("arbitration", "Hearing").objects.count() == 4
    assert apps.get_model("arbitration", "Appointment").objects.count() == 3
    assert (
        not apps.get_model("core", "CaseEvent").objects.filter(case_type__startswith="arbitration.h").exists()
    )
