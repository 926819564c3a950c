"""Each agency registered before the workflow core gets its known history as events (issue 16): its
registration, and each suspension or revocation recorded against it, by who recorded it. Rows are only
added; the agency's status itself was kept by the rename in 0003."""

from django.db import migrations

LABEL = "hrmarket.hragency"
STEP = {"suspension": ("suspend", "suspended"), "revocation": ("revoke", "revoked")}


def forward(apps, schema_editor):
    HRAgency = apps.get_model("hrmarket", "HRAgency")
    EnforcementAction = apps.get_model("hrmarket", "EnforcementAction")
    CaseEvent = apps.get_model("core", "CaseEvent")
    User = apps.get_model("accounts", "User")
    known = set(CaseEvent.objects.filter(case_type=LABEL).values_list("case_id", flat=True))
    names = {u.pk: u.full_name or u.username for u in User.objects.all()}
    events = []
    for agency in HRAgency.objects.exclude(pk__in=known).order_by("pk"):
        events.append(
            CaseEvent(
                case_type=LABEL,
                case_id=agency.pk,
                name="create",
                from_state="",
                to_state="licensed",
                data={"licence_no": agency.licence_no, "before_events": True},
            )
        )
        state = "licensed"
        sanctions = EnforcementAction.objects.filter(agency=agency, kind__in=STEP).order_by("taken_on", "pk")
        for action in sanctions:
            name, target = STEP[action.kind]
            if state == "revoked":
                break
            events.append(
                CaseEvent(
                    case_type=LABEL,
                    case_id=agency.pk,
                    name=name,
                    from_state=state,
                    to_state=target,
                    actor_id=action.recorded_by_id,
                    actor_name=names.get(action.recorded_by_id, "")[:150],
                    reason=action.description,
                    data={"on": action.taken_on.isoformat(), "decision_no": action.decision_no, "before_events": True},
                )
            )
            state = target
    CaseEvent.objects.bulk_create(events, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("hrmarket", "0003_licence_status_is_the_state"),
        ("core", "0005_workflow_core"),
        ("accounts", "0001_initial"),
    ]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]  # events are append-only
