"""Demo organisation (a fictional district) and one login per role."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from hrbureau.accounts.choices import Department, OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.accounts.services import orgunit_create
from hrbureau.core.demo import DEMO_PASSWORD, DemoContext

BUREAU = ("bureau", "示范区人力资源局", "Shifan District Human Resources Bureau")
DEPARTMENTS = [
    (Department.TALENT, "人才服务科", "Talent Services"),
    (Department.EMPLOYMENT, "就业促进科", "Employment Promotion"),
    (Department.LABOUR_RELATIONS, "劳动关系科", "Labour Relations"),
    (Department.ARBITRATION, "劳动人事争议仲裁院", "Labour Dispute Arbitration Institute"),
    (Department.PETITIONS, "信访办", "Petitions Office"),
    (Department.HR_MARKET, "人力资源市场监管科", "HR Market Supervision"),
    (Department.OFFICE, "办公室", "General Office"),
]
DISTRICT = ("district", "示范区", "Shifan District")
STREETS = [
    ("donghu", "东湖街道", "Donghu Street"),
    ("xiling", "西岭街道", "Xiling Street"),
    ("nangang", "南港街道", "Nangang Street"),
    ("beiyuan", "北苑街道", "Beiyuan Street"),
    ("zhongxin", "中心街道", "Zhongxin Street"),
    ("binhai", "滨海街道", "Binhai Street"),
    ("fenghuang", "凤凰街道", "Fenghuang Street"),
    ("qingshan", "青山街道", "Qingshan Street"),
    ("longwan", "龙湾街道", "Longwan Street"),
    ("jinqiao", "金桥街道", "Jinqiao Street"),
]
COMMUNITY_NAMES = [("a", "一", "1"), ("b", "二", "2"), ("c", "三", "3")]
GRIDS_PER_COMMUNITY = 2


def _unit(
    kind: str, code: str, name: str, name_en: str, parent: OrgUnit | None, order: int, ctx: DemoContext
) -> OrgUnit:
    existing = OrgUnit.objects.filter(code=code).first()
    if existing is not None:
        return existing
    ctx.count("organisation units", 1)
    return orgunit_create(kind=kind, code=code, name=name, name_en=name_en, parent=parent, sort_order=order)


def seed_organisation(ctx: DemoContext) -> None:
    bureau = _unit(OrgUnitKind.BUREAU, *BUREAU, None, 0, ctx)
    for order, (code, name, name_en) in enumerate(DEPARTMENTS):
        _unit(OrgUnitKind.DEPARTMENT, str(code), name, name_en, bureau, order, ctx)
    district = _unit(OrgUnitKind.DISTRICT, *DISTRICT, None, 1, ctx)
    for s_order, (s_code, s_name, s_en) in enumerate(STREETS):
        street = _unit(OrgUnitKind.STREET, f"street-{s_code}", s_name, s_en, district, s_order, ctx)
        stem = s_name.removesuffix("街道")
        for c_order, (c_code, c_cn, c_en) in enumerate(COMMUNITY_NAMES):
            community = _unit(
                OrgUnitKind.COMMUNITY,
                f"community-{s_code}-{c_code}",
                f"{stem}{c_cn}社区",
                f"{s_en.removesuffix(' Street')} Community {c_en}",
                street,
                c_order,
                ctx,
            )
            for g in range(1, GRIDS_PER_COMMUNITY + 1):
                _unit(
                    OrgUnitKind.GRID,
                    f"grid-{s_code}-{c_code}-{g}",
                    f"{stem}{c_cn}社区第{g}网格",
                    f"{s_en.removesuffix(' Street')} {c_en} Grid {g}",
                    community,
                    g,
                    ctx,
                )


# (username, role, unit code or None, full name)
DEMO_USERS = [
    ("admin", Role.SYSADMIN, "office", "系统管理员"),
    ("leader", Role.LEADER, "bureau", "局领导"),
    ("talent_head", Role.DEPT_HEAD, "talent", "人才服务科科长"),
    ("talent_staff", Role.DEPT_STAFF, "talent", "人才服务科科员"),
    ("employment_staff", Role.DEPT_STAFF, "employment", "就业促进科科员"),
    ("labour_head", Role.DEPT_HEAD, "labour_relations", "劳动关系科科长"),
    ("labour_staff", Role.DEPT_STAFF, "labour_relations", "劳动关系科科员"),
    ("petitions_head", Role.DEPT_HEAD, "petitions", "信访办主任"),
    ("petitions_staff", Role.DEPT_STAFF, "petitions", "信访办工作人员"),
    ("street_staff", Role.STREET_STAFF, "street-donghu", "东湖街道劳动保障工作人员"),
    ("street_staff2", Role.STREET_STAFF, "street-xiling", "西岭街道劳动保障工作人员"),
    ("grid_worker", Role.GRID_WORKER, "grid-donghu-a-1", "东湖一社区第1网格网格员"),
    ("arbitration_head", Role.DEPT_HEAD, "arbitration", "仲裁院院长"),
    ("arbitrator", Role.ARBITRATOR, "arbitration", "仲裁员"),
    ("arbitrator2", Role.ARBITRATOR, "arbitration", "仲裁员（兼职）"),
    ("arbitrator3", Role.ARBITRATOR, "arbitration", "仲裁员（专职）"),
    ("clerk", Role.ARBITRATION_CLERK, "arbitration", "仲裁书记员"),
    ("integration", Role.INTEGRATION, None, "12345 平台对接"),
    ("enterprise", Role.ENTERPRISE, None, "企业经办人"),
    ("citizen", Role.INDIVIDUAL, None, "市民"),
]


def seed_users(ctx: DemoContext) -> None:
    """The demo logins. The enterprise and the citizen accounts are bound to a record of the registries
    by the registries' own demo steps (``enterprises.demo.bind_demo_users``, ``people.demo…``), which run
    next: accounts sits below the registries and names neither."""
    password = make_password(DEMO_PASSWORD)
    for username, role, unit_code, full_name in DEMO_USERS:
        unit = OrgUnit.objects.get(code=unit_code) if unit_code else None
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                role=role,
                org_unit=unit,
                full_name=full_name,
                password=password,
                email=f"{username}@demo.hrbureau.local",
                is_superuser=role == Role.SYSADMIN,
                is_staff=role == Role.SYSADMIN,
            )
            user.save()
            ctx.count("users", 1)
        ctx.logins.append((username, str(Role(role).label), str(user.org_unit.name) if user.org_unit else ""))
