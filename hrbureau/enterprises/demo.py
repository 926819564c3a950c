"""Demo enterprises spread over the demo streets, with valid USCCs (generated, not real), names in the
registered form by industry (城市 + 字号 + 行业 + 组织形式) and addresses on their street's roads."""

from __future__ import annotations

import datetime as dt
import importlib

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
