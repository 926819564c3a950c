"""Each evaluation graded before the workflow core gets the steps it is known to have taken as events
(issue 16): its grading by who graded it, and — when it went further — its notice and publication, whose
actor was not recorded then (the event says so by having none). Rows are only added."""

from django.db import migrations

LABEL = "compliance.evaluation"


def forward(apps, schema_editor):
    Evaluation = apps.get_model("compliance", "Evaluation")
    CaseEvent = apps.get_model("core", "CaseEvent")
    User = apps.get_model("accounts", "User")
    known = set(CaseEvent.objects.filter(case_type=LABEL).values_list("case_id", flat=True))
    names = {u.pk: u.full_name or u.username for u in User.objects.all()}
    events = []
    for evaluation in Evaluation.objects.exclude(pk__in=known).order_by("pk"):
        events.append(
            CaseEvent(
                case_type=LABEL,
                case_id=evaluation.pk,
                name="create",
                from_state="",
                to_state="draft",
                actor_id=evaluation.created_by_id,
                actor_name=names.get(evaluation.created_by_id, "")[:150],
                data={"year": evaluation.year, "before_events": True},
            )
        )
        if evaluation.state in ("notice", "published"):
            events.append(
                CaseEvent(
                    case_type=LABEL,
                    case_id=evaluation.pk,
                    name="notice",
                    from_state="draft",
                    to_state="notice",
                    data={"on": evaluation.notice_from.isoformat() if evaluation.notice_from else None,
                          "before_events": True},
                )
            )
        if evaluation.state == "published":
            events.append(
                CaseEvent(
                    case_type=LABEL,
                    case_id=evaluation.pk,
                    name="publish",
                    from_state="notice",
                    to_state="published",
                    data={"on": evaluation.published_on.isoformat() if evaluation.published_on else None,
                          "before_events": True},
                )
            )
    CaseEvent.objects.bulk_create(events, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0003_evaluation_is_a_case"), ("core", "0005_workflow_core"), ("accounts", "0001_initial")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]  # events are append-only
