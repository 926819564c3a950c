import datetime as dt

from django.db import migrations

# DOMAIN.md §3. The 12345 limits follow the Guangdong rules of 2022 [local, configurable]; the petition
# limits the 信访工作条例 in force from 2022-05-01 [law]; the return window is practice.
START = dt.date(2022, 1, 1)
LIMITS = (
    ("hotline.enquiry", 2, "working", "广东省12345热线工单办理规定"),
    ("hotline.help", 10, "working", "广东省12345热线工单办理规定"),
    ("hotline.suggestion", 10, "working", "广东省12345热线工单办理规定"),
    ("hotline.complaint", 15, "working", "广东省12345热线工单办理规定"),
    ("hotline.report", 15, "working", "广东省12345热线工单办理规定"),
    ("hotline.return", 2, "working", "practice"),
    ("petition.acceptance", 15, "calendar", "信访工作条例 第二十四条"),
    ("petition.handling", 60, "calendar", "信访工作条例 第三十二条"),
    ("petition.extension", 30, "calendar", "信访工作条例 第三十二条"),
    ("review.request", 30, "calendar", "信访工作条例 第三十五条"),
    ("review.answer", 30, "calendar", "信访工作条例 第三十五条"),
    ("rereview.request", 30, "calendar", "信访工作条例 第三十六条"),
    ("rereview.answer", 30, "calendar", "信访工作条例 第三十六条"),
    ("duplicate.window", 30, "calendar", "practice"),
)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    limit = apps.get_model("petitions", "TimeLimit")
    for key, days, day_kind, source in LIMITS:
        limit.objects.get_or_create(
            key=key, valid_from=START, defaults={"days": days, "day_kind": day_kind, "source": source}
        )


def remove(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("petitions", "TimeLimit").objects.filter(valid_from=START).delete()


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
