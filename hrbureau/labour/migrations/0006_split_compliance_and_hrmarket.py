"""Labour split by business line (issue 16): employer compliance (the register, grades and the honest
employer list, trainings, consultations and legal experts) moves to ``compliance``, HR-service agencies
to ``hrmarket``. Their tables keep every row: they are renamed to the new app's names here, and the
new apps' first migrations take the models over in Django's state (``compliance`` 0001, ``hrmarket``
0001), then move content types, permissions and every reference by label (``0002_relabel``)."""

from django.db import migrations, models

MOVED = {
    # model: new table
    "objection": "compliance_objection",
    "employergrade": "compliance_employergrade",
    "evaluation": "compliance_evaluation",
    "labourrecord": "compliance_labourrecord",
    "attendance": "compliance_attendance",
    "complianceevent": "compliance_complianceevent",  # and its experts table with it
    "legalexpert": "compliance_legalexpert",
    "enforcementaction": "hrmarket_enforcementaction",
    "hragency": "hrmarket_hragency",
}


class Migration(migrations.Migration):
    dependencies = [
        ("labour", "0005_lean_scores"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The order of the deletions: a model before the models it refers to.
            state_operations=[migrations.DeleteModel(name) for name in MOVED],
            database_operations=[migrations.AlterModelTable(name, table) for name, table in MOVED.items()],
        ),
        migrations.AlterField(
            model_name="timelimit",
            name="key",
            field=models.CharField(
                choices=[
                    ("resolve_minor", "Resolve a minor risk"),
                    ("resolve_serious", "Resolve a serious risk"),
                    ("resolve_major", "Resolve a major risk"),
                    ("resolve_severe", "Resolve a severe risk"),
                    ("verify", "Verify a resolution"),
                    ("rework", "Resolve again after a failed verification"),
                ],
                max_length=30,
                verbose_name="time limit",
            ),
        ),
    ]
