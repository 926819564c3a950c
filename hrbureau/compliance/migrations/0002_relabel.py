"""Employer compliance left labour (issue 16). Its content types (and so Django's permissions on them, and
whoever holds those) and every reference to its records by label follow it to ``compliance``; the
honest employer list's notice period moves from labour's time limits to compliance's, and its criteria
rule is renamed to the new subject (``compliance.employer``, code ``compliance-honest-employer``), whose
conditions read the labour line's figures as facts (``open_risks`` → ``labour.open_risks``…, core.facts).

A new installation gets the defaults here (labour's 0002 installed them before the split)."""

import datetime as dt

from django.db import migrations

from hrbureau.core.relabel import move_models

MODELS = ["LabourRecord", "Evaluation", "EmployerGrade", "Objection", "LegalExpert", "ComplianceEvent", "Attendance"]
START = dt.date(2020, 1, 1)
PRACTICE = "[practice, configurable] 区劳资纠纷隐患排查化解工作机制"
OLD_RULE, NEW_RULE = ("labour-honest-employer", "labour.employer"), ("compliance-honest-employer", "compliance.employer")

HONEST_EMPLOYER = {
    "all": [
        # [configurable] the district's extra criteria for the law-abiding honest employer list.
        {"field": "status", "op": "eq", "value": "active"},
        {"field": "labour.open_risks", "op": "eq", "value": 0},
        {"field": "labour.si_arrears", "op": "eq", "value": 0},
        {"field": "employees", "op": "gte", "value": 100},
        # Inspected within the last ten months with nothing found: the district vouches for what it saw.
        {"field": "labour.risk_score", "op": "lte", "value": 10},
    ]
}


def _move_notice(apps, source, target):
    old = apps.get_model(*source)
    new = apps.get_model(*target)
    for row in old.objects.filter(key="notice").order_by("valid_from"):
        new.objects.get_or_create(
            key="notice",
            valid_from=row.valid_from,
            defaults={"valid_to": row.valid_to, "days": row.days, "day_kind": row.day_kind, "source": row.source},
        )
    old.objects.filter(key="notice").delete()


# The criteria's fields that were labour's annotations and are now labour's facts.
AS_FACTS = {"open_risks": "labour.open_risks", "si_arrears": "labour.si_arrears", "risk_score": "labour.risk_score"}


def _fields(condition, names):
    if isinstance(condition, dict) and ("all" in condition or "any" in condition):
        key = "all" if "all" in condition else "any"
        return {key: [_fields(c, names) for c in condition[key]]}
    if isinstance(condition, dict) and condition.get("field") in names:
        return {**condition, "field": names[condition["field"]]}
    return condition


def _rename_rule(apps, source, target, names):
    for rule in apps.get_model("core", "Rule").objects.filter(code=source[0], subject=source[1]):
        rule.code, rule.subject, rule.condition = target[0], target[1], _fields(rule.condition, names)
        rule.save(update_fields=["code", "subject", "condition"])


def forwards(apps, schema_editor):
    move_models(apps, old_app="labour", new_app="compliance", models=MODELS)
    _move_notice(apps, ("labour", "TimeLimit"), ("compliance", "TimeLimit"))
    _rename_rule(apps, OLD_RULE, NEW_RULE, AS_FACTS)
    create(apps, schema_editor)


def create(apps, schema_editor):
    """The defaults of a new installation (nothing where the district has its own rows)."""
    limits = apps.get_model("compliance", "TimeLimit").objects
    if not limits.filter(key="notice").exists():
        limits.create(key="notice", valid_from=START, days=5, day_kind="working", source=PRACTICE)
    rules = apps.get_model("core", "Rule").objects
    if rules.filter(code=NEW_RULE[0]).exists():
        return
    rules.create(
        code=NEW_RULE[0],
        valid_from=START,
        subject=NEW_RULE[1],
        name="劳动保障守法诚信企业区级条件",
        description=(
            "Drawn from grade A (DOMAIN.md §5) when, besides: still operating, no open labour risk, no "
            "open social-insurance arrears flag, 100 or more employees, a risk score of 10 or less (inspected "
            "within about ten months with nothing found) [configurable]."
        ),
        condition=HONEST_EMPLOYER,
    )


def backwards(apps, schema_editor):
    _rename_rule(apps, NEW_RULE, OLD_RULE, {fact: field for field, fact in AS_FACTS.items()})
    _move_notice(apps, ("compliance", "TimeLimit"), ("labour", "TimeLimit"))
    move_models(apps, old_app="compliance", new_app="labour", models=MODELS)


class Migration(migrations.Migration):
    dependencies = [
        ("compliance", "0001_initial"),
        ("core", "0010_import_checks_and_heartbeat"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
