"""The default way the HR-service industry's reporting enterprises report [practice, configurable]:
monthly, due 10 working days after the month ends. Administrators change it by adding a row from a new
date; the reverse removes only the row installed here."""

import datetime as dt

from django.db import migrations

SOURCE = "默认设置（人力资源服务业统计报表，可在后台调整）"


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    setting = apps.get_model("hrmarket", "ReportingSetting")
    setting.objects.get_or_create(
        valid_from=dt.date(2020, 1, 1),
        defaults={"frequency": "monthly", "due_working_days": 10, "source": SOURCE},
    )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("hrmarket", "ReportingSetting").objects.filter(source=SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("hrmarket", "0006_industry_reports")]

    operations = [migrations.RunPython(create, remove)]
