"""Demo work orders over every channel, state and unit — some overdue, some returned — made through the
same services the pages use, so every event, clock and notice is real."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.clocks import sweep_deadlines
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import TransitionError
from hrbureau.petitions import services
from hrbureau.petitions.choices import Channel
from hrbureau.petitions.models import Category, WorkOrder

CATEGORIES = [
    # code, name, English name, kind, department, territorial, usually belongs to
    ("wage-arrears", "欠薪投诉", "Wage arrears complaint", "complaint", "labour_relations", True, ""),
    (
        "labour-contract",
        "劳动合同投诉",
        "Labour contract complaint",
        "complaint",
        "labour_relations",
        True,
        "",
    ),
    (
        "dismissal",
        "解除劳动关系争议",
        "Dispute over dismissal",
        "complaint",
        "labour_relations",
        False,
        "arbitration",
    ),
    ("social-insurance", "社保待遇咨询", "Social insurance enquiry", "enquiry", "employment", False, ""),
    ("talent-subsidy", "人才补贴咨询", "Talent subsidy enquiry", "enquiry", "talent", False, ""),
    ("employment-help", "就业创业求助", "Help with jobs and start-ups", "help", "employment", False, ""),
    ("training", "职业技能培训咨询", "Vocational training enquiry", "enquiry", "employment", False, ""),
    ("hr-agency", "人力资源中介机构举报", "Report on an HR agency", "report", "hr_market", False, ""),
    ("suggestion", "意见建议", "Suggestion", "suggestion", "office", False, ""),
]
TITLES = {
    "wage-arrears": ["工地拖欠农民工工资", "公司拖欠两个月工资", "离职后工资未结清"],
    "labour-contract": ["入职未签劳动合同", "单位擅自变更工作岗位"],
    "dismissal": ["被公司违法解除劳动合同", "要求支付经济补偿"],
    "social-insurance": ["社保断缴如何补缴", "灵活就业参保咨询"],
    "talent-subsidy": ["人才生活补贴申请条件", "博士后补贴发放进度"],
    "employment-help": ["失业人员求职帮扶", "创业担保贷款办理"],
    "training": ["粤菜师傅培训报名", "家政培训补贴咨询"],
    "hr-agency": ["中介收取高额押金", "黑中介虚假招聘"],
    "suggestion": ["建议增加招聘会场次", "建议延长窗口服务时间"],
}
CHANNEL_WEIGHTS = [
    (Channel.HOTLINE, 55),
    (Channel.NATIONAL_SURVEY, 5),
    (Channel.LETTER, 8),
    (Channel.VISIT, 8),
    (Channel.ONLINE, 18),
    (Channel.TRANSFER, 6),
]


def _categories() -> list[Category]:
    rows = []
    for order, (code, name, name_en, kind, department, territorial, hint) in enumerate(CATEGORIES):
        category, _created = Category.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "kind": kind,
                "department": OrgUnit.objects.filter(code=department).first(),
                "territorial": territorial,
                "redirect_hint": hint,
                "sort_order": order,
            },
        )
        rows.append(category)
    return rows


def seed(ctx: DemoContext) -> None:
    categories = _categories()
    if WorkOrder.objects.exists():
        return
    rng, fake = ctx.rng("petitions"), ctx.faker("petitions")
    office = User.objects.filter(role=Role.DEPT_STAFF, org_unit__code="petitions").first()
    head = User.objects.filter(role=Role.DEPT_HEAD, org_unit__code="petitions").first()
    citizen = User.objects.filter(role=Role.INDIVIDUAL).first()
    if office is None or head is None:
        ctx.log("petitions: no petitions office users; skipped")
        return
    streets = list(OrgUnit.objects.filter(kind=OrgUnitKind.STREET))
    handlers: dict[int, User] = {}
    for user in User.objects.filter(role__in=[Role.STREET_STAFF, Role.DEPT_STAFF, Role.DEPT_HEAD]).order_by(
        "id"
    ):
        if user.org_unit_id is not None:
            handlers.setdefault(user.org_unit_id, user)
    from hrbureau.enterprises.models import Enterprise

    enterprises = list(Enterprise.objects.filter(street__isnull=False).order_by("id")[:400])
    channels = [c for c, _w in CHANNEL_WEIGHTS]
    weights = [w for _c, w in CHANNEL_WEIGHTS]
    today = timezone.localdate()
    made = 0
    for number in range(ctx.work_orders):
        category = rng.choice(categories)
        channel = rng.choices(channels, weights)[0]
        age = rng.randint(0, 150)
        day = today - dt.timedelta(days=age)
        enterprise = rng.choice(enterprises) if enterprises and category.territorial else None
        data: dict[str, Any] = {
            "channel": channel,
            "category": category,
            "title": rng.choice(TITLES[category.code]),
            "content": fake.paragraph(nb_sentences=3),
            "petitioner_name": fake.name(),
            "petitioner_phone": f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            "enterprise": enterprise,
            "street": enterprise.street if enterprise else rng.choice(streets),
            "received_at": min(
                timezone.now(),
                timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
                ),
            ),
            "external_no": f"GD12345-{day:%Y%m%d}-{number:05d}" if channel == Channel.HOTLINE else "",
        }
        if citizen is not None and citizen.person_id and number % 97 == 0:
            data["person"] = citizen.person
            data["petitioner_phone"] = citizen.phone or data["petitioner_phone"]
        order = services.workorder_create(actor=office, data=data)
        made += 1
        _advance(order, rng=rng, age=age, office=office, head=head, handlers=handlers)
    ctx.count("work orders", made)
    sweep_deadlines()


def _advance(
    order: WorkOrder, *, rng: Any, age: int, office: User, head: User, handlers: dict[int, User]
) -> None:
    """Take an order some way along the loop; older orders have gone further."""
    from hrbureau.petitions.rules import suggest_unit

    steps = rng.randint(0, 6) if age > 10 else rng.randint(0, 3)
    try:
        if steps == 0:
            return
        if order.category.redirect_hint and rng.random() < 0.3:
            services.workorder_redirect(
                actor=office,
                order=order,
                target=order.category.redirect_hint,
                reason="属于劳动争议仲裁受理范围，已告知当事人申请仲裁。",
            )
            return
        if order.is_petition:
            services.workorder_accept(actor=office, order=order)
        unit = suggest_unit(order) or order.street
        if unit is None:
            return
        services.workorder_dispatch(actor=office, order=order, unit=unit)
        handler = handlers.get(unit.pk)
        if handler is None or steps == 1:
            return
        if rng.random() < 0.1:
            services.workorder_return(actor=handler, order=order, reason="经核实不属于本单位职责。")
            return
        services.workorder_sign(actor=handler, order=order)
        if steps == 2:
            return
        services.workorder_reply(
            actor=handler, order=order, reply="经调查核实，已督促用人单位依法整改，并将结果告知诉求人。"
        )
        if steps == 3:
            return
        satisfaction = rng.choices(["satisfied", "basic", "dissatisfied"], [75, 17, 8])[0]
        services.workorder_rate(
            actor=office,
            order=order,
            satisfaction=satisfaction,
            reason="回访不满意：问题未解决" if satisfaction == "dissatisfied" else "",
            by_citizen=False,
        )
    except TransitionError:
        return
