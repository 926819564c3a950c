from django.db import migrations

# DOMAIN.md §3 [practice, configurable]: a reminder the day before the due date, a formal reminder
# notice (催办) the day after it passes, supervision (督办) with leadership told after 4 days overdue.
LADDER = (
    (1, "reminder", -1, False),
    (2, "urge", 1, False),
    (3, "supervise", 4, True),
)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    step = apps.get_model("core", "SupervisionStep")
    for level, name, offset, leaders in LADDER:
        step.objects.get_or_create(
            level=level, defaults={"name": name, "offset_days": offset, "notify_leadership": leaders}
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("core", "SupervisionStep").objects.filter(level__in=[row[0] for row in LADDER]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0005_workflow_core")]

    operations = [migrations.RunPython(create, remove)]
