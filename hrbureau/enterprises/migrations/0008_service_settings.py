"""The service setting a new installation starts with: an open plan item comes onto its officer's to-do
14 days before its due day (a local practice, editable in the admin as a dated row)."""

import datetime as dt

from django.db import migrations


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    setting = apps.get_model("enterprises", "ServiceSetting")
    if not setting.objects.exists():
        setting.objects.create(valid_from=dt.date(2020, 1, 1), soon_days=14, source="local practice")


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0007_service_plans")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
