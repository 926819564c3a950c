"""Recruitment rows for the declared-list tests (``hrbureau/tests/test_declared_lists.py``): plans, posts
and registrations varied in every filtered and searched column, and a maker per list for the query-count
test."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

HANZI = "东湖西岭凤凰科技电子有限公司工资拖欠加班%_"
_SERIAL = itertools.count(1)


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(low, high)))


def _plan(n: int, rng: random.Random | None = None) -> Any:
    from hrbureau.personnel.recruitment_models import RecruitmentPlan

    rng = rng or random.Random(n)
    opens = dt.date(2026, 3, 1) + dt.timedelta(days=n % 20)
    return RecruitmentPlan.objects.create(
        number=f"ZPC{n:05d}",
        name=_text(rng, 2, 10) + "招聘",
        organiser=_text(rng, 0, 8),
        kind=rng.choice(["health", "teachers_outside", "jucai_8543", "excellent_500"]),
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=rng.randint(0, 15)),
        written_weight=Decimal("40"),
        interview_weight=Decimal("60"),
    )


def _post(plan: Any, n: int) -> Any:
    from hrbureau.personnel.recruitment_models import RecruitmentPost

    return RecruitmentPost.objects.create(plan=plan, unit="单位", code=f"P{n:04d}", title="岗位", headcount=1)


def _registration(post: Any, n: int, rng: random.Random) -> Any:
    from hrbureau.people.tests.factories import PersonFactory
    from hrbureau.personnel.recruitment_models import Registration

    person: Any = PersonFactory(name=_text(rng, 2, 4))
    state = rng.choice(["submitted", "supplement", "qualified", "failed", "withdrawn"])
    return Registration.objects.create(
        number=f"BMC{n:06d}",
        plan=post.plan,
        post=post,
        person=person,
        registered_at=timezone.now(),
        education="bachelor",
        age_at_close=30,
        education_level=5,
        degree_level=1,
        title_level=0,
        state=state,
        ticket_number=f"T{n:06d}" if state == "qualified" else None,
        shortlisted=state == "qualified" and rng.random() < 0.5,
    )


def corpus_rows(world: Any, rng: random.Random) -> None:
    for n in range(8):
        plan = _plan(n, rng)
        for k in range(2):
            post = _post(plan, n * 10 + k)
            for m in range(2):
                _registration(post, n * 100 + k * 10 + m, rng)


def makers(world: Any) -> dict[str, Any]:
    def registration(i: int) -> Any:
        plan = _plan(1000 + i)
        return _registration(_post(plan, i), 10_000 + next(_SERIAL), random.Random(i))

    return {
        "recruitmentplan": lambda i: _plan(2000 + next(_SERIAL)),
        "recruitmentpost": lambda i: _post(_plan(3000 + next(_SERIAL)), i),
        "registration": registration,
    }
