from django.db import migrations


class Migration(migrations.Migration):
    """The app's first migration; each part of the line adds its records in its own."""

    initial = True
    dependencies: list = []
    operations: list = []
