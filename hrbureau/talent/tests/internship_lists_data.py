"""Rows of the internship lists for the declared-list tests (hrbureau/tests/test_declared_lists.py):
bases at every level and state, internships in every state and ground, varied start days."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from hrbureau.talent.internship_choices import BaseLevel, BaseState, InternGround, InternshipState


def _base(enterprise: Any, rng: random.Random) -> Any:
    from hrbureau.talent.models import InternshipBase

    return InternshipBase.objects.get_or_create(
        enterprise=enterprise,
        defaults={
            "street_id": enterprise.street_id,
            "level": rng.choice(BaseLevel.values),
            "state": rng.choice(BaseState.values),
            "approved_on": dt.date(2025, 1, 1),
            "posts": "文员\n助理",
        },
    )[0]


def _internship(base: Any, person: Any, n: int, rng: random.Random) -> Any:
    from hrbureau.talent.models import Internship

    starts = dt.date(2025, 1 + n % 12, 1 + n % 27)
    return Internship.objects.create(
        number=f"JX2025{n:06d}",
        person=person,
        base=base,
        employer_id=base.enterprise_id,
        street_id=base.street_id,
        post=rng.choice(["文员", "助理"]),
        starts_on=starts,
        ends_on=starts + dt.timedelta(days=180),
        ground=rng.choice(InternGround.values),
        state=rng.choice(InternshipState.values),
    )


def corpus_rows(world: Any, rng: random.Random) -> None:
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.people.models import Person

    enterprises = list(Enterprise.objects.order_by("id")[:10])
    bases = [_base(e, rng) for e in enterprises]
    people = list(Person.objects.order_by("id"))
    for n in range(16):
        _internship(rng.choice(bases), rng.choice(people), n, rng)


def makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory
    from hrbureau.people.tests.factories import PersonFactory

    rng = random.Random(4)
    street = world.units["street-a"]
    return {
        "internshipbase": lambda i: _base(EnterpriseFactory(street=street), rng),
        "internship": lambda i: _internship(
            _base(EnterpriseFactory(street=street), rng), PersonFactory(street=street), 500000 + i, rng
        ),
    }
