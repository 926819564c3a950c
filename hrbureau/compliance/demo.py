"""Demo employer compliance, made through the services the pages use: two years of penalties and
incidents, then the grades — the year before last published (its notice dated back, as it happened
then), last year's list on public notice now —, the seed's pool of 15 legal experts, and trainings and
consultations over the year with their attendance.

The grades are drawn on what the labour line knows of each enterprise (open risks, arrears, the risk
score), so this line waits until every line before it is complete."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Department, Role
from hrbureau.accounts.models import User
from hrbureau.compliance import demotext, selectors, services
from hrbureau.compliance.choices import EventKind, RecordKind
from hrbureau.compliance.models import Evaluation, LabourRecord, LegalExpert
from hrbureau.compliance.rules import GRADED_STATUSES
from hrbureau.core import calendar
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises.models import Enterprise

LINE = "compliance"


def seed(ctx: DemoContext) -> None:
    staff = (
        User.objects.filter(org_unit__code=Department.LABOUR_RELATIONS, role=Role.DEPT_STAFF, is_active=True)
        .order_by("id")
        .first()
    )
    if staff is None:
        ctx.log("compliance: no labour-relations staff; skipped")
        return
    if not ctx.after_earlier_lines(LINE):
        return
    enterprises = list(Enterprise.objects.filter(status__in=GRADED_STATUSES).order_by("id"))
    if not enterprises:
        return
    today = timezone.localdate()
    parts: list[Callable[[Any], None]] = [
        lambda rng: _records(ctx, enterprises, staff, rng, today),
        lambda rng: _events(ctx, enterprises, staff, rng, today),
    ]
    ctx.cases(LINE, len(parts), what="grades and trainings", started=Evaluation.objects.exists).run(
        lambda number: parts[number](ctx.case_rng(LINE, number))
    )


def _records(ctx: DemoContext, enterprises: list[Any], staff: Any, rng: Any, today: dt.date) -> None:
    """Two years of penalties and incidents, then the grades: the year before last published (its notice
    dated back, as it happened then), last year's list on public notice now."""
    rows = []
    for year in (today.year - 2, today.year - 1):
        for enterprise in rng.sample(enterprises, k=max(1, len(enterprises) // 25)):
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                index = rng.choices(range(len(demotext.RECORDS)), [w for _k, w in demotext.RECORDS])[0]
                kind = demotext.RECORDS[index][0]
                occurred = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
                text = demotext.record(rng, index, occurred)
                rows.append(
                    LabourRecord(
                        enterprise=enterprise,
                        kind=kind,
                        occurred_on=occurred,
                        decision_no=f"劳监罚〔{year}〕{rng.randint(1, 999)}号"
                        if kind == RecordKind.PENALTY
                        else "",
                        description=text,
                        recorded_by=staff,
                    )
                )
    LabourRecord.objects.bulk_create(rows)
    ctx.count("labour-compliance records", len(rows))
    older = services.evaluation_run(actor=staff, year=today.year - 2)
    services.notice_start(
        actor=staff, evaluation=older, notice_from=today, notice_to=calendar.add_working_days(today, 5)
    )
    Evaluation.objects.filter(pk=older.pk).update(
        notice_from=dt.date(today.year - 1, 3, 1), notice_to=dt.date(today.year - 1, 3, 10)
    )
    older.refresh_from_db()
    services.evaluation_publish(actor=staff, evaluation=older)
    recent = services.evaluation_run(actor=staff, year=today.year - 1)
    services.notice_start(
        actor=staff, evaluation=recent, notice_from=today, notice_to=calendar.add_working_days(today, 7)
    )
    ctx.count("honest employers listed", selectors.honest_list(older).count())


EXPERTS = [
    ("陈明", "广东某律师事务所", "劳动合同与解除"),
    ("林晓", "某大学法学院", "劳动争议处理"),
    ("黄志强", "某律师事务所", "工资支付与欠薪"),
    ("周丽", "某律师事务所", "社会保险"),
    ("吴伟", "区劳动人事争议仲裁院（退休）", "仲裁实务"),
    ("郑慧", "某律师事务所", "劳务派遣"),
    ("王磊", "某大学法学院", "集体协商"),
    ("刘洋", "某律师事务所", "工伤认定"),
    ("张敏", "某人力资源服务协会", "人力资源合规"),
    ("杨帆", "某律师事务所", "企业用工风险"),
    ("赵婷", "某律师事务所", "女职工权益"),
    ("孙浩", "某会计师事务所", "薪酬与个税"),
    ("朱琳", "某律师事务所", "竞业限制"),
    ("何军", "区总工会法律援助站", "职工维权"),
    ("高雪", "某律师事务所", "灵活用工"),
]

TOPICS = ["劳动合同法合规培训", "根治欠薪政策宣讲", "工伤预防与社会保险", "劳务派遣合规培训", "集体协商指导"]


def _events(ctx: DemoContext, enterprises: list[Any], staff: Any, rng: Any, today: dt.date) -> None:
    """The seed's pool of 15 legal experts, five trainings over the year and three consultations."""
    experts = [
        LegalExpert.objects.get_or_create(name=n, defaults={"organisation": o, "speciality": s})[0]
        for n, o, s in EXPERTS
    ]
    ctx.count("legal experts", len(experts))
    for i, topic in enumerate(TOPICS):
        held = today - dt.timedelta(days=30 + 60 * i)
        event = services.event_create(
            actor=staff,
            kind=EventKind.TRAINING,
            title=f"{held.year}年{topic}",
            held_on=held,
            place="区人力资源局三楼会议室",
            expert_ids=[e.pk for e in rng.sample(experts, 2)],
            enterprise_ids=[e.pk for e in rng.sample(enterprises, min(len(enterprises), 40))],
        )
        invited = list(event.attendance.values_list("enterprise_id", flat=True))
        services.attendance_mark(
            actor=staff, event=event, attended=[pk for pk in invited if rng.random() < 0.8]
        )
    for enterprise in rng.sample(enterprises, min(len(enterprises), 3)):
        services.event_create(
            actor=staff,
            kind=EventKind.CONSULTATION,
            title=f"{enterprise.name}劳资隐患法律会诊",
            held_on=today - dt.timedelta(days=rng.randint(5, 90)),
            expert_ids=[e.pk for e in rng.sample(experts, 3)],
            enterprise_ids=[enterprise.pk],
        )
    ctx.count("compliance events", len(TOPICS) + min(len(enterprises), 3))
