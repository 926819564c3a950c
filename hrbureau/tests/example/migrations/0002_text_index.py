from django.db import migrations

from hrbureau.core.textsearch import TextIndex, create_text_index, drop_text_index

INDEX = TextIndex("example_demand", ("number", "title"))


def forward(apps, schema_editor):
    create_text_index(schema_editor, INDEX)


def backward(apps, schema_editor):
    drop_text_index(schema_editor, INDEX)


class Migration(migrations.Migration):
    dependencies = [("example", "0001_initial")]
    operations = [migrations.RunPython(forward, backward)]
