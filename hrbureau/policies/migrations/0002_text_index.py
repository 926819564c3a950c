"""Chinese substring search over policy items and applications (core.textsearch)."""

from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEXES = (
    TextIndex("policies_policyitem", ("number", "title", "benefit")),
    TextIndex("policies_policyapplication", ("number",)),
)


def forward(apps, schema_editor):
    for index in INDEXES:
        create_text_index(schema_editor, index)


def backward(apps, schema_editor):
    for index in INDEXES:
        drop_text_index(schema_editor, index)


class Migration(migrations.Migration):
    dependencies = [("policies", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
