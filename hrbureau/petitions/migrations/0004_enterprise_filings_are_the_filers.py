"""Orders an enterprise filed on its own portal were stored with the enterprise as the "enterprise
concerned", which let it be mistaken for the party complained about (and counted as a complaint about
it). They now name the enterprise as the one that raised them."""

from django.db import migrations
from django.db.models import F


def forward(apps, schema_editor):  # type: ignore[no-untyped-def]
    work_order = apps.get_model("petitions", "WorkOrder")
    work_order.objects.filter(
        created_by__role="enterprise",
        enterprise_id__isnull=False,
        enterprise_id=F("created_by__enterprise_id"),
        filer_enterprise_id__isnull=True,
    ).update(filer_enterprise_id=F("enterprise_id"))
    work_order.objects.filter(filer_enterprise_id__isnull=False, enterprise_id=F("filer_enterprise_id")).update(
        enterprise_id=None
    )


def backward(apps, schema_editor):  # type: ignore[no-untyped-def]
    work_order = apps.get_model("petitions", "WorkOrder")
    work_order.objects.filter(filer_enterprise_id__isnull=False, enterprise_id__isnull=True).update(
        enterprise_id=F("filer_enterprise_id")
    )
    work_order.objects.filter(filer_enterprise_id__isnull=False).update(filer_enterprise_id=None)


class Migration(migrations.Migration):
    dependencies = [("petitions", "0003_filer_reply_receipt_repeat_category_en")]

    operations = [migrations.RunPython(forward, backward)]
