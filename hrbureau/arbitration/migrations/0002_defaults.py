"""The periods of DOMAIN.md §2, the local minimum wage and the fast-track triage rule, as rows an
administrator edits (new figures are new rows from a new date)."""

import datetime as dt
from decimal import Decimal

from django.db import migrations

LAW = "劳动争议调解仲裁法 (2008-05-01)"
RULES = "劳动人事争议仲裁办案规则 (人社部令第33号, 2017-07-01)"
LAW_START = dt.date(2008, 5, 1)

# (key, days, source). Whether the short periods count working days is [check]: calendar by default.
LIMITS = [
    ("acceptance", 5, f"{LAW} Art.29"),
    ("tribunal", 5, f"{LAW} Art.32"),
    ("respondent_copy", 5, f"{LAW} Art.30"),
    ("defence", 10, f"{LAW} Art.30"),
    ("hearing_notice", 5, f"{RULES} Art.38 [check]"),
    ("postpone_request", 3, f"{RULES} Art.38 [check]"),
    ("award", 45, f"{LAW} Art.43"),
    ("award_extension", 15, f"{LAW} Art.43"),
    ("left_at_premises", 3, "[check] local practice"),
    ("public_notice", 30, "[check] 民事诉讼法 Art.95 by analogy"),
]

FAST_TRACK = {
    "all": [
        {
            "any": [
                # [check, configurable] the province's previous-year average annual wage.
                {"field": "total_claimed", "op": "lte", "value": "120000"},
                {"field": "facts_clear", "op": "eq", "value": True},
                {"field": "migrant_wages", "op": "eq", "value": True},
                {"field": "both_agree", "op": "eq", "value": True},
            ]
        },
        {"field": "public_interest", "op": "eq", "value": False},
        {"field": "major_impact", "op": "eq", "value": False},
        {"field": "respondent_unlocatable", "op": "eq", "value": False},
        {"field": "unsuitable", "op": "eq", "value": False},
    ]
}


def create(apps, schema_editor):
    TimeLimit = apps.get_model("arbitration", "TimeLimit")
    MinimumWage = apps.get_model("arbitration", "MinimumWage")
    Rule = apps.get_model("core", "Rule")
    for key, days, source in LIMITS:
        TimeLimit.objects.get_or_create(
            key=key, valid_from=LAW_START, defaults={"days": days, "day_kind": "calendar", "source": source}
        )
    MinimumWage.objects.get_or_create(
        region="深圳市",
        valid_from=dt.date(2022, 7, 1),
        defaults={
            "valid_to": dt.date(2025, 2, 28),
            "monthly_amount": Decimal("2360"),
            "source": "[check] 深圳市最低工资标准",
        },
    )
    MinimumWage.objects.get_or_create(
        region="深圳市",
        valid_from=dt.date(2025, 3, 1),
        defaults={"monthly_amount": Decimal("2520"), "source": "[check] 深圳市最低工资标准"},
    )
    Rule.objects.get_or_create(
        code="arbitration-fast-track",
        valid_from=dt.date(2017, 7, 1),
        defaults={
            "subject": "arbitration.dispute",
            "name": "简易处理 / 速裁分流",
            "description": (
                "Proposed for the simplified procedure when any of: amount claimed within the province's "
                "previous-year average annual wage [check: enter the published figure], facts clear, "
                "migrant-worker wages, both parties agree — and none of the exclusions (rules Arts.56–57). "
                "A person confirms every proposal."
            ),
            "condition": FAST_TRACK,
            "source": RULES + " Arts.56–57",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("arbitration", "0001_initial"), ("core", "0007_rules")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
