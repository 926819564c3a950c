"""Rows of talent intake's and certification's declared lists, for hrbureau/tests/test_declared_lists.py:
varied in every filtered column (state, basis, category, level, street, days), and one more row per list
for the query-count test."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

_SERIAL = itertools.count(1)


def _categories() -> list[Any]:
    from hrbureau.talent.certification_models import TalentCategory

    return [
        TalentCategory.objects.get_or_create(
            code=f"list-{level}", defaults={"name": f"{level}类人才", "level": level}
        )[0]
        for level in ("A", "B", "C")
    ]


def _person(world: Any, street: Any) -> Any:
    from hrbureau.people.tests.factories import PersonFactory

    return PersonFactory(street=street, name=f"人才{next(_SERIAL)}号")


def _intake(world: Any, *, street: Any, state: str, basis: str, day: dt.date) -> Any:
    from hrbureau.talent.certification_models import IntakeApplication

    n = next(_SERIAL)
    return IntakeApplication.objects.create(
        number=f"YJ9{n:08d}",
        person=_person(world, street),
        street=street,
        basis=basis,
        qualification="工学硕士",
        submitted_on=day,
        state=state,
        registration_number=f"公户受{n}" if state == "registered" else "",
    )


def _certification(world: Any, *, street: Any, state: str, category: Any, day: dt.date) -> Any:
    from hrbureau.talent.certification_models import Certification

    n = next(_SERIAL)
    certified = state in ("certified", "expired")
    return Certification.objects.create(
        number=f"RD9{n:08d}",
        person=_person(world, street),
        street=street,
        category=category,
        employer=world.enterprises["a1"] if n % 2 else None,
        submitted_on=day,
        state=state,
        certificate_number=f"区高层次人才〔{day.year}〕第{n:04d}号" if certified else "",
        valid_from=day if certified else None,
        valid_until=day + dt.timedelta(days=365 * 3) if certified else None,
        expert_mean=Decimal("81.50") if certified else None,
    )


def corpus_rows(world: Any, rng: Any) -> None:
    streets = [world.units["street-a"], world.units["street-b"], None]
    categories = _categories()
    for n in range(14):
        _intake(
            world,
            street=rng.choice(streets),
            state=rng.choice(["submitted", "reviewed", "registered", "refused"]),
            basis=rng.choice(["degree", "title", "skill"]),
            day=dt.date(2026, 3, 1 + n),
        )
    for n in range(18):
        _certification(
            world,
            street=rng.choice(streets),
            state=rng.choice(["submitted", "expert_review", "certified", "certified", "expired", "refused"]),
            category=rng.choice(categories),
            day=dt.date(2025 + n % 2, 3, 1 + n),
        )


def list_makers(world: Any) -> dict[str, Callable[[int], Any]]:
    street = world.units["street-a"]

    def category(i: int) -> Any:
        from hrbureau.talent.certification_models import TalentCategory

        return TalentCategory.objects.create(code=f"more-{i}", name=f"类别{i}", level="B")

    return {
        "intakeapplication": lambda i: _intake(
            world, street=street, state="submitted", basis="degree", day=dt.date(2026, 3, 1)
        ),
        "certification": lambda i: _certification(
            world, street=street, state="submitted", category=_categories()[0], day=dt.date(2026, 3, 1)
        ),
        "talentregister": lambda i: _certification(
            world, street=street, state="certified", category=_categories()[1], day=dt.date(2026, 3, 1)
        ),
        "talentcategory": category,
    }
