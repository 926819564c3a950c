"""Fewer indexes on the enterprise table: every index costs each imported row a write.

The single-column street and grid indexes are covered by the (street, id) and (grid, id) indexes, and the
name index (with PostgreSQL's pattern-ops twin, unused: search has its own trigram indexes) gives way to
(name, id), which serves the list's keyset order by name. The fields change in the migration state only;
the database drops the indexes by name, so SQLite does not rebuild the table (a rebuild would drop the
full-text triggers).
"""

import django.db.models.deletion
from django.db import migrations, models

DROPPED = (
    "enterprises_enterprise_grid_id_3dc0ded3",
    "enterprises_enterprise_street_id_e827ad82",
    "enterprises_enterprise_name_f4bb9c0e",
    "enterprises_enterprise_name_f4bb9c0e_like",  # PostgreSQL only
)


def drop_indexes(apps, schema_editor):
    for name in DROPPED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def restore_indexes(apps, schema_editor):
    table = '"enterprises_enterprise"'
    schema_editor.execute(f'CREATE INDEX "enterprises_enterprise_grid_id_3dc0ded3" ON {table} ("grid_id")')
    schema_editor.execute(f'CREATE INDEX "enterprises_enterprise_street_id_e827ad82" ON {table} ("street_id")')
    schema_editor.execute(f'CREATE INDEX "enterprises_enterprise_name_f4bb9c0e" ON {table} ("name")')
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX "enterprises_enterprise_name_f4bb9c0e_like" ON {table} ("name" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("enterprises", "0002_text_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="enterprise",
                    name="grid",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"kind": "grid"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.orgunit",
                        verbose_name="grid",
                    ),
                ),
                migrations.AlterField(
                    model_name="enterprise",
                    name="name",
                    field=models.CharField(max_length=200, verbose_name="name"),
                ),
                migrations.AlterField(
                    model_name="enterprise",
                    name="street",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        limit_choices_to={"kind": "street"},
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="accounts.orgunit",
                        verbose_name="street",
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(drop_indexes, restore_indexes)],
        ),
        migrations.AddIndex(
            model_name="enterprise",
            index=models.Index(fields=["name", "id"], name="enterprises_name_be7b6b_idx"),
        ),
    ]
