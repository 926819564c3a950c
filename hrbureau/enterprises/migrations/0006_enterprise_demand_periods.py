"""The reply periods of enterprise demands by kind, as rows an administrator edits (dated): five working
days for most kinds, ten for a policy matter, which often needs another department's view [practice,
configurable]. A data step: the schema is 0005's."""

import datetime as dt

from django.db import migrations

START = dt.date(2020, 1, 1)
PRACTICE = "[practice, configurable] 区精准服务企业工作机制：企业诉求办理时限"

# (kind, working days)
PERIODS = [
    ("recruitment", 5),
    ("training", 5),
    ("policy", 10),
    ("labour_relations", 5),
    ("talent", 5),
    ("social_insurance", 5),
    ("other", 5),
]


def create(apps, schema_editor):
    DemandReplyLimit = apps.get_model("enterprises", "DemandReplyLimit")
    for kind, days in PERIODS:
        DemandReplyLimit.objects.get_or_create(
            key=kind, valid_from=START, defaults={"days": days, "day_kind": "working", "source": PRACTICE}
        )


def remove(apps, schema_editor):
    apps.get_model("enterprises", "DemandReplyLimit").objects.filter(valid_from=START, source=PRACTICE).delete()


class Migration(migrations.Migration):
    dependencies = [("enterprises", "0005_enterprise_demands")]
    operations = [migrations.RunPython(create, remove)]
