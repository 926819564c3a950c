"""The agency list's search through the Chinese text index (core.textsearch): the licence number, by
pg_trgm or an SQLite FTS5 trigram table. A schema step: it adds no rows."""

from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEX = TextIndex("hrmarket_hragency", ("licence_no",))


def forward(apps, schema_editor):
    create_text_index(schema_editor, INDEX)


def backward(apps, schema_editor):
    drop_text_index(schema_editor, INDEX)


class Migration(migrations.Migration):
    dependencies = [("hrmarket", "0004_agency_events")]
    operations = [migrations.RunPython(forward, backward)]
