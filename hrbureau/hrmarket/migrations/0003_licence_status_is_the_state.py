"""The agency's licence status becomes the state of a workflow case (issue 16): the column is renamed,
not dropped, so every agency keeps its status; the case's version and assignment columns are added."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_login_failure_tally'),
        ('hrmarket', '0002_relabel'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameField(model_name='hragency', old_name='status', new_name='state'),
        migrations.AlterField(
            model_name='hragency',
            name='state',
            field=models.CharField(choices=[('licensed', 'Licensed'), ('suspended', 'Suspended'), ('revoked', 'Licence revoked')], db_index=True, default='licensed', max_length=30, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='hragency',
            name='assigned_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name='assigned unit'),
        ),
        migrations.AddField(
            model_name='hragency',
            name='assigned_user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assigned person'),
        ),
        migrations.AddField(
            model_name='hragency',
            name='due_on',
            field=models.DateField(blank=True, null=True, verbose_name='due'),
        ),
        migrations.AddField(
            model_name='hragency',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='version'),
        ),
    ]
