"""HR-service agencies left labour (issue 16): their content types (and so Django's permissions on them,
and whoever holds those) and every reference to them by label follow them to ``hrmarket``."""

from django.db import migrations

from hrbureau.core.relabel import move_models

MODELS = ["HRAgency", "EnforcementAction"]


def forwards(apps, schema_editor):
    move_models(apps, old_app="labour", new_app="hrmarket", models=MODELS)


def backwards(apps, schema_editor):
    move_models(apps, old_app="hrmarket", new_app="labour", models=MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("hrmarket", "0001_initial"),
        ("core", "0010_import_checks_and_heartbeat"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
