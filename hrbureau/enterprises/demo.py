"""Demo enterprises spread over the demo streets, with valid USCCs (generated, not real), names in the
registered form by industry (城市 + 字号 + 行业 + 组织形式) and addresses on their street's roads."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

from django.utils import timezone

from hrbureau.accounts.selectors import grid_places
from hrbureau.core import demotext
from hrbureau.core.bulk import bulk_insert
from hrbureau.core.demo import DemoContext
from hrbureau.core.identifiers import generate_uscc
from hrbureau.core.textsearch import bulk_insert_indexing
from hrbureau.enterprises.choices import EnterpriseStatus, SizeClass
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

# The standard tags, as the migration installs them (a demo on an emptied database puts them back).
TAGS = importlib.import_module("hrbureau.enterprises.migrations.0004_default_tags").TAGS
COLUMNS = [
    "uscc", "name", "former_names", "legal_representative", "registered_address", "street_id", "community_id",
    "grid_id", "industry_section", "industry_division", "size_class", "employees", "registration_date", "status",
    "created_at", "updated_at",
]  # fmt: skip
SECTION_WEIGHTS = {
    "C": 35,
    "F": 18,
    "I": 9,
    "L": 9,
    "G": 6,
    "E": 5,
    "M": 5,
    "H": 4,
    "O": 3,
    "K": 2,
    "R": 1,
    "Q": 1,
    "P": 1,
    "N": 1,
}
SIZE_WEIGHTS = {SizeClass.MICRO: 55, SizeClass.SMALL: 30, SizeClass.MEDIUM: 12, SizeClass.LARGE: 3}
EMPLOYEES = {
    SizeClass.MICRO: (1, 19),
    SizeClass.SMALL: (20, 299),
    SizeClass.MEDIUM: (300, 999),
    SizeClass.LARGE: (1000, 12000),
}
STATUS_WEIGHTS = {
    EnterpriseStatus.ACTIVE: 90,
    EnterpriseStatus.ABNORMAL: 5,
    EnterpriseStatus.DEREGISTERED: 3,
    EnterpriseStatus.REVOKED: 2,
}


def seed(ctx: DemoContext) -> None:
    for code, name, name_en in TAGS:
        _, created = EnterpriseTag.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en}
        )
        ctx.count("enterprise tags", int(created))
    # Identifiers come from a generator of their own, so a change in how names or addresses are written
    # never changes which enterprises the demo has.
    codes, rng = ctx.rng("enterprises:uscc"), ctx.rng("enterprises")
    fake = ctx.faker("enterprises")
    places = grid_places()
    sections = list(SECTION_WEIGHTS)
    weights = list(SECTION_WEIGHTS.values())
    if Enterprise.objects.exists():
        # The demo fills an empty registry; one that has rows (an earlier demo, an import) is left as it is.
        return
    existing: set[str] = set()
    names: set[str] = set()
    rows: list[list[object]] = []
    now = timezone.now()
    tag_plan: list[tuple[str, list[str]]] = []
    for _ in range(ctx.enterprises):
        uscc = generate_uscc(codes, division="440306")
        section = rng.choices(sections, weights)[0]
        size = rng.choices(list(SIZE_WEIGHTS), list(SIZE_WEIGHTS.values()))[0]
        grid, community, street = rng.choice(places)
        name, division = demotext.enterprise_name(rng, section, large=size == SizeClass.LARGE)
        while name in names:  # two enterprises never share a registered name
            name, division = demotext.enterprise_name(rng, section, large=size == SizeClass.LARGE)
        names.add(name)
        address = demotext.workplace_address(rng, street.name)
        low, high = EMPLOYEES[size]
        tags = []
        if size in (SizeClass.LARGE, SizeClass.MEDIUM) and rng.random() < 0.35:
            tags.append("key-enterprise")
        if section == "L" and division == 72 and rng.random() < 0.3:
            tags.append("hr-service-reporting")
        if section in ("C", "I") and size != SizeClass.MICRO and rng.random() < 0.03:
            tags.append(rng.choice(["little-giant", "postdoc-station"]))
        if section in ("C", "I", "M") and rng.random() < 0.08:
            tags.append("high-tech")
        registered = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randint(0, 9000))
        employees = rng.randint(low, high)
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        legal_representative = fake.name()
        # Everything random is drawn before this check, so a rerun walks the same sequence.
        if uscc in existing:
            continue
        existing.add(uscc)
        rows.append(
            [
                uscc, name, [], legal_representative, address, street.pk, community.pk, grid.pk, section,
                f"{division:02d}", size, employees, registered, status, now, now,
            ]
        )  # fmt: skip
        if tags:
            tag_plan.append((uscc, tags))
    # Written the way an import writes a registry (core.bulk, the search index filled in one statement).
    with bulk_insert_indexing(Enterprise.text_index):
        bulk_insert(Enterprise, COLUMNS, rows)
    ctx.count("enterprises", len(rows))
    if rows:
        tag_ids = dict(EnterpriseTag.objects.values_list("code", "id"))
        ids = dict(Enterprise.objects.filter(uscc__in=[u for u, _ in tag_plan]).values_list("uscc", "id"))
        through = Enterprise.tags.through
        through.objects.bulk_create(
            [
                through(enterprise_id=ids[uscc], enterprisetag_id=tag_ids[t])
                for uscc, tags in tag_plan
                for t in tags
            ],
            batch_size=1000,
            ignore_conflicts=True,
        )


def bind_demo_users(ctx: DemoContext) -> None:
    """The demo's enterprise login speaks for the first enterprise of the register. (``accounts.demo`` made the login
    unbound: accounts lies below the registries and names neither.)"""
    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.demo import DEMO_USERS
    from hrbureau.accounts.models import User

    usernames = [username for username, role, _unit, _name in DEMO_USERS if role == Role.ENTERPRISE]
    for user in User.objects.filter(username__in=usernames).select_related("enterprise"):
        if user.enterprise is None:
            user.enterprise = Enterprise.objects.order_by("id").first()
            if user.enterprise is None:
                continue
            user.save(update_fields=["enterprise"])
        record = user.enterprise
        ctx.login_at(user.username, f"{record.name} ({record.uscc})")


def seed_demands(ctx: DemoContext) -> None:
    """Enterprise demands (企业诉求): a case line of its own (``demand_demo``)."""
    from hrbureau.enterprises import demand_demo

    demand_demo.seed(ctx)


# --- Key enterprises' service plans (一企一策) and labour-demand lists (issue 17) -------------------------

SERVICE_LINE = "service_plans"
POSTS = (
    ("数控车工", "熟练操作数控车床，能看懂机械图纸", "high_school", 6500, 9000),
    ("电工", "持低压电工作业证", "high_school", 6000, 8500),
    ("仓库管理员", "熟悉ERP出入库操作", "high_school", 5000, 6500),
    ("质检员", "熟悉ISO9001质量体系", "college", 5500, 7500),
    ("焊工", "持焊工证，会氩弧焊", "junior_high", 7000, 10000),
    ("软件工程师", "Java或Python开发三年以上", "bachelor", 15000, 25000),
    ("销售代表", "有B2B销售经验", "college", 6000, 12000),
    ("普工", "能适应两班倒", "any", 4800, 6000),
    ("叉车司机", "持叉车证", "junior_high", 5500, 7000),
    ("会计", "持初级会计职称", "bachelor", 7000, 10000),
)
TASKS = {
    "recruitment": ("举办企业专场招聘会", "推送岗位至区公共招聘平台", "对接高校开展校园招聘"),
    "training": ("组织新员工岗前培训", "申报以工代训补贴", "开展技能等级认定"),
    "policy": ("宣讲稳岗返还政策", "协助申报社保补贴", "上门解读减负稳岗政策"),
    "disputes": ("劳动用工体检", "指导完善劳动合同文本", "调解欠薪苗头纠纷"),
    "talent": ("推荐申报高层次人才认定", "协调人才住房", "对接博士后工作站建站"),
    "other": (
        "协调员工子女入学",
        "协调通勤班车线路",
    ),
}


def seed_service_plans(ctx: DemoContext) -> None:
    """A few hundred key enterprises, each with its service officer; this year's plan for most, with
    items in every state and visits; labour-demand lists for most (200+ at the demo's size)."""
    from django.db.models import Q

    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.models import User
    from hrbureau.enterprises.models import ServicePlan
    from hrbureau.enterprises.plan_choices import KEY_ENTERPRISE_TAG

    district = (
        User.objects.filter(
            Q(org_unit__code="employment") | Q(role=Role.DEPT_STAFF), role=Role.DEPT_STAFF, is_active=True
        )
        .order_by("-org_unit__code", "id")
        .first()
    )
    if district is None:
        ctx.log("service plans: no department staff; skipped")
        return
    by_street = {
        u.org_unit_id: u for u in User.objects.filter(role=Role.STREET_STAFF, is_active=True).order_by("-id")
    }
    tag = EnterpriseTag.objects.filter(code=KEY_ENTERPRISE_TAG).first()
    if tag is None:
        return
    rng = ctx.rng(SERVICE_LINE)
    active = Enterprise.objects.filter(status=EnterpriseStatus.ACTIVE)
    # The demo enterprise login speaks for the first enterprise of the register (bind_demo_users): it is
    # a key enterprise, so that its portal shows its plan.
    first = Enterprise.objects.order_by("id").values_list("id", flat=True).first()
    served = Enterprise.objects.filter(Q(status=EnterpriseStatus.ACTIVE) | Q(pk=first), tags=tag)
    keys = list(served.order_by("id").values_list("id", flat=True))
    # Enough key enterprises for demand lists covering 200+ of them (the demo's size allowing).
    goal = min(320, max(len(keys), active.count() // 15))
    if not ServicePlan.objects.exists():
        others = list(
            active.exclude(tags=tag)
            .exclude(size_class=SizeClass.MICRO)
            .order_by("id")
            .values_list("id", flat=True)
        )
        extra = ([first] if first is not None and first not in keys else []) + rng.sample(
            others, max(0, min(len(others), goal - len(keys) - 1))
        )
        Enterprise.tags.through.objects.bulk_create(
            [Enterprise.tags.through(enterprise_id=pk, enterprisetag_id=tag.pk) for pk in extra],
            ignore_conflicts=True,
        )
        keys = list(served.order_by("id").values_list("id", flat=True))
    enterprises = list(Enterprise.objects.filter(pk__in=keys).order_by("id"))
    today = timezone.localdate()
    ctx.cases(SERVICE_LINE, len(enterprises), what="key enterprises", started=ServicePlan.objects.exists).run(
        lambda number: _key_enterprise(ctx, district, by_street, enterprises[number], number, today)
    )


def _key_enterprise(
    ctx: DemoContext, actor: Any, by_street: dict[Any, Any], enterprise: Enterprise, i: int, today: dt.date
) -> None:
    from hrbureau.enterprises import plan_services

    rng = ctx.case_rng(SERVICE_LINE, i)
    officer = by_street.get(enterprise.street_id, actor)
    plan_services.officer_assign(actor=actor, enterprise=enterprise, officer=officer)
    year_start = dt.date(today.year, 1, 1)
    span = (today - year_start).days

    def this_year_day() -> dt.date:
        return year_start + dt.timedelta(days=rng.randint(0, span))

    if rng.random() < 0.12:  # last year's plan only: not covered this year
        plan_services.plan_create(
            actor=actor, enterprise=enterprise, officer=officer, year=today.year - 1, summary="稳岗扩岗"
        )
    else:
        plan = plan_services.plan_create(
            actor=actor,
            enterprise=enterprise,
            officer=officer,
            year=today.year,
            summary=rng.choice(["稳岗扩岗、技能提升", "人才引进与政策兑现", "用工保障与劳动关系和谐"]),
        )
        ctx.count("service plans", 1)
        for _n in range(rng.randint(2, 5)):
            area = rng.choice(list(TASKS))
            due = today + dt.timedelta(days=rng.randint(-150, 120))
            item = plan_services.item_add(
                actor=actor, plan=plan, area=area, task=rng.choice(TASKS[area]), due_on=due
            )
            ctx.count("plan items", 1)
            roll = rng.random()
            if due <= today:
                if roll < 0.6:
                    late = rng.random() < 0.25
                    done = (
                        min(today, due + dt.timedelta(days=rng.randint(1, 20)))
                        if late
                        else due - dt.timedelta(days=rng.randint(0, 10))
                    )
                    plan_services.item_complete(actor=actor, item=item, on=done)
                elif roll < 0.75:
                    plan_services.item_start(actor=actor, item=item)
                    plan_services.item_record_progress(
                        actor=actor, item=item, progress=rng.choice([20, 50, 80])
                    )
                elif roll < 0.85:
                    plan_services.item_drop(actor=actor, item=item, reason="企业需求已变化")
            elif roll < 0.3:
                plan_services.item_start(actor=actor, item=item)
                plan_services.item_record_progress(actor=actor, item=item, progress=rng.choice([10, 30, 60]))
            elif roll < 0.4:
                plan_services.item_complete(
                    actor=actor, item=item, on=today - dt.timedelta(days=rng.randint(0, 10))
                )
        for _n in range(rng.randint(0, 3)):
            plan_services.visit_record(
                actor=actor,
                officer=officer,
                enterprise=enterprise,
                visited_on=this_year_day(),
                met=rng.choice(["人事经理", "总经理", "行政主管", "工会主席"]),
                discussed=rng.choice(
                    ["春节后返岗用工缺口", "技能人才培养", "稳岗返还申领", "新厂区投产招工计划"]
                ),
                follow_ups=rng.choice(["", "推送招聘会信息", "联系就业科对接岗位"]),
            )
            ctx.count("service visits", 1)
    if rng.random() < 0.85:  # the labour-demand list
        for post, skills, education, low, high in rng.sample(POSTS, rng.randint(1, 3)):
            headcount = rng.choice([2, 3, 5, 8, 10, 20])
            demand = plan_services.labour_demand_record(
                actor=actor,
                enterprise=enterprise,
                data={
                    "post": post,
                    "headcount": headcount,
                    "skills": skills,
                    "education": education,
                    "wage_min": low,
                    "wage_max": high,
                    "needed_by": today + dt.timedelta(days=rng.randint(-30, 120)),
                },
            )
            ctx.count("labour demands", 1)
            roll = rng.random()
            if roll < 0.35:
                plan_services.demand_hires_record(
                    actor=actor, demand=demand, hires=rng.randint(1, headcount - 1), note="专场招聘会"
                )
            elif roll < 0.5:
                plan_services.demand_hires_record(
                    actor=actor, demand=demand, hires=headcount, note="公共招聘平台"
                )
            elif roll < 0.55:
                plan_services.demand_withdraw(actor=actor, demand=demand, reason="企业调整招聘计划")
