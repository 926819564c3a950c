"""Demo policy library: the district's policy document and its four packages — 治欠保支“硬八条” (8 items),
柔性执法“暖九条” (9), 人才支撑“智十条” (10) and 助企纾困“惠十一条” (11) — with items written by the
departments' staff and reviewed and published by their heads through the services the pages use (most
published, a few drafted, reviewed or withdrawn). Eligibility speaks of the enterprises' own fields, their
tags and the other lines' facts, so matching and the near-miss lists have something to find."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.demo import DemoContext
from hrbureau.policies import library
from hrbureau.policies.choices import AmountRule, Beneficiary, DeliveryKind, GrantPeriod
from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyPackage

LINE = "policies"

# Conditions the items are made of (the rules language over policies.enterprise / policies.person).
NO_RISK = {"field": "labour.open_risks", "op": "eq", "value": 0}
NO_SI_ARREARS = {"field": "labour.si_arrears", "op": "eq", "value": 0}
NO_WAGE_ARREARS = {"field": "labour.wage_arrears_risks", "op": "eq", "value": 0}
NO_LOST = {"field": "arbitration.disputes_lost_2y", "op": "eq", "value": 0}
ACTIVE = {"field": "status", "op": "eq", "value": "active"}
SMALL = {"field": "size_class", "op": "in", "value": ["micro", "small"]}
KEY = {"field": "tag.key-enterprise", "op": "eq", "value": True}
HIGH_TECH = {
    "any": [
        {"field": "tag.high-tech", "op": "eq", "value": True},
        {"field": "tag.little-giant", "op": "eq", "value": True},
    ]
}
MAKERS = {"field": "industry_section", "op": "in", "value": ["C", "I", "M"]}
GRADUATE = {"field": "education", "op": "in", "value": ["bachelor", "master", "doctor"]}
UNEMPLOYED = {"field": "employment_status", "op": "eq", "value": "unemployed"}


def employees(at_least: int) -> dict[str, Any]:
    return {"field": "employees", "op": "gte", "value": at_least}


def all_of(*parts: dict[str, Any]) -> dict[str, Any]:
    return {"all": list(parts)}


E, P = Beneficiary.ENTERPRISE, Beneficiary.PERSON
X, A = DeliveryKind.EXEMPT, DeliveryKind.APPLY
FIX, PER, NONE = AmountRule.FIXED, AmountRule.PER_EMPLOYEE, AmountRule.NONE

# (code, name, English name, short name, department, [(title, benefit, for, delivery, amount rule, amount,
# cap, eligibility)])
PACKAGES: list[tuple[str, str, str, str, str, list[tuple[Any, ...]]]] = [
    (
        "ying-8",
        "治欠保支“硬八条”",
        "Eight firm measures against wage arrears",
        "硬八条",
        "labour_relations",
        [
            (
                "工资支付保证金差异化缴存",
                "无欠薪记录的在建项目施工企业，工资保证金按合同额0.5%缴存，满两年无欠薪可免缴。",
                E,
                A,
                NONE,
                None,
                None,
                all_of(ACTIVE, NO_WAGE_ARREARS, NO_LOST),
            ),
            (
                "工资保证金返还",
                "连续两年未发生欠薪的企业，已缴存的工资保证金全额返还。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, NO_WAGE_ARREARS, NO_RISK),
            ),
            (
                "农民工实名制管理补助",
                "落实实名制和分账管理的企业，按每名农民工200元给予一次性补助，最高2万元。",
                E,
                A,
                PER,
                "200",
                "20000",
                all_of(ACTIVE, {"field": "industry_section", "op": "eq", "value": "E"}, employees(20)),
            ),
            (
                "欠薪应急周转金垫付",
                "企业主欠薪逃匿的，由应急周转金先行垫付农民工工资。",
                P,
                A,
                NONE,
                None,
                None,
                {},
            ),
            (
                "劳动保障守法诚信企业激励",
                "守法诚信A级企业在评优评先、资金扶持中优先。",
                E,
                X,
                FIX,
                "5000",
                None,
                all_of(ACTIVE, NO_RISK, NO_LOST, NO_SI_ARREARS, employees(30)),
            ),
            (
                "工资支付监控预警免检",
                "无风险企业纳入“无事不扰”清单，一年内免于日常巡查。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, NO_RISK, NO_WAGE_ARREARS),
            ),
            (
                "劳资专管员培训补贴",
                "配备劳资专管员并参加培训的企业，按每人800元给予补贴。",
                E,
                A,
                FIX,
                "800",
                None,
                all_of(ACTIVE, employees(50)),
            ),
            ("欠薪案件快速调处", "农民工欠薪案件开辟绿色通道，5个工作日内调处。", P, A, NONE, None, None, {}),
        ],
    ),
    (
        "nuan-9",
        "柔性执法“暖九条”",
        "Nine warm measures of lenient enforcement",
        "暖九条",
        "labour_relations",
        [
            (
                "轻微违法首违不罚",
                "首次轻微违法并及时改正的，依法不予行政处罚。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, NO_LOST),
            ),
            (
                "行政指导先行",
                "发现劳动用工不规范问题，先行发出指导书，限期整改。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, SMALL),
            ),
            (
                "信用修复一次办",
                "整改到位的企业，劳动保障失信记录可申请信用修复。",
                E,
                A,
                NONE,
                None,
                None,
                all_of(ACTIVE, NO_WAGE_ARREARS),
            ),
            (
                "小微企业用工体检",
                "为小微企业免费提供劳动用工合规体检。",
                E,
                A,
                NONE,
                None,
                None,
                all_of(ACTIVE, SMALL),
            ),
            (
                "社保欠费分期缴纳",
                "阶段性困难企业可申请社保欠费分期缴纳，免收滞纳金。",
                E,
                A,
                NONE,
                None,
                None,
                all_of(ACTIVE, {"field": "labour.si_arrears", "op": "gte", "value": 1}),
            ),
            (
                "劳动合同示范文本免费用",
                "提供劳动合同示范文本和规章制度范本。",
                E,
                X,
                NONE,
                None,
                None,
                ACTIVE,
            ),
            (
                "争议调解前置",
                "劳动争议优先调解，调解成功的企业给予调解员补贴。",
                E,
                A,
                FIX,
                "1000",
                None,
                all_of(ACTIVE, employees(100)),
            ),
            ("企业劳动用工培训", "每年组织劳动法律法规培训，企业免费参加。", E, X, NONE, None, None, ACTIVE),
            (
                "包容审慎监管清单",
                "新设立三年内的企业纳入包容审慎监管清单。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, {"field": "registration_date", "op": "gte", "value": "2023-01-01"}),
            ),
        ],
    ),
    (
        "zhi-10",
        "人才支撑“智十条”",
        "Ten measures for talent",
        "智十条",
        "talent",
        [
            (
                "高校毕业生就业补贴",
                "招用离校两年内高校毕业生并缴纳社保的，按每人3000元给予补贴。",
                E,
                A,
                PER,
                "3000",
                "150000",
                all_of(ACTIVE, NO_SI_ARREARS, employees(5)),
            ),
            (
                "青年人才生活补贴",
                "新引进全日制本科及以上学历人才，每月发放生活补贴。",
                P,
                A,
                FIX,
                "12000",
                None,
                GRADUATE,
            ),
            (
                "博士后工作站建站资助",
                "新设博士后工作站的，给予一次性建站资助。",
                E,
                A,
                FIX,
                "500000",
                None,
                all_of(ACTIVE, {"field": "tag.postdoc-station", "op": "eq", "value": True}),
            ),
            (
                "高新技术企业人才奖励",
                "高新技术企业和专精特新“小巨人”企业，按研发人员数给予奖励。",
                E,
                X,
                PER,
                "2000",
                "200000",
                all_of(ACTIVE, HIGH_TECH, employees(20)),
            ),
            (
                "技能人才提升补贴",
                "职工取得技能等级证书的，企业按每证1500元申领补贴。",
                E,
                A,
                FIX,
                "1500",
                None,
                all_of(ACTIVE, MAKERS),
            ),
            ("人才安居补贴", "符合条件的各类人才，按学历给予安居补贴。", P, A, FIX, "30000", None, GRADUATE),
            (
                "重点企业引才奖励",
                "重点企业新引进高层次人才的，给予引才奖励。",
                E,
                A,
                FIX,
                "100000",
                None,
                all_of(ACTIVE, KEY),
            ),
            (
                "人才服务专员",
                "为重点企业配备人才服务专员，一企一策。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, KEY),
            ),
            (
                "校企合作实习基地补助",
                "建立实习基地并接收实习生的，给予基地补助。",
                E,
                A,
                FIX,
                "50000",
                None,
                all_of(ACTIVE, employees(50), MAKERS),
            ),
            (
                "失业人员再就业培训",
                "登记失业人员参加职业技能培训，免费培训并发放生活补助。",
                P,
                A,
                FIX,
                "1200",
                None,
                UNEMPLOYED,
            ),
        ],
    ),
    (
        "hui-11",
        "助企纾困“惠十一条”",
        "Eleven measures to relieve enterprises",
        "惠十一条",
        "employment",
        [
            (
                "失业保险稳岗返还",
                "不裁员或少裁员的参保企业，按上年度实际缴纳失业保险费的60%返还。",
                E,
                X,
                PER,
                "300",
                "300000",
                all_of(ACTIVE, NO_SI_ARREARS, employees(1)),
            ),
            (
                "一次性扩岗补助",
                "招用16-24岁失业青年并签订劳动合同的，按每人1500元发放扩岗补助。",
                E,
                A,
                PER,
                "1500",
                "75000",
                all_of(ACTIVE, NO_SI_ARREARS),
            ),
            (
                "小微企业社保补贴",
                "小微企业新招用就业困难人员的，给予社会保险补贴。",
                E,
                A,
                PER,
                "1000",
                "50000",
                all_of(ACTIVE, SMALL, NO_SI_ARREARS),
            ),
            (
                "以工代训补贴",
                "受疫情影响的中小微企业开展以工代训的，按每人每月500元补贴。",
                E,
                A,
                PER,
                "500",
                "100000",
                all_of(ACTIVE, SMALL, employees(10)),
            ),
            (
                "创业担保贷款贴息",
                "小微企业当年新招用符合条件人员达到比例的，可申请创业担保贷款并贴息。",
                E,
                A,
                NONE,
                None,
                None,
                all_of(ACTIVE, SMALL, NO_RISK),
            ),
            (
                "吸纳脱贫人口就业补贴",
                "吸纳脱贫人口就业并签订一年以上劳动合同的，给予一次性补贴。",
                E,
                A,
                PER,
                "2000",
                "100000",
                all_of(ACTIVE, employees(10)),
            ),
            (
                "重点企业用工保障",
                "重点企业用工缺口由人社部门专场招聘优先保障。",
                E,
                X,
                NONE,
                None,
                None,
                all_of(ACTIVE, KEY),
            ),
            ("企业招聘会免费参会", "参加区人社局举办的招聘会免收展位费。", E, X, NONE, None, None, ACTIVE),
            (
                "灵活就业社保补贴",
                "就业困难人员灵活就业后缴纳社保的，给予社保补贴。",
                P,
                A,
                FIX,
                "3600",
                None,
                UNEMPLOYED,
            ),
            (
                "一次性创业补贴",
                "首次创办小微企业并正常经营一年以上的，给予一次性创业补贴。",
                E,
                A,
                FIX,
                "10000",
                None,
                all_of(ACTIVE, SMALL, {"field": "registration_date", "op": "gte", "value": "2024-01-01"}),
            ),
            (
                "制造业企业稳岗奖励",
                "制造业企业全年不裁员的，给予稳岗奖励。",
                E,
                X,
                FIX,
                "20000",
                None,
                all_of(
                    ACTIVE,
                    {"field": "industry_section", "op": "eq", "value": "C"},
                    employees(50),
                    NO_RISK,
                    NO_SI_ARREARS,
                ),
            ),
        ],
    ),
]

# The few items not (or no longer) published, by package code and position: their state.
NOT_PUBLISHED = {
    ("ying-8", 7): "drafted",
    ("nuan-9", 8): "reviewed",
    ("zhi-10", 9): "drafted",
    ("hui-11", 3): "withdrawn",
    ("hui-11", 10): "drafted",
}

GUIDE_WHERE = "区政务服务中心人社综合窗口（工作日 9:00–12:00，13:30–17:00），或“浙里办”线上办理"


def _people() -> dict[str, tuple[Any, Any]]:
    """(drafter, reviewer) per department code."""
    users = {
        u.username: u
        for u in User.objects.filter(
            username__in=["talent_staff", "talent_head", "employment_staff", "labour_staff", "labour_head"]
        )
    }
    head = users.get("labour_head") or users.get("talent_head")
    return {
        "labour_relations": (users.get("labour_staff"), users.get("labour_head")),
        "talent": (users.get("talent_staff"), users.get("talent_head")),
        "employment": (users.get("employment_staff"), head),
    }


def seed(ctx: DemoContext) -> None:
    people = _people()
    if not all(drafter and reviewer for drafter, reviewer in people.values()):
        ctx.log("policies: no department staff and heads; skipped")
        return
    if PolicyPackage.objects.filter(code="ying-8").exists():
        return
    today = timezone.localdate()
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=list(people))}
    document = PolicyDocument.objects.create(
        title="关于印发《惠企政策直达“四张清单”》的通知",
        doc_number=f"区人社发〔{today.year}〕8号",
        issuer="区人力资源和社会保障局",
        issued_on=today - dt.timedelta(days=120),
        summary="治欠保支“硬八条”、柔性执法“暖九条”、人才支撑“智十条”、助企纾困“惠十一条”，共38条。",
    )
    number = 0
    for code, name, name_en, short, department, items in PACKAGES:
        package = PolicyPackage.objects.create(
            code=code,
            name=name,
            name_en=name_en,
            short_name=short,
            document=document,
            announced_items=len(items),
            description=f"{name}，共{len(items)}条。",
        )
        drafter, reviewer = people[department]
        for position, (title, benefit, beneficiary, kind, rule, amount, cap, condition) in enumerate(items):
            number += 1
            item = library.item_create(
                actor=drafter,
                number=f"ZC-{today.year}-{number:03d}",
                title=title,
                package=package,
                document=document,
                beneficiary=beneficiary,
                kind=kind,
                department=units.get(department),
                benefit=benefit,
                amount_rule=rule,
                amount=Decimal(amount) if amount else None,
                amount_cap=Decimal(cap) if cap else None,
                grant_period=GrantPeriod.ONCE if "一次性" in title or "建站" in title else GrantPeriod.YEAR,
                approval_levels=2 if amount and Decimal(amount) >= 50000 else 1,
                eligibility=condition,
                guide_materials="1. 申请表（线上填报）\n2. 营业执照或身份证\n3. 相关佐证材料（劳动合同、社保缴费明细等）",
                guide_steps="1. 线上或窗口提交申请\n2. 主管科室审核（免申即享项目由系统比对生成名单，人工确认）\n3. 公示5个工作日\n4. 资金拨付",
                guide_where=GUIDE_WHERE,
                guide_contact=f"{units[department].name if department in units else '区人社局'} 0571-8686{number:04d}",
                valid_from=today - dt.timedelta(days=90),
                valid_to=dt.date(today.year + 1, 12, 31),
            )
            state = NOT_PUBLISHED.get((code, position), "published")
            if state != "drafted":
                library.item_review(actor=reviewer, item=item)
            if state in ("published", "withdrawn"):
                library.item_publish(actor=reviewer, item=item, on=today - dt.timedelta(days=60))
            if state == "withdrawn":
                library.item_withdraw(actor=reviewer, item=item, reason="政策已并入新出台的稳就业政策")
            ctx.count("policy items", 1)
    ctx.log("policies: %d packages, %d items", PolicyPackage.objects.count(), PolicyItem.objects.count())
