"""Subsidy test helpers: a scheme configured as the department head writes it, people born on a given
day, a second user of a role, and an application taken through its steps."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.identifiers import generate_resident_id
from hrbureau.people.tests.factories import PersonFactory
from hrbureau.talent import subsidy_applications as svc
from hrbureau.talent.choices import AmountRule
from hrbureau.talent.models import SchemeLevel, SchemeRate, SubsidyScheme

_codes = iter(range(1, 1_000_000))
_rng = random.Random(18)

LIVING_RATES = (("bachelor", "15000", 30), ("master", "25000", 35), ("phd", "30000", 40))


def make_scheme(
    *, rates: Any = (), levels: Any = (Role.DEPT_STAFF,), excludes: Any = (), **fields: Any
) -> SubsidyScheme:
    defaults: dict[str, Any] = {
        "code": f"s{next(_codes)}",
        "name": "新引进人才生活补贴",
        "amount_rule": AmountRule.FIXED,
        "fixed_amount": Decimal("10000.00"),
    }
    defaults.update(fields)
    scheme = SubsidyScheme.objects.create(**defaults)
    for degree, amount, age in rates:
        SchemeRate.objects.create(scheme=scheme, degree=degree, amount=Decimal(amount), age_below=age)
    for number, role in enumerate(levels, start=1):
        SchemeLevel.objects.create(scheme=scheme, number=number, role=role)
    scheme.excludes.set(excludes)
    return scheme


def living_scheme(**fields: Any) -> SubsidyScheme:
    return make_scheme(amount_rule=AmountRule.BY_DEGREE, fixed_amount=None, rates=LIVING_RATES, **fields)


def person_born(born: dt.date, world: Any = None, **fields: Any) -> Any:
    id_number = generate_resident_id(_rng, address="440306", birth_date=born, male=True)
    extra: dict[str, Any] = {}
    if world is not None:
        extra = {
            "street": world.units["street-a"],
            "community": world.units["community-a"],
            "grid": world.units["grid-a1"],
        }
    return PersonFactory(id_number=id_number, **extra, **fields)


def another(role: str, name: str, world: Any) -> User:
    return User.objects.create_user(
        username=name, password="Secret#2026", role=role, org_unit=world.units["talent"], full_name=name
    )


def submit(world: Any, scheme: SubsidyScheme, person: Any = None, **kwargs: Any) -> Any:
    """An application by the standard individual (resident a1) for themselves."""
    kwargs.setdefault("bank_name", "工商银行")
    kwargs.setdefault("account_number", "6222020000000001")
    return svc.application_submit(
        actor=world.user("individual"), scheme=scheme, person=person or world.people["a1"], **kwargs
    )


# --- rows for the generic list tests (tests/test_declared_lists.py) ----------------------------------


def corpus_rows(world: Any, rng: random.Random) -> None:
    """Applications varied in every filtered column (scheme, state, street, channel), people's names
    to search, and schemes of every amount rule; some at the level the world's staff decide."""
    from hrbureau.talent.models import SubsidyApplication

    schemes = [
        make_scheme(code="corpus-a", name="语料补贴甲"),
        make_scheme(
            code="corpus-b",
            name="语料补贴乙",
            amount_rule=AmountRule.MONTHLY,
            fixed_amount=None,
            monthly_amount=Decimal("100"),
            max_months=3,
            levels=(Role.DEPT_STAFF, Role.DEPT_HEAD),
        ),
        living_scheme(code="corpus-c"),
    ]
    streets = [world.units["street-a"], world.units["street-b"], None]
    names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊"]
    for n in range(18):
        person: Any = PersonFactory(name=rng.choice(names) + str(n), street=rng.choice(streets[:2]))
        SubsidyApplication.objects.create(
            number=f"BT2026{n:06d}",
            scheme=rng.choice(schemes),
            person=person,
            street=rng.choice(streets),
            channel=rng.choice(["portal", "counter", "import"]),
            state=rng.choice(["submitted", "in_review", "approved", "refused"]),
            levels_approved=rng.choice([0, 1]),
            amount=Decimal("1000.00"),
        )


def makers(world: Any) -> dict[str, Any]:
    from hrbureau.talent.models import SubsidyApplication

    street = world.units["street-a"]

    def application(i: int) -> Any:
        scheme = SubsidyScheme.objects.filter(code="more").first() or make_scheme(code="more")
        person: Any = PersonFactory(street=street)
        return SubsidyApplication.objects.create(
            number=f"BT9{i:08d}",
            scheme=scheme,
            person=person,
            street=street,
            state="in_review",
            amount=Decimal("100.00"),
        )

    return {
        "subsidyapplication": application,
        "subsidyqueue": application,
        "subsidyscheme": lambda i: make_scheme(code=f"more-{i}"),
    }
