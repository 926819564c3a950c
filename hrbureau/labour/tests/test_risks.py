"""Every rule of a labour risk: deadlines by severity, escalation to the department head, the loop
found → assigned → resolving → resolved → verified, verification by someone else, the rework period,
the supervision ladder, and inspections that leave nothing half-written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core import calendar, clocks
from hrbureau.core.models import CaseAttachment, Clock, Notification
from hrbureau.core.todo import todo_items
from hrbureau.core.workflow import TransitionError
from hrbureau.labour import services
from hrbureau.labour.choices import InspectionKind, RiskState, RiskType, Severity
from hrbureau.labour.models import Inspection, PlanTarget, Risk, TimeLimit
from hrbureau.labour.rules import CLOCK_RESOLVE, CLOCK_VERIFY
from hrbureau.labour.tests.conftest import MONDAY, all_yes, arrears, one_no, record

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


# --- deadlines by severity ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("severity", "working_days", "due"),
    [
        (Severity.MINOR, 20, dt.date(2026, 3, 30)),
        (Severity.SERIOUS, 10, dt.date(2026, 3, 16)),
        (Severity.MAJOR, 5, dt.date(2026, 3, 9)),
    ],
)
def test_the_resolution_deadline_depends_on_the_severity(
    world: Any, lab: dict[str, Any], severity: str, working_days: int, due: dt.date
) -> None:
    risk = record(world, lab, severity=severity, workers_affected=3)
    assert risk.severity == severity
    assert not risk.escalated
    clock = clocks.clock_of(risk, CLOCK_RESOLVE)
    assert clock is not None
    assert clock.period_days == working_days
    assert clock.due_on == due == calendar.add_working_days(MONDAY, working_days)
    assert risk.due_on == due


def test_a_configured_limit_from_a_later_date_applies_to_risks_found_from_then(
    world: Any, lab: dict[str, Any]
) -> None:
    TimeLimit.objects.create(key="resolve_minor", valid_from=dt.date(2026, 3, 1), days=3, day_kind="calendar")
    before = record(world, lab, on=dt.date(2026, 2, 27))
    after = record(world, lab, on=MONDAY)
    assert before.due_on == calendar.add_working_days(dt.date(2026, 2, 27), 20)
    assert after.due_on == dt.date(2026, 3, 5)  # 3 calendar days


def test_the_deadline_skips_the_spring_festival(world: Any, lab: dict[str, Any]) -> None:
    # Found the Friday before the 2026 Spring Festival holiday (15–23 February): 5 working days.
    risk = record(world, lab, severity=Severity.MAJOR, workers_affected=3, on=dt.date(2026, 2, 13))
    assert risk.due_on == calendar.add_working_days(dt.date(2026, 2, 13), 5)
    assert risk.due_on > dt.date(2026, 2, 24)


# --- escalation -------------------------------------------------------------------------------------------


def test_a_risk_the_owner_absconded_with_goes_to_the_department_head_at_once(
    world: Any, lab: dict[str, Any]
) -> None:
    risk = record(world, lab, risk_type=RiskType.ABSCONDING, severity=Severity.SERIOUS, workers_affected=4)
    assert risk.escalated
    assert risk.severity == Severity.SEVERE  # raised by the rule
    assert risk.assigned_unit == world.units["labour_relations"]
    assert risk.due_on == calendar.add_working_days(MONDAY, 2)  # the severe limit
    told = Notification.objects.filter(recipient=lab["head"], case_id=risk.pk)
    assert told.count() == 1
    assert "Severe risk recorded" in told.get().title
    assert not Notification.objects.filter(recipient=lab["staff"], case_id=risk.pk).exists()
    # Heads the to-do of the department, whatever its due date.
    later = record(world, lab, severity=Severity.MAJOR, workers_affected=2, actor=lab["staff"])
    services.risk_assign(actor=lab["staff"], risk=later, unit=world.units["labour_relations"])
    mine = [i for i in todo_items(user=lab["staff"]) if i.kind == "labour risk"]
    assert mine[0].url == risk.get_absolute_url()
    assert mine[0].first


@pytest.mark.parametrize(
    ("workers", "amount", "escalated"),
    [(30, "1", True), (29, "900000", False), (30, "0", False), (30, None, False)],
)
def test_many_workers_owed_wages_escalate_from_thirty(
    world: Any, lab: dict[str, Any], workers: int, amount: str | None, escalated: bool
) -> None:
    risk = record(world, lab, severity=Severity.MINOR, workers_affected=workers, arrears_amount=amount)
    assert risk.escalated is escalated
    assert (risk.severity == Severity.SEVERE) is escalated
    assert bool(risk.escalation_trace) is escalated


def test_escalation_by_hand_tells_the_head_once(world: Any, lab: dict[str, Any]) -> None:
    risk = record(world, lab)
    with pytest.raises(TransitionError, match="needs a reason"):
        services.risk_escalate(actor=lab["grid"], risk=risk, reason="")
    services.risk_escalate(actor=lab["grid"], risk=risk, reason="工人聚集")
    assert Risk.objects.get(pk=risk.pk).escalated
    assert Notification.objects.filter(recipient=lab["head"], case_id=risk.pk).count() == 1
    with pytest.raises(TransitionError, match="already with the department head"):
        services.risk_escalate(actor=lab["grid"], risk=risk, reason="again")


# --- the loop ---------------------------------------------------------------------------------------------


def test_found_assigned_resolving_resolved_verified(world: Any, lab: dict[str, Any]) -> None:
    risk = record(world, lab)
    assert risk.state == RiskState.FOUND
    assert risk.assigned_unit == world.units["street-a"]  # the street it lies in decides
    # The grid worker may record but not assign.
    with pytest.raises(PermissionDenied):
        services.risk_assign(actor=lab["grid"], risk=risk, unit=world.units["community-a"])
    with pytest.raises(ValidationError, match="street or a department"):
        services.risk_assign(actor=lab["street"], risk=risk, unit=world.units["community-a"])
    services.risk_assign(actor=lab["street"], risk=risk, unit=world.units["street-a"], on=MONDAY)
    # Another street's staff may not take it up (outside their street, and not their unit).
    with pytest.raises(PermissionDenied):
        services.risk_take_up(actor=lab["street_b"], risk=risk)
    services.risk_take_up(actor=lab["street"], risk=risk, on=MONDAY)
    assert risk.state == RiskState.RESOLVING
    with pytest.raises(TransitionError, match="needs a reason"):
        services.risk_resolve(actor=lab["street"], risk=risk, resolution=" ")
    services.risk_resolve(
        actor=lab["street"], risk=risk, resolution="企业已补发工资", on=dt.date(2026, 3, 10)
    )
    risk.refresh_from_db()
    assert risk.state == RiskState.RESOLVED
    assert risk.resolved_on == dt.date(2026, 3, 10)
    assert risk.assigned_unit == world.units["labour_relations"]  # the department verifies
    resolve = clocks.clock_of(risk, CLOCK_RESOLVE)
    verify = clocks.clock_of(risk, CLOCK_VERIFY)
    assert resolve is not None
    assert resolve.stopped_on == dt.date(2026, 3, 10)
    assert verify is not None
    assert verify.due_on == calendar.add_working_days(dt.date(2026, 3, 10), 5)
    services.risk_verify(actor=lab["staff"], risk=risk, on=dt.date(2026, 3, 11))
    risk.refresh_from_db()
    assert risk.state == RiskState.VERIFIED
    assert (risk.verified_on, risk.verified_by) == (dt.date(2026, 3, 11), lab["staff"])
    assert risk.due_on is None  # nothing runs any more
    assert not Clock.objects.filter(
        case_id=risk.pk, case_type="labour.risk", stopped_on__isnull=True
    ).exists()


def test_whoever_resolved_it_cannot_verify_it(world: Any, lab: dict[str, Any]) -> None:
    risk = record(world, lab, actor=lab["staff"])
    services.risk_assign(actor=lab["staff"], risk=risk, unit=world.units["labour_relations"])
    services.risk_take_up(actor=lab["staff"], risk=risk)
    services.risk_resolve(actor=lab["staff"], risk=risk, resolution="约谈企业，已支付")
    with pytest.raises(TransitionError, match="someone other than"):
        services.risk_verify(actor=lab["staff"], risk=risk)
    services.risk_verify(actor=lab["head"], risk=risk)
    assert risk.state == RiskState.VERIFIED


def test_a_failed_verification_sends_it_back_with_the_rework_period(world: Any, lab: dict[str, Any]) -> None:
    risk = record(world, lab, severity=Severity.MINOR)
    services.risk_assign(actor=lab["street"], risk=risk, unit=world.units["street-a"])
    services.risk_take_up(actor=lab["street"], risk=risk)
    services.risk_resolve(actor=lab["street"], risk=risk, resolution="已协调", on=dt.date(2026, 3, 10))
    with pytest.raises(TransitionError, match="needs a reason"):
        services.risk_reject(actor=lab["staff"], risk=risk, reason="")
    services.risk_reject(actor=lab["staff"], risk=risk, reason="工人反映仍未发放", on=dt.date(2026, 3, 12))
    risk.refresh_from_db()
    assert risk.state == RiskState.RESOLVING
    assert risk.assigned_unit == world.units["street-a"]  # back to the unit that resolved it
    assert risk.resolved_on is None
    resolve = clocks.clock_of(risk, CLOCK_RESOLVE)
    assert resolve is not None
    assert resolve.stopped_on is None
    assert resolve.period_days == 5  # the rework period, not the 20 days again
    assert resolve.due_on == calendar.add_working_days(dt.date(2026, 3, 12), 5)


def test_an_overdue_risk_climbs_the_supervision_ladder_once(world: Any, lab: dict[str, Any]) -> None:
    from hrbureau.core.clocks import sweep_deadlines

    risk = record(world, lab, severity=Severity.MAJOR, workers_affected=3)
    due = risk.due_on
    assert due is not None
    first = sweep_deadlines(today=due + dt.timedelta(days=1))
    assert first.steps["urge"] == 1  # the formal reminder (催办) the day after the due date
    clock = clocks.clock_of(risk, CLOCK_RESOLVE)
    assert clock is not None
    assert clock.overdue
    assert clock.ladder_level >= 1
    notices = Notification.objects.filter(case_id=risk.pk, case_type="labour.risk").count()
    assert notices >= 1
    sweep_deadlines(today=due + dt.timedelta(days=1))
    assert Notification.objects.filter(case_id=risk.pk, case_type="labour.risk").count() == notices


def test_a_day_in_the_future_or_before_the_finding_is_refused(world: Any, lab: dict[str, Any]) -> None:
    risk = record(world, lab)
    services.risk_assign(actor=lab["street"], risk=risk, unit=world.units["street-a"])
    services.risk_take_up(actor=lab["street"], risk=risk)
    with pytest.raises(ValidationError, match="before it was found"):
        services.risk_resolve(
            actor=lab["street"], risk=risk, resolution="x", on=MONDAY - dt.timedelta(days=1)
        )
    with pytest.raises(ValidationError, match="future"):
        services.risk_resolve(
            actor=lab["street"], risk=risk, resolution="x", on=dt.date.today() + dt.timedelta(days=2)
        )
    assert Risk.objects.get(pk=risk.pk).state == RiskState.RESOLVING


# --- inspections -------------------------------------------------------------------------------------------


def test_an_inspection_with_a_no_records_its_risk_and_photos(world: Any, lab: dict[str, Any]) -> None:
    enterprise = world.enterprises["a1"]
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    inspection = services.inspection_record(
        actor=lab["grid"],
        enterprise=enterprise,
        kind=InspectionKind.ROUTINE,
        answers=one_no(),
        visited_on=MONDAY,
        workers_present="12",
        risks=[arrears()],
        photos=[photo],
    )
    assert inspection.risks_found == 1
    assert inspection.street == world.units["street-a"]
    assert inspection.grid == world.units["grid-a1"]
    assert inspection.workers_present == 12
    risk = inspection.risks.get()
    assert (risk.found_on, risk.found_by, risk.enterprise) == (MONDAY, lab["grid"], enterprise)
    photos = CaseAttachment.objects.filter(case_type="labour.inspection", case_id=inspection.pk)
    assert [p.original_name for p in photos] == ["现场.png"]
    # The joint 安格 check asks the safety questions too; the routine one does not.
    assert "fire_exits" not in inspection.answers
    joint = services.inspection_record(
        actor=lab["grid"],
        enterprise=enterprise,
        kind=InspectionKind.JOINT,
        answers=all_yes(InspectionKind.JOINT),
    )
    assert "fire_exits" in joint.answers


def test_a_bad_inspection_is_refused_whole(world: Any, lab: dict[str, Any]) -> None:
    enterprise = world.enterprises["a1"]
    answers = all_yes()
    del answers["contracts"]
    with pytest.raises(ValidationError) as refused:
        services.inspection_record(
            actor=lab["grid"],
            enterprise=enterprise,
            kind=InspectionKind.ROUTINE,
            answers=answers,
            risks=[arrears(), services.RiskInput(risk_type="nonsense", severity="minor", description="")],
            photos=[SimpleUploadedFile("x.exe", b"MZ\x90\x00", content_type="application/octet-stream")],
            visited_on=dt.date.today() + dt.timedelta(days=1),
        )
    errors = refused.value.message_dict
    assert set(errors) >= {"answers", "risks[1]", "photos", "visited_on"}
    assert "Not answered yet: Does every worker have a written contract?" in errors["answers"]
    assert not Inspection.objects.exists()
    assert not Risk.objects.exists()
    assert not CaseAttachment.objects.exists()


def test_a_no_needs_a_risk_or_a_note(world: Any, lab: dict[str, Any]) -> None:
    enterprise = world.enterprises["a1"]
    with pytest.raises(ValidationError, match="record the risk, or say in the notes"):
        services.inspection_record(
            actor=lab["grid"], enterprise=enterprise, kind=InspectionKind.ROUTINE, answers=one_no("contracts")
        )
    explained = services.inspection_record(
        actor=lab["grid"],
        enterprise=enterprise,
        kind=InspectionKind.ROUTINE,
        answers=one_no("contracts"),
        notes="新入职两人，合同已在签订中",
    )
    assert explained.risks_found == 0


def test_a_grid_worker_inspects_only_their_own_grid(world: Any, lab: dict[str, Any]) -> None:
    with pytest.raises(PermissionDenied):
        services.inspection_record(
            actor=lab["grid"],
            enterprise=world.enterprises["a2"],
            kind=InspectionKind.ROUTINE,
            answers=all_yes(),
        )
    with pytest.raises(PermissionDenied):
        record(world, lab, key="b1", actor=lab["grid"])
    assert not Inspection.objects.exists()


def test_a_planned_visit_is_done_by_its_inspection(world: Any, lab: dict[str, Any]) -> None:
    plan = services.plan_create(
        actor=lab["staff"],
        name="冬季根治欠薪排查",
        kind=InspectionKind.SPECIAL,
        starts_on=MONDAY,
        ends_on=MONDAY + dt.timedelta(days=14),
        enterprise_ids=[world.enterprises["a1"].pk, world.enterprises["b1"].pk],
    )
    targets = {t.enterprise_id: t for t in plan.targets.all()}
    assert targets[world.enterprises["a1"].pk].inspector == lab["grid"]
    assert targets[world.enterprises["b1"].pk].inspector == lab["grid_b"]
    target = targets[world.enterprises["a1"].pk]
    inspection = services.inspection_record(
        actor=lab["grid"],
        enterprise=world.enterprises["a1"],
        kind=InspectionKind.SPECIAL,
        answers=all_yes(),
        target=target,
    )
    assert PlanTarget.objects.get(pk=target.pk).inspection == inspection
    with pytest.raises(ValidationError, match="already done"):
        services.inspection_record(
            actor=lab["grid"],
            enterprise=world.enterprises["a1"],
            kind=InspectionKind.SPECIAL,
            answers=all_yes(),
            target=PlanTarget.objects.get(pk=target.pk),
        )
    with pytest.raises(ValidationError, match="end before it starts"):
        services.plan_create(
            actor=lab["staff"],
            name="x",
            kind=InspectionKind.ROUTINE,
            starts_on=MONDAY,
            ends_on=MONDAY - dt.timedelta(days=1),
            enterprise_ids=[world.enterprises["a1"].pk],
        )


def test_amounts_and_counts_are_checked(world: Any, lab: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="not an amount"):
        record(world, lab, arrears_amount="十万")
    with pytest.raises(ValidationError, match="whole number of workers"):
        record(world, lab, workers_affected="-3")
    risk = record(world, lab, arrears_amount="12,345.678")
    assert risk.arrears_amount == Decimal("12345.68")
