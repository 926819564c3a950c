"""Every survey task keeps its row and gets the history the workflow core keeps for a case: drawn when its
sample was drawn (the first event), surveyed or not when and by whom it was recorded, and the grid it
lies in as the unit that must act. Reversible: going back deletes only these events."""

from django.db import migrations

CASE_TYPE = "labour.samplemember"
BATCH = 2000


def forward(apps, schema_editor):
    SampleMember = apps.get_model("labour", "SampleMember")
    CaseEvent = apps.get_model("core", "CaseEvent")
    User = apps.get_model("accounts", "User")
    names = {}
    members = SampleMember.objects.select_related("sample").order_by("id")
    last = 0
    while True:
        batch = list(members.filter(id__gt=last)[:BATCH])
        if not batch:
            break
        last = batch[-1].id
        events = []
        for m in batch:
            drawn = m.sample.created_at
            m.created_at = drawn
            m.assigned_unit_id = m.grid_id or m.street_id
            events.append(
                CaseEvent(
                    case_type=CASE_TYPE,
                    case_id=m.id,
                    name="create",
                    from_state="",
                    to_state="pending",
                    actor_id=m.sample.created_by_id,
                    data={"sample": m.sample_id},
                )
            )
            if m.state != "pending":
                m.version = 1
                if m.surveyed_by_id and m.surveyed_by_id not in names:
                    user = User.objects.filter(pk=m.surveyed_by_id).first()
                    names[m.surveyed_by_id] = (user.full_name if user else "")[:150]
                events.append(
                    CaseEvent(
                        case_type=CASE_TYPE,
                        case_id=m.id,
                        name="survey" if m.state == "done" else "unreachable",
                        from_state="pending",
                        to_state=m.state,
                        actor_id=m.surveyed_by_id,
                        actor_name=names.get(m.surveyed_by_id, ""),
                        reason=m.note if m.state == "unreachable" else "",
                        data={"on": m.surveyed_on.isoformat() if m.surveyed_on else None, "note": m.note},
                    )
                )
        SampleMember.objects.bulk_update(batch, ["created_at", "assigned_unit", "version"])
        CaseEvent.objects.bulk_create(events)


def backward(apps, schema_editor):
    apps.get_model("core", "CaseEvent").objects.filter(case_type=CASE_TYPE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("labour", "0008_survey_tasks_on_the_workflow_core"),
        ("core", "0005_workflow_core"),
    ]
    operations = [migrations.RunPython(forward, backward)]
