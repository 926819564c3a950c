"""The employer evaluation becomes a workflow case (issue 16): its version and assignment columns. Every
row and its state are kept."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_login_failure_tally'),
        ('compliance', '0002_relabel'),
        ('enterprises', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='employergrade',
            name='enterprise',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='employer_grades', to='enterprises.enterprise', verbose_name='enterprise'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='assigned_unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.orgunit', verbose_name='assigned unit'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='assigned_user',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assigned person'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='due_on',
            field=models.DateField(blank=True, null=True, verbose_name='due'),
        ),
        migrations.AddField(
            model_name='evaluation',
            name='version',
            field=models.PositiveIntegerField(default=0, editable=False, verbose_name='version'),
        ),
        migrations.AlterField(
            model_name='evaluation',
            name='state',
            field=models.CharField(choices=[('draft', 'Graded, not yet on notice'), ('notice', 'On public notice'), ('published', 'Published')], db_index=True, max_length=30, verbose_name='state'),
        ),
    ]
