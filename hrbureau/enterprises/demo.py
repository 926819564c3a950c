"""Demo enterprises spread over the demo streets, with valid USCCs (generated, not real)."""

from __future__ import annotations

import datetime as dt
import importlib

from hrbureau.accounts.selectors import grid_places
from hrbureau.core.demo import DemoContext
from hrbureau.core.identifiers import generate_uscc
from hrbureau.enterprises.choices import SECTION_DIVISIONS, EnterpriseStatus, SizeClass
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

# The standard tags, as the migration installs them (a demo on an emptied database puts them back).
TAGS = importlib.import_module("hrbureau.enterprises.migrations.0004_default_tags").TAGS
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
INDUSTRY_WORDS = {
    "C": ["电子", "精密制造", "模具", "新材料", "智能装备", "光电", "电池"],
    "F": ["贸易", "商贸", "供应链", "百货"],
    "I": ["科技", "软件", "信息技术", "网络"],
    "L": ["人力资源", "企业管理", "商务服务", "劳务派遣"],
    "G": ["物流", "运输", "快递"],
    "E": ["建筑工程", "装饰工程"],
    "M": ["检测技术", "设计研究"],
    "H": ["餐饮管理", "酒店"],
    "O": ["家政服务", "维修服务"],
    "K": ["物业管理", "置业"],
    "R": ["文化传播"],
    "Q": ["医疗"],
    "P": ["教育咨询"],
    "N": ["环保科技"],
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
    rng = ctx.rng("enterprises")
    fake = ctx.faker("enterprises")
    places = grid_places()
    sections = list(SECTION_WEIGHTS)
    weights = list(SECTION_WEIGHTS.values())
    existing = set(Enterprise.objects.values_list("uscc", flat=True))
    rows: list[Enterprise] = []
    tag_plan: list[tuple[str, list[str]]] = []
    for _ in range(ctx.enterprises):
        uscc = generate_uscc(rng, division="440306")
        section = rng.choices(sections, weights)[0]
        division = f"{rng.choice(list(SECTION_DIVISIONS[section])):02d}"
        size = rng.choices(list(SIZE_WEIGHTS), list(SIZE_WEIGHTS.values()))[0]
        grid, community, street = rng.choice(places)
        prefix = fake.company_prefix()
        word = rng.choice(INDUSTRY_WORDS[section])
        city = "深圳市" if rng.random() < 0.8 else "示范区"
        name = f"{city}{prefix}{word}有限公司"
        road = fake.street_name()
        address = f"广东省深圳市示范区{street.name}{road}{rng.randint(1, 399)}号"
        low, high = EMPLOYEES[size]
        tags = []
        if size in (SizeClass.LARGE, SizeClass.MEDIUM) and rng.random() < 0.35:
            tags.append("key-enterprise")
        if section == "L" and word in ("人力资源", "劳务派遣") and rng.random() < 0.3:
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
            Enterprise(
                uscc=uscc,
                name=name,
                legal_representative=legal_representative,
                registered_address=address,
                street=street,
                community=community,
                grid=grid,
                industry_section=section,
                industry_division=division,
                size_class=size,
                employees=employees,
                registration_date=registered,
                status=status,
            )
        )
        if tags:
            tag_plan.append((uscc, tags))
    Enterprise.objects.bulk_create(rows, batch_size=1000)
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
