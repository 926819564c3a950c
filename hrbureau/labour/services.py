"""Writes of labour-risk early warning: inspections with their checklist and photos, the risks found, and
every step of a risk. Each function validates its input (a translated ValidationError naming the field),
checks the actor's permission and scope, and writes all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import Department, OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.attachments import attachment_add, validate_upload
from hrbureau.core.counters import next_value
from hrbureau.core.forms import clean_amount
from hrbureau.core.notifications import notify
from hrbureau.core.punctuation import join_clauses
from hrbureau.core.scoping import scope_allows
from hrbureau.core.workflow import create_case, transition
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour import rules
from hrbureau.labour.choices import (
    SEVERITY_ORDER,
    Answer,
    ChecklistGroup,
    InspectionKind,
    RiskType,
    Severity,
)
from hrbureau.labour.models import ChecklistItem, Inspection, InspectionPlan, PlanTarget, Risk
from hrbureau.labour.workflows import WORKFLOW, start_clock

MAX_PHOTOS = 6


@dataclass
class RiskInput:
    risk_type: str
    severity: str
    description: str
    workers_affected: Any = 0
    arrears_amount: Any = None


def _today() -> dt.date:
    return timezone.localdate()


def _day(on: dt.date | None, *, field: str = "on") -> dt.date:
    day = on or _today()
    if day > _today():
        raise ValidationError({field: [_("The day cannot be in the future.")]})
    return day


def department() -> OrgUnit:
    """The labour-relations department (劳动关系科): verifies, and takes escalated risks."""
    return OrgUnit.objects.get(code=Department.LABOUR_RELATIONS)


def _require(actor: Any, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(permission)


def _in_scope(actor: Any, enterprise: Enterprise) -> None:
    if not scope_allows(actor, street_id=enterprise.street_id, grid_id=enterprise.grid_id):
        raise PermissionDenied("enterprise outside the actor's scope")


def checklist_for(kind: str) -> list[ChecklistItem]:
    """The active questions an inspection of ``kind`` answers: the labour items, and the safety items
    too for a joint 安格 check."""
    groups = [ChecklistGroup.LABOUR] + ([ChecklistGroup.SAFETY] if kind == InspectionKind.JOINT else [])
    return list(ChecklistItem.objects.filter(active=True, group__in=groups))


def _amount(value: Any, where: str, errors: dict[str, list[str]]) -> Decimal | None:
    return clean_amount(value, where, errors, below=Decimal("1e12"))


def _count(value: Any, where: str, errors: dict[str, list[str]]) -> int:
    text = str(value if value not in (None, "") else 0).strip()
    if not text.isdigit() or len(text) > 7:
        errors.setdefault(where, []).append(_("Give a whole number of workers."))
        return 0
    return int(text)


def _clean_risk(risk: RiskInput, where: str, errors: dict[str, list[str]]) -> dict[str, Any]:
    if risk.risk_type not in RiskType.values:
        errors.setdefault(where, []).append(_("Choose the type of risk."))
    if risk.severity not in Severity.values:
        errors.setdefault(where, []).append(_("Choose the severity."))
    description = (risk.description or "").strip()
    if not description:
        errors.setdefault(where, []).append(_("Describe the risk."))
    return {
        "risk_type": risk.risk_type,
        "severity": risk.severity,
        "description": description[:4000],
        "workers_affected": _count(risk.workers_affected, where, errors),
        "arrears_amount": _amount(risk.arrears_amount, where, errors),
    }


# --- inspections ----------------------------------------------------------------------------------------


@transaction.atomic
def inspection_record(
    *,
    actor: Any,
    enterprise: Enterprise,
    kind: str,
    answers: Mapping[str, str],
    visited_on: dt.date | None = None,
    workers_present: Any = None,
    notes: str = "",
    risks: Sequence[RiskInput] = (),
    photos: Iterable[Any] = (),
    target: PlanTarget | None = None,
) -> Inspection:
    """Record a visit: every checklist question answered, a risk recorded for every "no" the inspector
    does not explain in the notes, photos kept with the inspection. The visit completes ``target``, and
    every other planned visit to the enterprise whose period it falls in (``planned_visits_done_by``),
    whichever way it was recorded."""
    _require(actor, "labour.add_inspection")
    _in_scope(actor, enterprise)
    errors: dict[str, list[str]] = {}
    if kind not in InspectionKind.values:
        errors["kind"] = [_("Choose the kind of inspection.")]
    try:
        day = _day(visited_on, field="visited_on")
    except ValidationError as error:
        errors.update(error.message_dict)
        day = _today()
    items = checklist_for(kind)
    unanswered = [item.display for item in items if answers.get(item.code) not in Answer.values]
    if unanswered:
        errors["answers"] = [_("Not answered yet: %(items)s") % {"items": join_clauses(unanswered)}]
    cleaned = [_clean_risk(r, f"risks[{i}]", errors) for i, r in enumerate(risks)]
    noes = [item for item in items if answers.get(item.code) == Answer.NO]
    if noes and not cleaned and not notes.strip():
        errors["risks"] = [
            _("A question was answered “no”: record the risk, or say in the notes why there is none.")
        ]
    present = None
    if workers_present not in (None, ""):
        present = _count(workers_present, "workers_present", errors)
    if target is not None and (target.enterprise_id != enterprise.pk or target.inspection_id is not None):
        errors["target"] = [_("This planned visit is for another enterprise or already done.")]
    uploads = list(photos)
    if len(uploads) > MAX_PHOTOS:
        errors["photos"] = [_("At most %(n)d photos.") % {"n": MAX_PHOTOS}]
    for upload in uploads:
        try:
            validate_upload(upload)
            upload.seek(0)
        except ValidationError as error:
            errors.setdefault("photos", []).extend(error.messages)
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        enterprise=enterprise,
        kind=kind,
        visited_on=day,
        inspector=actor,
        street_id=enterprise.street_id,
        grid_id=enterprise.grid_id,
        answers={item.code: answers[item.code] for item in items},
        workers_present=present,
        notes=notes.strip()[:4000],
        risks_found=len(cleaned),
    )
    for upload in uploads:
        attachment_add(case=inspection, upload=upload, actor=actor)
    for values in cleaned:
        _create_risk(actor=actor, enterprise=enterprise, inspection=inspection, found_on=day, **values)
    done = planned_visits_done_by(enterprise=enterprise, day=day, kind=kind)
    if target is not None:
        done = done | PlanTarget.objects.filter(pk=target.pk)
    done.filter(inspection__isnull=True).update(inspection=inspection)
    return inspection


def planned_visits_done_by(*, enterprise: Enterprise, day: dt.date, kind: str) -> QuerySet[PlanTarget]:
    """The open planned visits to ``enterprise`` that a visit on ``day`` of ``kind`` makes: those of
    every plan whose period includes the day — a joint 安格 plan only by a joint check, whose checklist
    covers work safety as well."""
    targets = PlanTarget.objects.filter(
        enterprise=enterprise,
        inspection__isnull=True,
        plan__starts_on__lte=day,
        plan__ends_on__gte=day,
    )
    if kind != InspectionKind.JOINT:
        targets = targets.exclude(plan__kind=InspectionKind.JOINT)
    return targets


# --- risks ----------------------------------------------------------------------------------------------


@transaction.atomic
def risk_record(
    *,
    actor: Any,
    enterprise: Enterprise,
    risk: RiskInput,
    found_on: dt.date | None = None,
    inspection: Inspection | None = None,
) -> Risk:
    """Record one risk outside an inspection (a tip-off, a work order, a dispute that reveals it)."""
    _require(actor, "labour.add_inspection")
    _in_scope(actor, enterprise)
    errors: dict[str, list[str]] = {}
    values = _clean_risk(risk, "risk", errors)
    try:
        day = _day(found_on, field="found_on")
    except ValidationError as error:
        errors.update(error.message_dict)
        day = _today()
    if errors:
        raise ValidationError(errors)
    return _create_risk(actor=actor, enterprise=enterprise, inspection=inspection, found_on=day, **values)


def _street_of(enterprise: Enterprise) -> OrgUnit | None:
    street = enterprise.street
    return street if street is not None and street.kind == OrgUnitKind.STREET else None


def _create_risk(
    *, actor: Any, enterprise: Enterprise, inspection: Inspection | None, found_on: dt.date, **values: Any
) -> Risk:
    year = found_on.year
    risk = Risk(
        number=f"LR{year}{next_value(f'labour-risk-{year}'):06d}",
        enterprise=enterprise,
        inspection=inspection,
        street_id=enterprise.street_id,
        grid_id=enterprise.grid_id,
        found_on=found_on,
        found_by=actor,
        **values,
    )
    decision = rules.escalation(risk, on=found_on)
    if decision["escalate"]:
        # The rule decides that this is severe: never lower than the inspector said, and straight to
        # the department (its head is told below).
        if SEVERITY_ORDER[Severity(risk.severity)] < SEVERITY_ORDER[Severity.SEVERE]:
            risk.severity = Severity.SEVERE
        risk.escalated = True
        risk.escalation_trace = decision
        risk.assigned_unit = department()
    else:
        risk.assigned_unit = _street_of(enterprise) or department()
    create_case(risk, actor=actor, data={"severity": risk.severity, "escalated": risk.escalated})
    start_clock(risk, rules.CLOCK_RESOLVE, rules.RESOLVE_LIMIT[Severity(risk.severity)], found_on, actor)
    if risk.escalated:
        _tell_the_head(risk, reason=_("Severe risk recorded"))
    return risk


def _tell_the_head(risk: Risk, *, reason: str) -> None:
    heads = User.objects.filter(
        role=Role.DEPT_HEAD, org_unit__code=Department.LABOUR_RELATIONS, is_active=True
    )
    notify(
        title=_("%(reason)s: %(risk)s at %(enterprise)s")
        % {"reason": reason, "risk": risk, "enterprise": risk.enterprise.name},
        body=risk.description[:500],
        url=risk.get_absolute_url(),
        users=heads,
        case=risk,
    )


@WORKFLOW.performs("assign", case="risk")
def risk_assign(*, actor: Any, risk: Risk, unit: OrgUnit | None, on: dt.date | None = None) -> Risk:
    _require(actor, "labour.assign_risk")
    if unit is None or unit.kind not in (OrgUnitKind.STREET, OrgUnitKind.DEPARTMENT) or not unit.is_active:
        raise ValidationError({"unit": [_("Choose a street or a department to assign it to.")]})
    transition(
        risk, "assign", actor=actor, data={"on": _day(on), "unit": unit.pk}, fields={"assigned_unit": unit}
    )
    return risk


@WORKFLOW.performs("take_up", case="risk")
def risk_take_up(*, actor: Any, risk: Risk, on: dt.date | None = None) -> Risk:
    transition(risk, "take_up", actor=actor, data={"on": _day(on)})
    return risk


@WORKFLOW.performs("resolve", case="risk")
def risk_resolve(*, actor: Any, risk: Risk, resolution: str, on: dt.date | None = None) -> Risk:
    """The assigned unit reports it resolved; the department verifies (its to-do from now)."""
    day = _day(on)
    if day < risk.found_on:
        raise ValidationError({"on": [_("A risk cannot be resolved before it was found.")]})
    text = (resolution or "").strip()
    transition(
        risk,
        "resolve",
        actor=actor,
        reason=text,
        data={"on": day, "unit": risk.assigned_unit_id},
        fields={"resolution": text[:4000], "resolved_on": day, "assigned_unit": department()},
    )
    return risk


@WORKFLOW.performs("verify", case="risk")
def risk_verify(*, actor: Any, risk: Risk, on: dt.date | None = None) -> Risk:
    day = _day(on)
    if risk.resolved_on is not None and day < risk.resolved_on:
        raise ValidationError({"on": [_("A resolution cannot be verified before it was reported.")]})
    transition(
        risk, "verify", actor=actor, data={"on": day}, fields={"verified_on": day, "verified_by": actor}
    )
    return risk


@WORKFLOW.performs("reject", case="risk")
def risk_reject(*, actor: Any, risk: Risk, reason: str, on: dt.date | None = None) -> Risk:
    """Verification failed: back to the unit that resolved it, with the rework period."""
    from hrbureau.core.workflow import case_events

    resolved = case_events(risk).filter(name="resolve").order_by("-created_at", "-id").first()
    unit_id = resolved.data.get("unit") if resolved is not None else None
    unit = OrgUnit.objects.filter(pk=unit_id).first() if unit_id else None
    transition(
        risk,
        "reject",
        actor=actor,
        reason=reason,
        data={"on": _day(on)},
        fields={"assigned_unit": unit or risk.assigned_unit, "resolved_on": None},
    )
    return risk


@WORKFLOW.performs("escalate", case="risk")
def risk_escalate(*, actor: Any, risk: Risk, reason: str, on: dt.date | None = None) -> Risk:
    transition(
        risk, "escalate", actor=actor, reason=reason, data={"on": _day(on)}, fields={"escalated": True}
    )
    _tell_the_head(risk, reason=_("Risk escalated"))
    return risk


# --- plans ------------------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    enterprise_ids: Sequence[int],
) -> InspectionPlan:
    """A round of visits: each enterprise goes to the grid worker of the grid it lies in, with the
    warning level and score it had when it was chosen."""
    from hrbureau.labour.models import EnterpriseRiskScore

    _require(actor, "labour.plan_inspection")
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Give the plan a name.")]
    if kind not in InspectionKind.values:
        errors["kind"] = [_("Choose the kind of inspection.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("The period cannot end before it starts.")]
    ids = list(dict.fromkeys(enterprise_ids))
    enterprises = list(Enterprise.objects.for_user(actor).filter(pk__in=ids))
    if not ids or len(enterprises) != len(ids):
        errors["enterprise"] = [_("Choose enterprises you may see.")]
    if errors:
        raise ValidationError(errors)
    plan = InspectionPlan.objects.create(
        name=name[:200], kind=kind, starts_on=starts_on, ends_on=ends_on, created_by=actor
    )
    workers = {
        u.org_unit_id: u
        for u in User.objects.filter(
            role=Role.GRID_WORKER, is_active=True, org_unit_id__in={e.grid_id for e in enterprises}
        ).order_by("-id")
    }
    scores = {s.enterprise_id: s for s in EnterpriseRiskScore.objects.filter(enterprise_id__in=ids)}
    PlanTarget.objects.bulk_create(
        PlanTarget(
            plan=plan,
            enterprise=e,
            street_id=e.street_id,
            grid_id=e.grid_id,
            inspector=workers.get(e.grid_id),
            reason=(f"{scores[e.pk].get_level_display()} · {scores[e.pk].total}" if e.pk in scores else ""),
        )
        for e in enterprises
    )
    return plan
