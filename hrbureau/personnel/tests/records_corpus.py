"""Rows of the personnel records' declared lists for the generic list tests (``test_declared_lists``):
a corpus varied in every filtered column, and makers of one more row of each list."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

from hrbureau.personnel.tests.records_helpers import staff_member

HANZI = "东湖西岭凤凰科技电子有限公司工资拖欠加班%_"


def _text(rng: random.Random, low: int, high: int) -> str:
    return "".join(rng.choice(HANZI) for _ in range(rng.randint(low, high)))


def _grades() -> tuple[Any, Any]:
    from hrbureau.personnel.records_models import PromotionRule, StaffGrade

    low, _made = StaffGrade.objects.get_or_create(code="C1", defaults={"name": "一级科员", "order": 1})
    high, made = StaffGrade.objects.get_or_create(code="C2", defaults={"name": "四级主任科员", "order": 2})
    if made:
        PromotionRule.objects.create(grade=high, years_required=3, lowest_result="competent")
    return low, high


def _plan() -> tuple[Any, list[Any]]:
    from hrbureau.personnel import emergency
    from hrbureau.personnel.records_models import EmergencyPlan

    plan = EmergencyPlan.objects.filter(number="语料〔2026〕1号").first()
    if plan is None:
        plan = emergency.plan_create(
            actor=None, title="语料方案", number="语料〔2026〕1号", issued_on=dt.date(2026, 1, 5)
        )
        emergency.post_add(actor=None, plan=plan, kind="airport", name="机场")
        emergency.post_add(actor=None, plan=plan, kind="hotel", name="隔离酒店")
    return plan, list(plan.posts.all())


def _one(world: Any, rng: random.Random, n: int) -> None:
    from hrbureau.personnel import emergency, promotion, records

    streets = [world.units["street-a"], world.units["street-b"], None]
    low, high = _grades()
    staff = staff_member(
        name=_text(rng, 2, 4) + str(n),
        street=rng.choice(streets),
        unit_name=_text(rng, 2, 8),
        party_member=rng.random() < 0.5,
    )
    if rng.random() < 0.8:
        since = dt.date(2026 - rng.randint(1, 6), rng.randint(1, 12), 1)
        promotion.grade_set(actor=None, staff=staff, grade=rng.choice((low, low, high)), since=since)
        for year in range(since.year, 2026):
            promotion.appraisal_record(
                actor=None, staff=staff, year=year, result=rng.choice(("competent", "excellent", "basic"))
            )
    request = records.certification_submit(
        actor=world.users["dept_staff"],
        staff=staff,
        requesting_unit=_text(rng, 2, 6),
        claimed_birth_date=dt.date(1985, 3, 4),
        claimed_work_start=dt.date(2007, 7, 1),
        on=dt.date(2026, 3, 1 + n % 25),
    )
    if rng.random() < 0.4:
        records.certification_return(actor=world.users["dept_staff"], request=request, reason="补充材料")
    found = promotion.eligibility_of(staff, year=2026)
    if found is not None and rng.random() < 0.7:
        decision = promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)
        if rng.random() < 0.5:
            promotion.promotion_approve(
                actor=world.users["dept_head"],
                decision=decision,
                effective_on=dt.date(2026, rng.randint(1, 12), 1),
            )
    _made, posts = _plan()
    start = dt.date(2026, rng.randint(1, 6), rng.randint(1, 28))
    emergency.deployment_add(
        actor=None,
        post=rng.choice(posts),
        staff=staff,
        starts_on=start,
        ends_on=start + dt.timedelta(days=rng.randint(0, 20)),
    )


def corpus_rows(world: Any, rng: random.Random) -> None:
    from hrbureau.personnel import emergency

    for n in range(16):
        _one(world, rng, n)
    emergency.plan_create(
        actor=None, title="另一方案", number="语料〔2026〕2号", issued_on=dt.date(2026, 4, 1)
    )


def makers(world: Any) -> dict[str, Callable[[int], Any]]:
    from hrbureau.personnel import emergency

    rng = random.Random(18)

    def plan(i: int) -> Any:
        return emergency.plan_create(
            actor=None, title=f"方案{i}", number=f"应急〔2026〕{i}号", issued_on=dt.date(2026, 1, 1)
        )

    def eligible(i: int) -> Any:
        from hrbureau.personnel import promotion

        low, _high = _grades()
        staff = staff_member(name=f"合格{i}", street=world.units["street-a"])
        promotion.grade_set(actor=None, staff=staff, grade=low, since=dt.date(2020, 1, 1))
        for year in range(2020, 2026):
            promotion.appraisal_record(actor=None, staff=staff, year=year, result="competent")
        return staff

    def one(i: int) -> Any:
        _one(world, rng, i)

    return {
        "staffmember": one,
        "certificationrequest": one,
        "promotiondecision": lambda i: _decision(world, eligible(i)),
        "promotion_eligible": eligible,
        "emergencyplan": plan,
        "deployment": one,
    }


def _decision(world: Any, staff: Any) -> Any:
    from hrbureau.personnel import promotion

    return promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)
