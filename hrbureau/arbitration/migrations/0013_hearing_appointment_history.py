"""Hearings and appointments now change state only through the workflow core (arbitration.hearings and
arbitration.appointments). Every row is kept as it is (in its state, at version 0); each is given the
first event of its history — its booking, by whom and when — so that its timeline starts where the
record does. Going back removes exactly those events."""

from typing import Any

from django.db import migrations

BATCH = 2000


def _first_events(apps: Any, model_name: str, case_type: str, actor_field: str) -> None:
    Model = apps.get_model("arbitration", model_name)
    CaseEvent = apps.get_model("core", "CaseEvent")
    User = apps.get_model("accounts", "User")
    names: dict[int, str] = {}
    rows = Model.objects.order_by("pk").values_list("pk", "state", actor_field, "created_at")
    batch = []
    for pk, state, actor_id, created_at in rows.iterator(chunk_size=BATCH):
        if actor_id is not None and actor_id not in names:
            user = User.objects.filter(pk=actor_id).values_list("full_name", "username").first()
            names[actor_id] = (user[0] or user[1]) if user else ""
        batch.append(
            CaseEvent(
                case_type=case_type,
                case_id=pk,
                name="create",
                from_state="",
                to_state=state,
                actor_id=actor_id,
                actor_name=names.get(actor_id, "")[:150] if actor_id is not None else "",
                data={"migrated": True, "booked_at": created_at.isoformat() if created_at else None},
            )
        )
        if len(batch) >= BATCH:
            CaseEvent.objects.bulk_create(batch)
            batch = []
    CaseEvent.objects.bulk_create(batch)


def forwards(apps: Any, schema_editor: Any) -> None:
    _first_events(apps, "Hearing", "arbitration.hearing", "booked_by_id")
    _first_events(apps, "Appointment", "arbitration.appointment", "user_id")


def backwards(apps: Any, schema_editor: Any) -> None:
    CaseEvent = apps.get_model("core", "CaseEvent")
    # The historical model's manager is a plain one: the append-only rule is the application's, and
    # these are the rows this migration wrote.
    CaseEvent.objects.filter(
        case_type__in=["arbitration.hearing", "arbitration.appointment"], name="create", data__migrated=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("arbitration", "0012_hearings_appointments_on_workflow"),
        ("core", "0010_import_checks_and_heartbeat"),
        ("accounts", "0003_login_failure_tally"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
