"""Demo labour-risk work over every street, made through the services the pages use: about three in five
enterprises screened over the past months, about one visit in five finding a risk (the seed's 9,720
screened and 1,930 found), nearly all of them resolved and verified in time except the recent ones;
some owners absconding (escalated), social-insurance arrears flags, the scores, a plan drawn from the
early-warning list for the demo grid worker, and a stratified survey sample. (The employers' grades
are ``compliance``'s demo, drawn once these are made.)"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.accounts.choices import Department, Role
from hrbureau.accounts.models import User
from hrbureau.core import calendar
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour import demotext, sampling, scoring, services
from hrbureau.labour.choices import Answer, InspectionKind, RiskType, Severity, WarningLevel
from hrbureau.labour.models import ArrearsFlag, EnterpriseRiskScore, Inspection, Sample

# The checklist question a risk of each type answers "no" to.
FINDINGS = {
    RiskType.WAGE_ARREARS: "wages_on_time",
    RiskType.SOCIAL_INSURANCE: "social_insurance",
    RiskType.NO_CONTRACT: "contracts",
    RiskType.WORKING_HOURS: "working_hours",
    RiskType.CLOSURE: "operating",
    RiskType.SAFETY: "fire_exits",
    RiskType.ABSCONDING: "operating",
}


def _users() -> dict[str, Any]:
    labour = User.objects.filter(org_unit__code=Department.LABOUR_RELATIONS, is_active=True)
    return {
        "staff": labour.filter(role=Role.DEPT_STAFF).order_by("id").first(),
        "head": labour.filter(role=Role.DEPT_HEAD).order_by("id").first(),
        "grid_workers": {
            u.org_unit_id: u for u in User.objects.filter(role=Role.GRID_WORKER, is_active=True)
        },
        "street_staff": {
            u.org_unit_id: u for u in User.objects.filter(role=Role.STREET_STAFF, is_active=True)
        },
    }


def seed(ctx: DemoContext) -> None:
    users = _users()
    if users["staff"] is None or users["head"] is None:
        ctx.log("labour: no labour-relations staff and head; skipped")
        return
    rng = ctx.rng("labour")
    today = timezone.localdate()
    enterprises = list(
        Enterprise.objects.filter(status__in=scoring.SCORED_STATUSES).select_related("street").order_by("id")
    )
    if not enterprises:
        return
    screened = rng.sample(enterprises, k=min(len(enterprises), max(1, len(enterprises) * 3 // 5)))
    checklist = {
        kind: services.checklist_for(kind) for kind in (InspectionKind.ROUTINE, InspectionKind.JOINT)
    }
    risks = 0

    def make(number: int) -> None:
        nonlocal risks
        rng = ctx.case_rng("labour", number)
        enterprise = screened[number]
        inspector = users["grid_workers"].get(enterprise.grid_id) or users["staff"]
        # Visits are made on working days over the past year, the current round's in the last weeks.
        ago = rng.randint(1, 20) if rng.random() < 0.12 else rng.randint(21, 330)
        day = min(today, calendar.next_working_day(today - dt.timedelta(days=ago)))
        kind = InspectionKind.JOINT if rng.random() < 0.3 else InspectionKind.ROUTINE
        answers = {item.code: Answer.YES for item in checklist[kind]}
        found: list[services.RiskInput] = []
        if rng.random() < 0.2:
            risk_type = rng.choices(
                list(FINDINGS), weights=[40, 15, 15, 10, 8, 10 if kind == InspectionKind.JOINT else 0, 2]
            )[0]
            answers[FINDINGS[risk_type]] = Answer.NO
            workers = rng.choice([2, 3, 5, 8, 12, 20, 35]) if risk_type != RiskType.SAFETY else 0
            amount = (
                workers * rng.randint(3, 9) * 1000
                if risk_type in (RiskType.WAGE_ARREARS, RiskType.ABSCONDING)
                else None
            )
            found.append(
                services.RiskInput(
                    risk_type=risk_type,
                    severity=rng.choices(list(Severity.values[:3]), weights=[60, 30, 10])[0],
                    description=demotext.finding(rng, risk_type, workers=workers, amount=amount, day=day),
                    workers_affected=workers,
                    arrears_amount=amount,
                )
            )
        try:
            inspection = services.inspection_record(
                actor=inspector,
                enterprise=enterprise,
                kind=kind,
                answers=answers,
                visited_on=day,
                workers_present=rng.randint(3, 200),
                risks=found,
            )
        except ValidationError:
            return
        for risk in inspection.risks.all():
            risks += 1
            _work(risk, users=users, rng=rng, today=today)

    visits = ctx.cases("labour", len(screened), what="inspections", started=Inspection.objects.exists).run(
        make
    )
    ctx.count("inspections", visits.made)
    ctx.count("labour risks", risks)
    if visits.complete:
        # Once every visit is made: the scores and what is drawn from them, a part at a time (each short,
        # so that a background load never holds the database for long).
        parts = _registers(ctx, enterprises, users, today)
        ctx.cases(
            "labour-registers", len(parts), what="scores and registers", started=Sample.objects.exists
        ).run(lambda number: parts[number](ctx.case_rng("labour-registers", number)))


def _registers(
    ctx: DemoContext, enterprises: list[Any], users: dict[str, Any], today: dt.date
) -> list[Callable[[Any], None]]:
    def flags_and_scores(rng: Any) -> None:
        flagged = rng.sample(enterprises, k=max(1, len(enterprises) // 30))
        ArrearsFlag.objects.bulk_create(
            ArrearsFlag(
                enterprise=e,
                flagged_on=today - dt.timedelta(days=rng.randint(0, 200)),
                months=rng.randint(1, 6),
                source="税务部门社保费欠费名单",
            )
            for e in flagged
        )
        ctx.count("risk scores", scoring.compute_scores(today=today).enterprises)

    def sample(rng: Any) -> None:
        if len(enterprises) >= 100:
            drawn = sampling.sample_draw(
                actor=users["staff"],
                name=f"{today.year}年企业用工情况抽样调查",
                size=max(10, len(enterprises) // 20),
                seed=20261129,
                strata=["street", "size_class"],
            )
            ctx.count("sampled enterprises", drawn.size)

    return [flags_and_scores, lambda rng: _plan(ctx, users, today), sample]


def _work(risk: Any, *, users: dict[str, Any], rng: Any, today: dt.date) -> None:
    """Take a risk as far as its age says: old ones resolved and verified, recent ones on the way; each
    step on a working day."""

    def after(start: dt.date, days: int) -> dt.date:
        return min(today, calendar.next_working_day(start + dt.timedelta(days=days)))

    age = (today - risk.found_on).days
    street = risk.street_id
    handler = users["street_staff"].get(street)
    unit = risk.street if handler is not None and not risk.escalated else None
    try:
        if unit is None:
            handler = users["staff"]
            unit = handler.org_unit
        assign_day = after(risk.found_on, 1)
        assigner = users["staff"]
        services.risk_assign(actor=assigner, risk=risk, unit=unit, on=assign_day)
        if age < 3 and rng.random() < 0.7:
            return
        services.risk_take_up(actor=handler, risk=risk, on=assign_day)
        if age < 12 and rng.random() < 0.6:
            return
        took = rng.randint(2, 25 if risk.severity == Severity.MINOR else 10)
        resolved = after(risk.found_on, took)
        services.risk_resolve(
            actor=handler, risk=risk, resolution=demotext.resolution(rng, risk, on=resolved), on=resolved
        )
        if (today - resolved).days < 3 and rng.random() < 0.5:
            return
        verifier = users["head"] if handler == users["staff"] else users["staff"]
        services.risk_verify(actor=verifier, risk=risk, on=after(resolved, rng.randint(1, 4)))
    except (TransitionError, ValidationError):
        return


def _plan(ctx: DemoContext, users: dict[str, Any], today: dt.date) -> None:
    """Next fortnight's visits in the demo grid worker's grid, the highest scores first."""
    worker = next(iter(users["grid_workers"].values()), None)
    if worker is None:
        return
    top = list(
        EnterpriseRiskScore.objects.filter(grid_id=worker.org_unit_id)
        .exclude(level=WarningLevel.NONE)
        .order_by("-total", "enterprise_id")
        .values_list("enterprise_id", flat=True)[:8]
    )
    if not top:
        top = list(
            Enterprise.objects.filter(grid_id=worker.org_unit_id, status=EnterpriseStatus.ACTIVE).values_list(
                "id", flat=True
            )[:5]
        )
    if top:
        plan = services.plan_create(
            actor=users["staff"],
            name="预警企业走访（两周）",
            kind=InspectionKind.ROUTINE,
            starts_on=today,
            ends_on=today + dt.timedelta(days=14),
            enterprise_ids=top,
        )
        ctx.count("planned visits", plan.targets.count())
