"""Grade promotion: the rules at every boundary (years exactly enough or one day short, a 基本称职 year
blocking or restarting the count, the 优秀 count), the eligible list, and the decision (maker ≠ checker,
effective on its date, the grade history)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from hrbureau.core.workflow import TransitionError
from hrbureau.personnel import promotion
from hrbureau.personnel.records_choices import LowerResult, PromotionState
from hrbureau.personnel.records_models import GradeHistory, PromotionRule, StaffGrade
from hrbureau.personnel.tests.records_helpers import second_head, staff_member

pytestmark = pytest.mark.django_db

AS_OF = dt.date(2026, 12, 31)
E, C, B = "excellent", "competent", "basic"


def _rule(**kw) -> PromotionRule:
    fields = {
        "years_required": 4,
        "lowest_result": C,
        "excellent_required": 0,
        "lower_result": LowerResult.BLOCK,
    }
    fields.update(kw)
    return PromotionRule(**fields)


@pytest.mark.parametrize(
    ("since", "met"),
    [
        (dt.date(2022, 12, 31), True),  # exactly four years on the day judged
        (dt.date(2023, 1, 1), False),  # one day short
        (dt.date(2020, 5, 1), True),
    ],
)
def test_years_in_the_grade_at_the_boundary(since, met):
    results = dict.fromkeys(range(since.year, 2026), C)
    assert promotion.rule_met(_rule(), since=since, results=results, as_of=AS_OF) is met


def test_a_year_below_blocks_under_a_blocking_rule():
    results = {2019: C, 2020: B, 2021: C, 2022: C, 2023: C, 2024: C, 2025: C}
    assert not promotion.rule_met(_rule(), since=dt.date(2019, 1, 1), results=results, as_of=AS_OF)


def test_a_year_below_restarts_the_count_under_a_resetting_rule():
    rule = _rule(lower_result=LowerResult.RESET)
    # 基本称职 in 2022: the count starts 1 January 2023, so four years end 1 January 2027 — one day short.
    results = {2019: C, 2020: C, 2021: C, 2022: B, 2023: C, 2024: C, 2025: C}
    assert not promotion.rule_met(rule, since=dt.date(2019, 1, 1), results=results, as_of=AS_OF)
    # 基本称职 in 2021: the count starts 1 January 2022 and four years end 1 January 2026.
    results = {2019: C, 2020: C, 2021: B, 2022: C, 2023: C, 2024: C, 2025: C}
    assert promotion.rule_met(rule, since=dt.date(2019, 1, 1), results=results, as_of=AS_OF)


def test_a_year_below_before_the_grade_does_not_count():
    results = {2018: B, 2021: C, 2022: C, 2023: C, 2024: C, 2025: C}
    assert promotion.rule_met(_rule(), since=dt.date(2021, 6, 1), results=results, as_of=AS_OF)


def test_the_excellent_count():
    rule = _rule(years_required=3, excellent_required=2)
    since = dt.date(2023, 1, 1)
    assert promotion.rule_met(rule, since=since, results={2023: E, 2024: C, 2025: E}, as_of=AS_OF)
    assert not promotion.rule_met(rule, since=since, results={2023: E, 2024: C, 2025: C}, as_of=AS_OF)
    # The current year's appraisal is not in yet and is not counted.
    assert not promotion.rule_met(
        rule, since=since, results={2023: E, 2024: C, 2025: C, 2026: E}, as_of=AS_OF
    )


def test_incompetent_is_below_basic():
    rule = _rule(lowest_result=B)
    since = dt.date(2022, 1, 1)
    assert promotion.rule_met(rule, since=since, results={2022: B, 2023: B, 2024: C, 2025: C}, as_of=AS_OF)
    assert not promotion.rule_met(rule, since=since, results={2022: B, 2023: "incompetent"}, as_of=AS_OF)


@pytest.fixture
def grades(db):
    g1 = StaffGrade.objects.create(code="G1", name="一级科员", order=1)
    g2 = StaffGrade.objects.create(code="G2", name="四级主任科员", order=2)
    PromotionRule.objects.create(grade=g2, years_required=4, lowest_result=C)
    PromotionRule.objects.create(grade=g2, years_required=3, lowest_result=C, excellent_required=2)
    return g1, g2


def _in_grade(world, grade, since, results, name="李明"):
    staff = staff_member(name=name, street=world.units["street-a"])
    promotion.grade_set(actor=None, staff=staff, grade=grade, since=since)
    for year, result in results.items():
        promotion.appraisal_record(actor=None, staff=staff, year=year, result=result)
    return staff


def test_the_eligible_list(world, grades):
    g1, g2 = grades
    four = _in_grade(world, g1, dt.date(2022, 12, 31), {2022: C, 2023: C, 2024: C, 2025: C}, name="甲")
    short = _in_grade(world, g1, dt.date(2023, 1, 1), {2023: C, 2024: C, 2025: C}, name="乙")
    excellent = _in_grade(world, g1, dt.date(2023, 3, 1), {2023: E, 2024: C, 2025: E}, name="丙")
    top = _in_grade(world, g2, dt.date(2010, 1, 1), {2024: E, 2025: E}, name="丁")  # no grade above
    found = {e.staff.pk: e for e in promotion.eligible_staff(year=2026)}
    assert set(found) == {four.pk, excellent.pk}
    assert found[four.pk].rule.years_required == 4
    assert found[excellent.pk].rule.excellent_required == 2
    assert found[four.pk].to_grade == g2
    assert short.pk not in found
    assert top.pk not in found


def test_a_promotion_from_proposal_to_effect(world, grades):
    g1, g2 = grades
    staff = _in_grade(world, g1, dt.date(2022, 1, 1), {2022: C, 2023: C, 2024: C, 2025: C})
    # Given a proposal by department staff
    decision = promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)
    assert decision.state == PromotionState.PROPOSED
    assert decision.to_grade == g2
    # a second proposal is refused, and a proposed staff member leaves the eligible list
    with pytest.raises(ValidationError):
        promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)
    assert staff.pk not in {e.staff.pk for e in promotion.eligible_staff(year=2026)}
    # When the head approves with an effective date
    promotion.promotion_approve(
        actor=world.users["dept_head"], decision=decision, effective_on=dt.date(2026, 12, 1)
    )
    # Then it cannot take effect before its date
    with pytest.raises(TransitionError):
        promotion.promotion_take_effect(
            actor=world.users["dept_staff"], decision=decision, on=dt.date(2026, 11, 30)
        )
    promotion.promotion_take_effect(
        actor=world.users["dept_staff"], decision=decision, on=dt.date(2026, 12, 1)
    )
    staff.refresh_from_db()
    assert staff.grade == g2
    assert staff.grade_since == dt.date(2026, 12, 1)
    history = list(GradeHistory.objects.filter(staff=staff).order_by("since"))
    assert [(h.grade, h.since, h.until) for h in history] == [
        (g1, dt.date(2022, 1, 1), dt.date(2026, 11, 30)),
        (g2, dt.date(2026, 12, 1), None),
    ]


def test_the_proposer_may_not_approve(world, grades):
    g1, _g2 = grades
    staff = _in_grade(world, g1, dt.date(2022, 1, 1), {2022: C, 2023: C, 2024: C, 2025: C})
    head = world.users["dept_head"]
    decision = promotion.promotion_propose(actor=head, staff=staff, year=2026)
    with pytest.raises(TransitionError):
        promotion.promotion_approve(actor=head, decision=decision, effective_on=dt.date(2026, 12, 1))
    promotion.promotion_approve(
        actor=second_head(world), decision=decision, effective_on=dt.date(2026, 12, 1)
    )
    assert decision.state == PromotionState.APPROVED


def test_a_staff_member_not_eligible_cannot_be_proposed(world, grades):
    g1, _g2 = grades
    staff = _in_grade(world, g1, dt.date(2023, 1, 1), {2023: C, 2024: C, 2025: C})
    with pytest.raises(ValidationError):
        promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)


def test_reject(world, grades):
    g1, _g2 = grades
    staff = _in_grade(world, g1, dt.date(2022, 1, 1), {2022: C, 2023: C, 2024: C, 2025: C})
    decision = promotion.promotion_propose(actor=world.users["dept_staff"], staff=staff, year=2026)
    promotion.promotion_reject(actor=world.users["dept_head"], decision=decision, reason="名额已满")
    assert decision.state == PromotionState.REJECTED
    staff.refresh_from_db()
    assert staff.grade == g1
