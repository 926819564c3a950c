"""Grade promotion of street management staff (街道管理人员职级晋升): the grades and the rules of each (the
years in the grade below and the appraisals required, as configuration); who is eligible in a year,
computed from each staff member's grade, since-date and yearly appraisals; and the promotion decision
(proposed → approved by the head, never its proposer → effective on a date, when the grade changes and
the grade history gains a row)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import counters
from hrbureau.core.workflow import act_day, create_case, declare_workflow, transition
from hrbureau.personnel import promotion_forms as F
from hrbureau.personnel.records_choices import RESULT_RANK, AppraisalResult, LowerResult, PromotionState
from hrbureau.personnel.records_models import (
    Appraisal,
    GradeHistory,
    PromotionDecision,
    PromotionRule,
    StaffGrade,
    StaffMember,
)

PS = PromotionState
PROMOTION_WORKFLOW = declare_workflow(
    PromotionDecision,
    states=PromotionState,
    initial=PS.PROPOSED,
    todo_states={PS.PROPOSED, PS.APPROVED},
    final_states={PS.EFFECTIVE, PS.REJECTED},
    slug="personnel-promotions",
)


def _not_the_proposer(decision: Any, actor: Any, data: dict[str, Any]) -> Any:
    if actor is not None and decision.proposed_by_id == actor.pk:
        return gettext_lazy("You proposed this promotion: another person approves it.")
    return None


def _date_reached(decision: Any, actor: Any, data: dict[str, Any]) -> Any:
    if decision.effective_on is not None and act_day(data) < decision.effective_on:
        return gettext_lazy("The promotion takes effect on its date, not before.")
    return None


PROMOTION_WORKFLOW.add(
    "approve",
    gettext_lazy("Approve"),
    source={PS.PROPOSED},
    target=PS.APPROVED,
    permission="personnel.approve_promotion",
    guard=_not_the_proposer,
    form=F.ApproveForm,
)
PROMOTION_WORKFLOW.add(
    "reject",
    gettext_lazy("Reject"),
    source={PS.PROPOSED},
    target=PS.REJECTED,
    permission="personnel.approve_promotion",
    guard=_not_the_proposer,
    requires_reason=True,
    button="danger",
    form=F.RejectForm,
)
PROMOTION_WORKFLOW.add(
    "take_effect",
    gettext_lazy("Put into effect"),
    source={PS.APPROVED},
    target=PS.EFFECTIVE,
    permission="personnel.propose_promotion",
    guard=_date_reached,
    form=F.TakeEffectForm,
)


# --- eligibility -----------------------------------------------------------------------------------


def add_years(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February → 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def as_of_day(year: int) -> dt.date:
    """The day a year's eligibility is judged on: its last day (the years in the grade are counted up
    to it; the appraisals counted are those of the years before it)."""
    return dt.date(year, 12, 31)


def next_grade(grade: StaffGrade) -> StaffGrade | None:
    return StaffGrade.objects.filter(order__gt=grade.order).order_by("order").first()


def rule_met(rule: PromotionRule, *, since: dt.date, results: dict[int, str], as_of: dt.date) -> bool:
    """Whether a staff member in the grade below since ``since``, with yearly ``results``, meets
    ``rule`` on ``as_of``.

    The years counted are the whole years from the start to ``as_of``: ``since`` itself, or — when the
    rule restarts the count after a year below its lowest acceptable result — the 1 January after the
    last such year. The appraisals that count are those of the years from the start's year to the year
    before ``as_of`` (the current year is not appraised yet). Under a blocking rule any such year in the
    grade rules it out."""
    lowest = RESULT_RANK[AppraisalResult(rule.lowest_result)]
    in_grade = {year: result for year, result in results.items() if since.year <= year < as_of.year}
    below = [year for year, result in in_grade.items() if RESULT_RANK[AppraisalResult(result)] < lowest]
    start = since
    if below:
        if rule.lower_result == LowerResult.BLOCK:
            return False
        start = max(since, dt.date(max(below) + 1, 1, 1))
    if add_years(start, rule.years_required) > as_of:
        return False
    counted = [result for year, result in in_grade.items() if year >= start.year]
    return counted.count(AppraisalResult.EXCELLENT) >= rule.excellent_required


@dataclass(frozen=True)
class Eligibility:
    staff: StaffMember
    to_grade: StaffGrade
    rule: PromotionRule


def eligibility_of(
    staff: StaffMember, *, year: int, rules: dict[int, list[PromotionRule]] | None = None
) -> Eligibility | None:
    """The promotion ``staff`` is eligible for in ``year`` (the first rule met of the next grade), or None."""
    if staff.grade_id is None or staff.grade_since is None:
        return None
    target = next_grade(staff.grade)  # type: ignore[arg-type]
    if target is None:
        return None
    target_rules = rules[target.pk] if rules is not None else list(target.rules.all())
    results = dict(staff.appraisals.values_list("year", "result"))
    for rule in target_rules:
        if rule_met(rule, since=staff.grade_since, results=results, as_of=as_of_day(year)):
            return Eligibility(staff=staff, to_grade=target, rule=rule)
    return None


def eligible_staff(*, year: int, staff: Any = None) -> list[Eligibility]:
    """Every staff member eligible for promotion in ``year`` (of ``staff``, a queryset; all by default),
    leaving out those with a promotion already proposed or approved."""
    rows = staff if staff is not None else StaffMember.objects.all()
    rows = rows.filter(grade__isnull=False, grade_since__isnull=False).select_related("grade")
    pending = set(
        PromotionDecision.objects.filter(state__in={PS.PROPOSED, PS.APPROVED}).values_list(
            "staff_id", flat=True
        )
    )
    grades = list(StaffGrade.objects.order_by("order"))
    rules: dict[int, list[PromotionRule]] = {g.pk: [] for g in grades}
    for rule in PromotionRule.objects.order_by("years_required", "id"):
        rules[rule.grade_id].append(rule)
    results: dict[int, dict[int, str]] = {}
    for staff_id, appraisal_year, result in Appraisal.objects.filter(staff__in=rows.values("pk")).values_list(
        "staff_id", "year", "result"
    ):
        results.setdefault(staff_id, {})[appraisal_year] = result
    above = {g.pk: next((h for h in grades if h.order > g.order), None) for g in grades}
    found = []
    for member in rows:
        target = above.get(member.grade_id)  # type: ignore[arg-type]
        if target is None or member.pk in pending:
            continue
        for rule in rules[target.pk]:
            since: dt.date = member.grade_since  # type: ignore[assignment]  # rows with a grade since-date
            if rule_met(rule, since=since, results=results.get(member.pk, {}), as_of=as_of_day(year)):
                found.append(Eligibility(staff=member, to_grade=target, rule=rule))
                break
    return found


# --- records ---------------------------------------------------------------------------------------


def appraisal_record(*, actor: Any, staff: StaffMember, year: int, result: str) -> Appraisal:
    """Record (or correct) a staff member's appraisal of a year."""
    appraisal, _created = Appraisal.objects.update_or_create(
        staff=staff, year=year, defaults={"result": result}
    )
    return appraisal


def grade_set(*, actor: Any, staff: StaffMember, grade: StaffGrade, since: dt.date) -> StaffMember:
    """Record the grade a staff member holds as the record is first kept (a promotion changes it
    through its decision instead)."""
    with transaction.atomic():
        GradeHistory.objects.filter(staff=staff, until__isnull=True).update(until=since)
        GradeHistory.objects.create(staff=staff, grade=grade, since=since)
        staff.grade, staff.grade_since = grade, since
        staff.save(update_fields=["grade", "grade_since", "updated_at"])
    return staff


def promotion_propose(
    *, actor: Any, staff: StaffMember, year: int, on: dt.date | None = None
) -> PromotionDecision:
    """Propose the promotion of ``staff`` in ``year``: refused unless they are eligible now."""
    on = on or timezone.localdate()
    with transaction.atomic():
        if PromotionDecision.objects.filter(staff=staff, state__in={PS.PROPOSED, PS.APPROVED}).exists():
            raise ValidationError(_("A promotion of this staff member is already being decided."))
        found = eligibility_of(staff, year=year)
        if found is None:
            raise ValidationError(
                _("This staff member is not eligible for promotion in %(year)d.") % {"year": year}
            )
        number = f"ZJJS-{year}-{counters.next_value(f'personnel-promotion-{year}'):04d}"
        decision = PromotionDecision(
            number=number,
            staff=staff,
            from_grade=staff.grade,
            to_grade=found.to_grade,
            rule=found.rule,
            year=year,
            proposed_by=actor,
        )
        create_case(decision, actor=actor, data={"on": on, "rule": found.rule.pk})
    return decision


@PROMOTION_WORKFLOW.performs("approve", case="decision")
def promotion_approve(
    *, actor: Any, decision: PromotionDecision, effective_on: dt.date, reason: str = ""
) -> Any:
    return transition(
        decision,
        "approve",
        actor=actor,
        reason=reason,
        data={"effective_on": effective_on},
        fields={"effective_on": effective_on},
    )


@PROMOTION_WORKFLOW.performs("reject", case="decision")
def promotion_reject(
    *, actor: Any, decision: PromotionDecision, reason: str, on: dt.date | None = None
) -> Any:
    return transition(decision, "reject", actor=actor, reason=reason, data={"on": on})


@PROMOTION_WORKFLOW.performs("take_effect", case="decision")
def promotion_take_effect(*, actor: Any, decision: PromotionDecision, on: dt.date | None = None) -> Any:
    """On its date the staff member takes the new grade; the grade they held ends the day before."""
    with transaction.atomic():
        event = transition(decision, "take_effect", actor=actor, data={"on": on})
        staff = StaffMember.objects.select_for_update().get(pk=decision.staff_id)
        since = decision.effective_on or act_day({"on": on})
        GradeHistory.objects.filter(staff=staff, until__isnull=True).update(
            until=since - dt.timedelta(days=1)
        )
        GradeHistory.objects.create(staff=staff, grade=decision.to_grade, since=since, decision=decision)
        staff.grade_id, staff.grade_since = decision.to_grade_id, since
        staff.save(update_fields=["grade", "grade_since", "updated_at"])
    return event
