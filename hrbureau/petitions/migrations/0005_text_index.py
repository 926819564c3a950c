"""The work-order list's search through the Chinese text index (core.textsearch): numbers, title and
the name of who raised it, by pg_trgm or an SQLite FTS5 trigram table. A schema step: it adds no rows."""

from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEX = TextIndex("petitions_workorder", ("number", "external_no", "title", "petitioner_name"))


def forward(apps, schema_editor):
    create_text_index(schema_editor, INDEX)


def backward(apps, schema_editor):
    drop_text_index(schema_editor, INDEX)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0004_enterprise_filings_are_the_filers")]
    operations = [migrations.RunPython(forward, backward)]
