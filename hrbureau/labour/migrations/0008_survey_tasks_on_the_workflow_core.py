"""Survey tasks move onto the workflow core (issue 16): a version for the conditional update, the unit that
must act, and timestamps. A schema step; the rows' values and first events are written by 0009."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_login_failure_tally"),
        ("labour", "0007_text_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="samplemember",
            name="assigned_unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.orgunit",
                verbose_name="assigned unit",
            ),
        ),
        migrations.AddField(
            model_name="samplemember",
            name="assigned_user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="assigned person",
            ),
        ),
        migrations.AddField(
            model_name="samplemember",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_index=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="samplemember",
            name="due_on",
            field=models.DateField(blank=True, null=True, verbose_name="due"),
        ),
        migrations.AddField(
            model_name="samplemember",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddField(
            model_name="samplemember",
            name="version",
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name="version"),
        ),
        migrations.AlterField(
            model_name="samplemember",
            name="state",
            field=models.CharField(
                choices=[("pending", "To survey"), ("done", "Surveyed"), ("unreachable", "Could not be surveyed")],
                db_index=True,
                default="pending",
                max_length=30,
                verbose_name="state",
            ),
        ),
    ]
