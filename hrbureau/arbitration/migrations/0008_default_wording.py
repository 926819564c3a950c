"""The default wording of the commission's documents, as rows administrators reword from a date."""

import datetime as dt

from django.db import migrations

from hrbureau.arbitration.wording import DEFAULT_WORDING


def create(apps, schema_editor):
    DocumentWording = apps.get_model("arbitration", "DocumentWording")
    for key, text in DEFAULT_WORDING.items():
        DocumentWording.objects.get_or_create(
            key=key,
            valid_from=dt.date(2008, 5, 1),
            defaults={"text": text, "source": "劳动人事争议仲裁文书样式（本系统默认）"},
        )


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0007_document_wording")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
