"""The configurable starting points of labour-risk early warning, as rows an administrator edits: the
resolution limits by severity, the inspection checklist, the risk-score components and warning
thresholds, and the rule that sends a risk to the department head at once. Every figure here is
[practice, configurable]: the district sets its own in the admin. (The honest employer list's notice
period and criteria, installed here too until issue 16, are ``compliance``'s: its migration 0002.)"""

import datetime as dt

from django.db import migrations

START = dt.date(2020, 1, 1)
PRACTICE = "[practice, configurable] 区劳资纠纷隐患排查化解工作机制"

# (key, days, day kind)
LIMITS = [
    ("resolve_minor", 20, "working"),
    ("resolve_serious", 10, "working"),
    ("resolve_major", 5, "working"),
    ("resolve_severe", 2, "working"),
    ("verify", 5, "working"),
    ("rework", 5, "working"),
]

# (code, group, question, English, risk type a "no" suggests)
CHECKLIST = [
    ("wages_on_time", "labour", "工资是否按月足额发放", "Are wages paid in full every month?", "wage_arrears"),
    ("wage_ledger", "labour", "是否建立工资支付台账并保存两年以上", "Is a wage-payment ledger kept for two years?", "wage_arrears"),
    ("contracts", "labour", "是否与全部职工签订书面劳动合同", "Does every worker have a written contract?", "no_contract"),
    ("social_insurance", "labour", "是否依法为职工缴纳社会保险", "Is social insurance paid for the workers?", "social_insurance"),
    ("working_hours", "labour", "工作时间和休息休假是否符合规定", "Do working hours and rest follow the law?", "working_hours"),
    ("operating", "labour", "是否正常经营，无停产、关闭、搬迁迹象", "Operating normally, no sign of closure or relocation?", "closure"),
    ("no_unrest", "labour", "近期是否无集体讨薪等群体性事件苗头", "No sign of collective wage protests?", "wage_arrears"),
    ("fire_exits", "safety", "消防通道、安全出口是否畅通", "Are fire exits and escape routes clear?", "safety"),
    ("electrical", "safety", "用电线路是否规范，无私拉乱接", "Is the wiring safe, no improvised connections?", "safety"),
    ("hazardous", "safety", "危险化学品储存使用是否规范", "Are hazardous chemicals stored and used safely?", "safety"),
    ("three_in_one", "safety", "是否无生产、仓储、住宿“三合一”场所", "No workshop, store and dormitory under one roof?", "safety"),
]

# (component, points per unit, cap, window in days)
COMPONENTS = [
    ("open_risks", 20, 40, 365),
    ("arrears_history", 10, 30, 730),
    ("disputes", 5, 20, 365),
    ("complaints", 3, 15, 365),
    ("si_arrears", 15, 15, 365),
    ("abnormal", 10, 10, 365),
    ("inspection_gap", 1, 12, 365),
]

THRESHOLDS = [("red", 60), ("orange", 35), ("yellow", 20), ("none", 0)]

ESCALATION = {
    "any": [
        {"field": "severity", "op": "eq", "value": "severe"},
        {"field": "risk_type", "op": "eq", "value": "absconding"},
        {
            "all": [
                # [practice, configurable] "many workers": 30 or more with wages owed.
                {"field": "workers_affected", "op": "gte", "value": 30},
                {"field": "arrears_amount", "op": "gt", "value": "0"},
            ]
        },
    ]
}


def create(apps, schema_editor):
    TimeLimit = apps.get_model("labour", "TimeLimit")
    ChecklistItem = apps.get_model("labour", "ChecklistItem")
    ScoreComponent = apps.get_model("labour", "ScoreComponent")
    WarningThreshold = apps.get_model("labour", "WarningThreshold")
    Rule = apps.get_model("core", "Rule")
    for key, days, day_kind in LIMITS:
        TimeLimit.objects.get_or_create(
            key=key, valid_from=START, defaults={"days": days, "day_kind": day_kind, "source": PRACTICE}
        )
    for order, (code, group, question, english, risk_type) in enumerate(CHECKLIST):
        ChecklistItem.objects.get_or_create(
            code=code,
            defaults={
                "group": group,
                "question": question,
                "question_en": english,
                "risk_type": risk_type,
                "sort_order": order,
            },
        )
    for key, weight, cap, window in COMPONENTS:
        ScoreComponent.objects.get_or_create(
            key=key, defaults={"weight": weight, "cap": cap, "window_days": window}
        )
    for level, minimum in THRESHOLDS:
        WarningThreshold.objects.get_or_create(level=level, defaults={"min_score": minimum})
    Rule.objects.get_or_create(
        code="labour-risk-escalation",
        valid_from=START,
        defaults={
            "subject": "labour.risk",
            "name": "重大劳资隐患直报科室负责人",
            "description": (
                "A risk goes to the labour-relations department head at once, severity raised to severe, "
                "when it is severe, the owner has absconded with wages unpaid, or 30 or more workers are "
                "owed wages [practice, configurable]."
            ),
            "condition": ESCALATION,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("labour", "0001_initial"), ("core", "0007_rules")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
