"""Demo talent registers, made through the services the pages use: postdoctoral stations and innovation
bases at the enterprises tagged as station units (national, provincial and city; postdocs in station
and gone; yearly assessments); the returned-students start-up park with resident enterprises (one that
has left); the strategic talent agreement with a partner zone, its actions done, open and overdue with
their progress; the international contest with its overseas rounds, entrants, results and the projects
that settled in the district. Each part is made once: seeding again adds nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Department, Role
from hrbureau.accounts.models import User
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.talent import registers
from hrbureau.talent.registers_choices import AssessmentResult, StationKind, StationLevel
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    TalentContest,
)

LINE = "talent-registers"
AGREEMENT = "区与伙伴合作区人才发展战略合作协议"
CONTEST = "国际人才创新创业大赛"

POSTDOCS = (
    ("林博文", "新型储能材料的界面稳定性研究"),
    ("陈思远", "工业视觉缺陷检测算法"),
    ("黄诗涵", "细胞治疗产品的质量控制"),
    ("周子健", "城市更新中的低碳建筑结构"),
    ("吴雨桐", "高性能芯片封装散热"),
    ("郑嘉豪", "智能制造产线数字孪生"),
    ("王若曦", "海洋生物活性物质提取"),
    ("刘子墨", "大模型在政务服务中的应用"),
)
FOUNDERS = (
    ("赵明轩", "英国帝国理工学院"),
    ("孙雅琪", "美国斯坦福大学"),
    ("钱浩然", "德国慕尼黑工业大学"),
    ("李欣怡", "新加坡国立大学"),
    ("冯俊杰", "日本东京大学"),
)
ROUNDS = (
    ("伦敦赛区", "伦敦", "英国", True),
    ("硅谷赛区", "旧金山", "美国", True),
    ("悉尼赛区", "悉尼", "澳大利亚", True),
    ("本地总决赛", "深圳", "", False),
)
PROJECTS = (
    ("柔性电子皮肤", "高远", "新材料"),
    ("微流控即时检测平台", "许静", "生物医药"),
    ("无人机集群调度系统", "何磊", "人工智能"),
    ("固态电池电解质", "罗晓", "新能源"),
    ("海洋碳汇监测", "谢宁", "环保"),
    ("工业机器人视觉", "邓超", "智能制造"),
)


def seed(ctx: DemoContext) -> None:
    keeper = (
        User.objects.filter(role=Role.DEPT_STAFF, is_active=True, org_unit__code=Department.TALENT)
        .order_by("id")
        .first()
        or User.objects.filter(role=Role.DEPT_STAFF, is_active=True).order_by("id").first()
    )
    if keeper is None:
        ctx.log("talent registers: no department staff; skipped")
        return
    enterprises = list(Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE).order_by("id")[:400])
    if len(enterprises) < 20:
        ctx.log("talent registers: too few enterprises; skipped")
        return
    rng = ctx.rng(LINE)
    today = timezone.localdate()
    tagged = [e for e in enterprises if e.tags.filter(code="postdoc-station").exists()][:6]
    others = [e for e in enterprises if e not in tagged]
    rng.shuffle(others)
    if not PostdocStation.objects.exists():
        _stations(keeper, tagged + others[: max(0, 6 - len(tagged))], today)
    if not ParkResidency.objects.exists():
        _park(keeper, others[6:11], today)
    if not CooperationAgreement.objects.filter(title=AGREEMENT).exists():
        _agreement(keeper, today)
    if not TalentContest.objects.filter(name=CONTEST).exists():
        _contest(keeper, others[11:13], today)
    ctx.log("talent registers: stations, park, agreement and contest")


def _save(keeper: Any, record: Any, **values: Any) -> Any:
    return registers.register_save(actor=keeper, record=record, values=values, source="system")


def _stations(keeper: Any, chosen: list[Any], today: dt.date) -> None:
    levels = (StationLevel.NATIONAL, StationLevel.PROVINCIAL, StationLevel.CITY)
    for i, enterprise in enumerate(chosen[:6]):
        station = _save(
            keeper,
            PostdocStation(),
            enterprise=enterprise,
            kind=StationKind.STATION if i % 2 == 0 else StationKind.BASE,
            level=levels[i % 3],
            approved_on=today.replace(year=today.year - 2 - i, month=6, day=1),
            approval_no=f"博管〔{today.year - 2 - i}〕{10 + i}号",
            supervisors=f"张教授\n李研究员\n王高级工程师{i}",
            research_fields="新材料、人工智能" if i % 2 else "生物医药",
        )
        for j in range(2 if i < 4 else 1):
            name, topic = POSTDOCS[(2 * i + j) % len(POSTDOCS)]
            entered = today - dt.timedelta(days=200 + 300 * j + 30 * i)
            left = entered + dt.timedelta(days=365)  # the second has done a year and left
            _save(
                keeper,
                Postdoc(station=station),
                name=name,
                topic=topic,
                supervisor="张教授",
                entered_on=entered,
                left_on=left if j else None,
            )
        results = (AssessmentResult.EXCELLENT, AssessmentResult.GOOD, AssessmentResult.PASSED)
        registers.assessment_record(actor=keeper, station=station, year=today.year - 1, result=results[i % 3])
        if i == 5:
            registers.assessment_record(
                actor=keeper,
                station=station,
                year=today.year - 2,
                result=AssessmentResult.FAILED,
                note="进站人数为零，限期整改",
            )


def _park(keeper: Any, chosen: list[Any], today: dt.date) -> None:
    for i, enterprise in enumerate(chosen):
        founder, school = FOUNDERS[i % len(FOUNDERS)]
        entered = today - dt.timedelta(days=120 + 240 * i)
        _save(
            keeper,
            ParkResidency(),
            enterprise=enterprise,
            founder_name=founder,
            studied_at=school,
            entered_on=entered,
            left_on=entered + dt.timedelta(days=700) if i == 4 else None,  # one has graduated from the park
            area=Decimal(60 + 40 * i),
            support="三年租金减免\n创业启动资助20万元" if i % 2 == 0 else "人才公寓一套",
        )


def _agreement(keeper: Any, today: dt.date) -> None:
    signed = today - dt.timedelta(days=300)
    agreement = _save(
        keeper,
        CooperationAgreement(),
        title=AGREEMENT,
        parties="区人力资源局\n伙伴合作区人才发展局",
        signed_on=signed,
        ends_on=signed.replace(year=signed.year + 3),
        terms="一、共建人才驿站，互认高层次人才认定结果。\n二、联合举办招才引智活动。\n三、互派干部挂职交流。",
    )
    plans = (  # (action, owner, due in days from today, progress updates (days ago, percent, note))
        (
            "互认高层次人才认定结果",
            "人才服务科",
            -60,
            ((200, 40, "完成认定标准比对"), (90, 100, "互认办法印发")),
        ),
        ("共建人才驿站", "人才服务科", 90, ((150, 30, "选址完成"), (30, 60, "装修中"))),
        ("联合举办招才引智活动", "就业促进科", -20, ((120, 50, "方案已拟定"),)),
        ("互派干部挂职交流", "办公室", 180, ()),
    )
    for title, owner, due, updates in plans:
        action = _save(
            keeper,
            AgreementAction(agreement=agreement),
            title=title,
            owner=owner,
            due_on=today + dt.timedelta(days=due),
        )
        for days_ago, percent, note in updates:
            registers.action_progress_record(
                actor=keeper,
                action=action,
                reported_on=today - dt.timedelta(days=days_ago),
                percent=percent,
                note=note,
            )


def _contest(keeper: Any, settling: list[Any], today: dt.date) -> None:
    year = today.year
    contest = _save(
        keeper,
        TalentContest(),
        name=CONTEST,
        year=year,
        organiser="区人力资源局",
        description="面向海外高层次人才的创新创业大赛，设海外分赛场，优胜项目落地本区可获扶持。",
    )
    rounds = []
    for i, (name, city, country, overseas) in enumerate(ROUNDS):
        held = today - dt.timedelta(days=200 - 40 * i)
        rounds.append(
            _save(
                keeper,
                ContestRound(contest=contest),
                name=name,
                city=city,
                country=country,
                overseas=overseas,
                held_on=held,
            )
        )
    entrants = []
    for i, (project, leader, field) in enumerate(PROJECTS):
        entrant = _save(keeper, ContestEntrant(contest=contest), project=project, leader=leader, field=field)
        entrants.append(entrant)
        overseas_round = rounds[i % 3]
        registers.result_record(
            actor=keeper,
            round=overseas_round,
            entrant=entrant,
            rank=i // 3 + 1,
            award="优胜奖" if i < 3 else "入围奖",
        )
    final = rounds[3]
    for rank, entrant in enumerate(entrants[:4], start=1):
        award = {1: "一等奖", 2: "二等奖"}.get(rank, "三等奖")
        registers.result_record(actor=keeper, round=final, entrant=entrant, rank=rank, award=award)
    for entrant, enterprise in zip(entrants[:2], settling, strict=False):
        _save(keeper, entrant, settled_on=today - dt.timedelta(days=30), enterprise=enterprise)
