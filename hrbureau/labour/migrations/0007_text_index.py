"""The risk and inspection lists' search through the Chinese text index (core.textsearch): a risk's
number and description, an inspection's notes, by pg_trgm or SQLite FTS5 trigram tables. A schema step:
no rows."""

from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEXES = (
    TextIndex("labour_risk", ("number", "description")),
    TextIndex("labour_inspection", ("notes",)),
)


def forward(apps, schema_editor):
    for index in INDEXES:
        create_text_index(schema_editor, index)


def backward(apps, schema_editor):
    for index in INDEXES:
        drop_text_index(schema_editor, index)


class Migration(migrations.Migration):
    dependencies = [("labour", "0006_split_compliance_and_hrmarket")]
    operations = [migrations.RunPython(forward, backward)]
