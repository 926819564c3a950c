"""The dispute list's search through the Chinese text index (core.textsearch): the application and case
numbers, and the parties' names, by pg_trgm or SQLite FTS5 trigram tables. A schema step: no rows."""

from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEXES = (
    TextIndex("arbitration_dispute", ("number", "case_no")),
    TextIndex("arbitration_party", ("name",)),
)


def forward(apps, schema_editor):
    for index in INDEXES:
        create_text_index(schema_editor, index)


def backward(apps, schema_editor):
    for index in INDEXES:
        drop_text_index(schema_editor, index)


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0010_party_identifier_optional")]
    operations = [migrations.RunPython(forward, backward)]
