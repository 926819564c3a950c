"""Demo enterprise demands (企业诉求): a few hundred, in every state, made through the services the pages
use — filed on the portal by the demo enterprise's login or recorded by staff for the others, routed to
the department or street that answers them (some returned or transferred first), replied to on time or
late, rated by the enterprise or closed by the bureau; about one in eight marked a key demand."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Department, OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core import calendar
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises import demand_services as services
from hrbureau.enterprises.demand_choices import DemandChannel, DemandKind
from hrbureau.enterprises.models import Enterprise, EnterpriseDemand

LINE = "enterprise-demands"

# kind -> (titles, what is asked, replies); {n} a number of people, {post} a job.
TEXTS: dict[str, tuple[list[str], list[str], list[str]]] = {
    DemandKind.RECRUITMENT: (
        ["急需招聘{post}{n}名", "旺季用工缺口{n}人", "申请参加专场招聘会"],
        [
            "订单增加，{post}缺口约{n}人，希望协助对接劳务资源。",
            "希望在近期招聘会上设展位，招聘{post}{n}名。",
        ],
        [
            "已将岗位信息推送至区公共招聘平台，并安排参加下周专场招聘会。",
            "已对接两家人力资源服务机构，协助推荐求职者{n}人。",
        ],
    ),
    DemandKind.TRAINING: (
        ["员工技能提升培训", "申请以工代训补贴", "{post}岗位技能培训"],
        ["计划组织{n}名员工参加{post}技能培训，咨询补贴申请条件。", "希望与职业院校合作开展订单式培训。"],
        [
            "已告知职业技能培训补贴申领流程，并推荐区内定点培训机构。",
            "已协调职业院校对接，培训计划下月开班。",
        ],
    ),
    DemandKind.POLICY: (
        ["稳岗返还政策咨询", "吸纳就业补贴申领", "研发人员社保补贴咨询"],
        ["今年新招用{n}名高校毕业生，咨询可享受哪些补贴。", "咨询稳岗返还资金何时发放及如何查询。"],
        ["经核实，企业符合吸纳就业补贴条件，已指导线上申报。", "稳岗返还资金已进入公示程序，预计下月拨付。"],
    ),
    DemandKind.LABOUR_RELATIONS: (
        ["劳动合同规范指导", "调岗调薪合规咨询", "劳动争议预防指导"],
        ["企业拟调整{n}名员工岗位，咨询合规程序。", "希望劳动关系专家上门指导规章制度修订。"],
        [
            "已安排劳动关系协调员上门指导，提供规章制度范本。",
            "已就调岗程序作书面答复，并提示协商一致的要求。",
        ],
    ),
    DemandKind.TALENT: (
        ["人才公寓申请", "高层次人才认定咨询", "引进{post}人才"],
        ["新引进{n}名技术骨干，希望申请人才公寓。", "咨询高层次人才认定标准及申报时间。"],
        ["已受理人才公寓申请，按轮候顺序安排。", "已告知认定标准，并指导准备申报材料。"],
    ),
    DemandKind.SOCIAL_INSURANCE: (
        ["社保缴费基数咨询", "工伤保险待遇办理", "社保补缴咨询"],
        ["咨询新入职{n}名员工的社保缴费基数如何确定。", "员工工伤认定后，咨询待遇申领材料。"],
        ["已解答缴费基数核定口径，并提供办事指南。", "已协调社保经办窗口，开通绿色通道办理。"],
    ),
    DemandKind.OTHER: (
        ["员工子女入学咨询", "园区通勤班车协调", "员工住宿问题"],
        ["{n}名外地员工子女入学，希望协助了解学位政策。", "园区通勤不便，希望协调增开公交线路。"],
        ["已将诉求转交相关部门，并告知办理渠道。", "已协调街道与交通部门研究解决。"],
    ),
}
POSTS = ["普工", "电工", "焊工", "数控操作员", "仓管员", "质检员", "软件工程师", "销售代表"]
# Where each kind is usually answered (a department); a third go to the enterprise's street instead.
DEPARTMENT_OF_KIND = {
    DemandKind.RECRUITMENT: Department.EMPLOYMENT,
    DemandKind.TRAINING: Department.EMPLOYMENT,
    DemandKind.POLICY: Department.EMPLOYMENT,
    DemandKind.LABOUR_RELATIONS: Department.LABOUR_RELATIONS,
    DemandKind.TALENT: Department.TALENT,
    DemandKind.SOCIAL_INSURANCE: Department.LABOUR_RELATIONS,
    DemandKind.OTHER: Department.EMPLOYMENT,
}
KIND_WEIGHTS = {
    DemandKind.RECRUITMENT: 30,
    DemandKind.TRAINING: 12,
    DemandKind.POLICY: 22,
    DemandKind.LABOUR_RELATIONS: 10,
    DemandKind.TALENT: 10,
    DemandKind.SOCIAL_INSURANCE: 10,
    DemandKind.OTHER: 6,
}
# How far each demand gets (of 100): filed, routed, replied, rated, closed by staff, withdrawn.
OUTCOMES = {"filed": 8, "routed": 14, "replied": 14, "rated": 50, "closed": 8, "withdrawn": 6}
RATINGS = {5: 50, 4: 30, 3: 12, 2: 5, 1: 3}


def volume(ctx: DemoContext) -> int:
    """A few hundred at the demo's 5,000 enterprises; fewer for a small demo."""
    return max(30, min(400, ctx.enterprises // 15))


PORTAL_ACCOUNTS = 20


def _portal_accounts(ctx: DemoContext) -> None:
    """Portal accounts of key enterprises that file their demands online (no password: they exist to have
    filed; the demo's own enterprise login is ``enterprise``)."""
    from hrbureau.enterprises.models import EnterpriseTag

    if User.objects.filter(username__startswith="demo-ent-").exists():
        return  # made on the first run (the key enterprises change after it: the service plans' demo)
    tag = EnterpriseTag.objects.filter(code="key-enterprise").first()
    chosen = Enterprise.objects.filter(status="active", street__isnull=False)
    if tag is not None:
        chosen = chosen.filter(tags=tag)
    for enterprise in chosen.order_by("id")[:PORTAL_ACCOUNTS]:
        username = f"demo-ent-{enterprise.pk}"
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            role=Role.ENTERPRISE,
            full_name=f"{enterprise.name}经办人",
            enterprise=enterprise,
        )
        user.set_unusable_password()
        user.save()
        ctx.count("enterprise portal accounts", 1)


def seed(ctx: DemoContext) -> None:
    _portal_accounts(ctx)
    people = _people()
    if people is None:
        ctx.log("enterprise demands: no department staff to route them; skipped")
        return
    enterprises = list(
        Enterprise.objects.filter(status="active", street__isnull=False)
        .order_by("id")
        .values_list("id", flat=True)[:3000]
    )
    if not enterprises:
        return
    total = volume(ctx)
    ctx.cases(LINE, total, what="enterprise demands", started=EnterpriseDemand.objects.exists).run(
        lambda number: _demand(ctx, people, enterprises, number)
    )


def _people() -> dict[str, Any] | None:
    staff = User.objects.filter(is_active=True, role__in=[Role.DEPT_STAFF, Role.DEPT_HEAD]).select_related(
        "org_unit"
    )
    by_unit: dict[int | None, Any] = {}
    for user in staff.order_by("role", "id"):
        by_unit.setdefault(user.org_unit_id, user)
    for user in User.objects.filter(is_active=True, role=Role.STREET_STAFF).order_by("id"):
        by_unit.setdefault(user.org_unit_id, user)
    router = staff.filter(org_unit__code=Department.EMPLOYMENT).first() or staff.first()
    if router is None:
        return None
    portal = {
        u.enterprise_id: u
        for u in User.objects.filter(role=Role.ENTERPRISE, is_active=True, enterprise__isnull=False)
    }
    departments = dict(OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).values_list("code", "id"))
    return {"router": router, "by_unit": by_unit, "portal": portal, "departments": departments}


def _fill(rng: random.Random, text: str) -> str:
    return text.format(n=rng.randint(3, 60), post=rng.choice(POSTS))


def _demand(ctx: DemoContext, people: dict[str, Any], enterprises: list[int], number: int) -> None:
    rng = ctx.case_rng(LINE, number)
    today = timezone.localdate()
    kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
    outcome = rng.choices(list(OUTCOMES), list(OUTCOMES.values()))[0]
    # Enterprises with a portal account file every other demand there (the demo enterprise's login every
    # tenth); staff record the others.
    portal_ids = sorted(people["portal"])
    if portal_ids and number % 10 == 0:
        enterprise_id = portal_ids[0]
    elif portal_ids and number % 2 == 0:
        enterprise_id = rng.choice(portal_ids)
    else:
        enterprise_id = rng.choice(enterprises)
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    ago = rng.randint(0, 5) if outcome in ("filed", "routed") else rng.randint(6, 150)
    filed_on = min(today, today - dt.timedelta(days=ago))
    titles, asks, replies = TEXTS[kind]
    by_unit = people["by_unit"]
    street_staff = by_unit.get(enterprise.street_id)
    if enterprise_id in people["portal"]:
        actor, channel = people["portal"][enterprise_id], DemandChannel.PORTAL
    else:
        actor = street_staff if street_staff is not None and rng.random() < 0.5 else people["router"]
        channel = DemandChannel.OFFICER if rng.random() < 0.8 else DemandChannel.OTHER
    demand = services.demand_file(
        actor=actor,
        enterprise=enterprise,
        kind=kind,
        title=_fill(rng, rng.choice(titles)),
        description=_fill(rng, rng.choice(asks)),
        channel=channel,
        contact_name=rng.choice(["王经理", "李主管", "陈女士", "张先生", "刘科长"]),
        contact_phone=f"13{rng.randint(100000000, 999999999)}",
        filed_on=filed_on,
    )
    ctx.count("enterprise demands", 1)
    router = people["router"]
    if rng.random() < 0.12:
        services.demand_mark_key(
            actor=router,
            demand=demand,
            reason=rng.choice(["涉及重点企业稳产用工", "诉求涉及人数多", "区领导挂点企业"]),
        )
    if outcome == "filed":
        return
    if outcome == "withdrawn":
        if channel == DemandChannel.PORTAL:
            services.demand_withdraw(actor=actor, demand=demand, reason="问题已自行解决")
            return
        outcome = "rated" if rng.random() < 0.5 else "routed"
    unit_id = people["departments"].get(DEPARTMENT_OF_KIND[DemandKind(kind)])
    if street_staff is not None and rng.random() < 0.33:
        unit_id = enterprise.street_id
    if unit_id not in by_unit:
        unit_id = router.org_unit_id
    assert unit_id is not None
    if rng.random() < 0.08 and street_staff is not None and unit_id != enterprise.street_id:
        # First sent to the street, which returns it: not theirs.
        services.demand_route(actor=router, demand=demand, unit=enterprise.street)
        services.demand_return(actor=street_staff, demand=demand, reason="该诉求属区级部门职责")
    services.demand_route(actor=router, demand=demand, unit=OrgUnit.objects.get(pk=unit_id))
    if outcome == "routed":
        return
    # Replied within the period mostly; now and then a few days late.
    days = rng.randint(1, 7) if rng.random() < 0.85 else rng.randint(8, 14)
    replied_on = min(today, calendar.add_working_days(filed_on, days))
    services.demand_reply(
        actor=by_unit[unit_id], demand=demand, reply=_fill(rng, rng.choice(replies)), on=replied_on
    )
    if outcome == "replied":
        return
    if outcome == "rated" and channel == DemandChannel.PORTAL:
        rating = rng.choices(list(RATINGS), list(RATINGS.values()))[0]
        services.demand_rate(
            actor=actor,
            demand=demand,
            rating=rating,
            comment=rng.choice(["", "回复及时，感谢", "问题已解决"]),
            on=min(today, replied_on + dt.timedelta(days=rng.randint(0, 5))),
        )
        return
    services.demand_close(actor=router, demand=demand, reason="电话回访，企业对答复表示认可")
