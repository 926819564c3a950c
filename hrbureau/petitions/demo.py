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
from hrbureau.petitions import demotext, services
from hrbureau.petitions.choices import Channel
from hrbureau.petitions.models import Category, WorkOrder

CATEGORIES = [
    # code, name, English name, kind, department, territorial, usually belongs to, weight among the orders
    ("wage-arrears", "欠薪投诉", "Wage arrears complaint", "complaint", "labour_relations", True, "", 26),
    (
        "labour-contract",
        "劳动合同投诉",
        "Labour contract complaint",
        "complaint",
        "labour_relations",
        True,
        "",
        7,
    ),
    (
        "dismissal",
        "解除劳动关系争议",
        "Dispute over dismissal",
        "complaint",
        "labour_relations",
        False,
        "arbitration",
        9,
    ),
    (
        "overtime",
        "加班及休息休假投诉",
        "Overtime, rest and leave complaint",
        "complaint",
        "labour_relations",
        True,
        "",
        7,
    ),
    (
        "social-insurance-arrears",
        "未依法缴纳社会保险投诉",
        "Complaint of unpaid social insurance",
        "complaint",
        "labour_relations",
        True,
        "",
        8,
    ),
    ("social-insurance", "社保待遇咨询", "Social insurance enquiry", "enquiry", "employment", False, "", 12),
    ("talent-subsidy", "人才补贴咨询", "Talent subsidy enquiry", "enquiry", "talent", False, "", 7),
    ("employment-help", "就业创业求助", "Help with jobs and start-ups", "help", "employment", False, "", 8),
    ("training", "职业技能培训咨询", "Vocational training enquiry", "enquiry", "employment", False, "", 6),
    ("hr-agency", "人力资源中介机构举报", "Report on an HR agency", "report", "hr_market", False, "", 4),
    ("suggestion", "意见建议", "Suggestion", "suggestion", "office", False, "", 6),
]
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
    for order, (code, name, name_en, kind, department, territorial, hint, _weight) in enumerate(CATEGORIES):
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
    fake = ctx.faker("petitions")
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

    enterprises = list(
        Enterprise.objects.filter(street__isnull=False).select_related("street").order_by("id")[:400]
    )
    channels = [c for c, _w in CHANNEL_WEIGHTS]
    weights = [w for _c, w in CHANNEL_WEIGHTS]
    category_weights = [c[-1] for c in CATEGORIES]
    today, now = timezone.localdate(), timezone.now()

    def make(number: int) -> None:
        rng = ctx.case_rng("petitions", number)
        fake.seed_instance(f"{ctx.seed}:petitions:{number}")
        category = rng.choices(categories, category_weights)[0]
        channel = rng.choices(channels, weights)[0]
        age = rng.randint(0, 150)
        day = today - dt.timedelta(days=age)
        enterprise = rng.choice(enterprises) if enterprises and category.territorial else None
        street = enterprise.street if enterprise is not None and enterprise.street else rng.choice(streets)
        petitioner = fake.name()
        received = timezone.make_aware(
            dt.datetime.combine(day, dt.time(rng.randint(8, 20), rng.randint(0, 59)))
        )
        if received > now:  # a call of today came in some time this morning
            received = now - dt.timedelta(minutes=rng.randint(5, 180))
        words = demotext.matter(
            category.code,
            demotext.Facts(
                rng=rng, day=day, today=today, person=petitioner, enterprise=enterprise, street=street.name
            ),
        )
        data: dict[str, Any] = {
            "channel": channel,
            "category": category,
            "title": words.title,
            "content": words.content,
            "petitioner_name": petitioner,
            "petitioner_phone": f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}",
            "enterprise": enterprise,
            "street": street,
            "received_at": received,
            "external_no": f"GD12345-{day:%Y%m%d}-{number:05d}" if channel == Channel.HOTLINE else "",
        }
        if citizen is not None and citizen.person_id and number % 97 == 0:
            data["person"] = citizen.person
            data["petitioner_phone"] = citizen.phone or data["petitioner_phone"]
        order = services.workorder_create(actor=office, data=data)
        _advance(order, rng=rng, age=age, office=office, head=head, handlers=handlers, reply=words.reply)

    loop = ctx.cases("petitions", ctx.work_orders, what="work orders", started=WorkOrder.objects.exists).run(
        make
    )
    ctx.count("work orders", loop.made)
    if loop.made:
        sweep_deadlines()


def _advance(
    order: WorkOrder, *, rng: Any, age: int, office: User, head: User, handlers: dict[int, User], reply: str
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
        services.workorder_reply(actor=handler, order=order, reply=reply)
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
