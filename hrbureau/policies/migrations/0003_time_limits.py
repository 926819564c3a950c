"""The policy line's time limits in force from the start (DOMAIN.md §5): payout within 60 working days of
a complete application; the work manual and guide within 7 working days of a new policy [configurable]."""

import datetime as dt

from django.db import migrations

SOURCE = "DOMAIN.md §5 (policy delivery practice)"


def forward(apps, schema_editor):
    TimeLimit = apps.get_model("policies", "TimeLimit")
    start = dt.date(2020, 1, 1)
    TimeLimit.objects.get_or_create(key="payout", valid_from=start, defaults={"days": 60, "day_kind": "working", "source": SOURCE})
    TimeLimit.objects.get_or_create(key="guide", valid_from=start, defaults={"days": 7, "day_kind": "working", "source": SOURCE})


def backward(apps, schema_editor):
    apps.get_model("policies", "TimeLimit").objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("policies", "0002_text_index")]
    operations = [migrations.RunPython(forward, backward)]
