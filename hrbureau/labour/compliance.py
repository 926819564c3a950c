"""Compliance work with enterprises and the HR-service market: trainings and expert consultations (会诊)
with the legal-expert pool and attendance, and the register of HR-service agencies with their
inspections and sanctions. Each write validates its input and writes all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import ActionKind, AgencyStatus, EventKind, LicenceKind
from hrbureau.labour.models import Attendance, ComplianceEvent, EnforcementAction, HRAgency, LegalExpert

# The sanctions that change an agency's status (and the status they give).
STATUS_AFTER = {ActionKind.SUSPENSION: AgencyStatus.SUSPENDED, ActionKind.REVOCATION: AgencyStatus.REVOKED}


def _require(actor: Any, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(permission)


@transaction.atomic
def event_create(
    *,
    actor: Any,
    kind: str,
    title: str,
    held_on: dt.date | None,
    place: str = "",
    expert_ids: Sequence[int] = (),
    enterprise_ids: Sequence[int] = (),
    notes: str = "",
) -> ComplianceEvent:
    """A training (any number of enterprises) or a consultation (one enterprise, at least one expert)."""
    _require(actor, "labour.manage_compliance")
    errors: dict[str, list[str]] = {}
    if kind not in EventKind.values:
        errors["kind"] = [_("Choose a training or a consultation.")]
    if not title.strip():
        errors["title"] = [_("Give the event a title.")]
    if held_on is None:
        errors["held_on"] = [_("Give the date.")]
    experts = list(LegalExpert.objects.filter(pk__in=set(expert_ids), active=True))
    enterprises = list(Enterprise.objects.filter(pk__in=set(enterprise_ids)))
    if len(experts) != len(set(expert_ids)):
        errors["experts"] = [_("Choose experts of the pool who are active.")]
    if len(enterprises) != len(set(enterprise_ids)):
        errors["enterprises"] = [_("Some enterprises were not found.")]
    if kind == EventKind.CONSULTATION:
        if not experts:
            errors.setdefault("experts", []).append(_("A consultation needs at least one expert."))
        if len(enterprises) != 1:
            errors.setdefault("enterprises", []).append(_("A consultation is about one enterprise."))
    elif kind == EventKind.TRAINING and not enterprises:
        errors.setdefault("enterprises", []).append(_("Invite at least one enterprise."))
    if errors or held_on is None:
        raise ValidationError(errors)
    event = ComplianceEvent.objects.create(
        kind=kind,
        title=title.strip()[:200],
        held_on=held_on,
        place=place.strip()[:200],
        notes=notes.strip(),
        created_by=actor,
    )
    event.experts.set(experts)
    Attendance.objects.bulk_create(Attendance(event=event, enterprise=e) for e in enterprises)
    return event


def attendance_mark(*, actor: Any, event: ComplianceEvent, attended: Iterable[int]) -> int:
    """Record who came (enterprise ids among the invited); only once the event has taken place."""
    _require(actor, "labour.manage_compliance")
    if event.held_on > timezone.localdate():
        raise ValidationError({"attended": [_("Attendance is recorded once the event has taken place.")]})
    came = set(attended)
    invited = set(event.attendance.values_list("enterprise_id", flat=True))
    if not came <= invited:
        raise ValidationError({"attended": [_("Only invited enterprises can have attended.")]})
    with transaction.atomic():
        event.attendance.update(attended=False)
        return event.attendance.filter(enterprise_id__in=came).update(attended=True)


def agency_register(
    *,
    actor: Any,
    enterprise: Enterprise | None,
    licence_no: str,
    licence_kind: str,
    licensed_on: dt.date | None,
    valid_until: dt.date | None = None,
) -> HRAgency:
    _require(actor, "labour.manage_agency")
    errors: dict[str, list[str]] = {}
    if enterprise is None:
        errors["enterprise"] = [_("Give the enterprise's USCC.")]
    if not licence_no.strip():
        errors["licence_no"] = [_("Give the licence number.")]
    if licence_kind not in LicenceKind.values:
        errors["licence_kind"] = [_("Choose the licence.")]
    if licensed_on is None:
        errors["licensed_on"] = [_("Give the date of the licence.")]
    elif valid_until is not None and valid_until < licensed_on:
        errors["valid_until"] = [_("A licence cannot expire before it was granted.")]
    if errors or enterprise is None or licensed_on is None:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return HRAgency.objects.create(
                enterprise=enterprise,
                licence_no=licence_no.strip()[:60],
                licence_kind=licence_kind,
                licensed_on=licensed_on,
                valid_until=valid_until,
            )
    except IntegrityError:
        raise ValidationError({"licence_no": [_("This licence number is already registered.")]}) from None


@transaction.atomic
def enforcement_record(
    *,
    actor: Any,
    agency: HRAgency,
    kind: str,
    taken_on: dt.date | None,
    description: str,
    decision_no: str = "",
    amount: Any = None,
) -> EnforcementAction:
    """An inspection or a sanction; a suspension or revocation changes the agency's status."""
    _require(actor, "labour.manage_agency")
    errors: dict[str, list[str]] = {}
    if kind not in ActionKind.values:
        errors["kind"] = [_("Choose the kind of action.")]
    if taken_on is None or taken_on > timezone.localdate():
        errors["taken_on"] = [_("Give the date (not in the future).")]
    if not description.strip():
        errors["description"] = [_("Describe the action.")]
    fine = None
    if kind == ActionKind.FINE:
        try:
            fine = Decimal(str(amount or "").replace(",", "").strip())
        except InvalidOperation:
            fine = None
        if fine is None or not fine.is_finite() or fine <= 0 or fine >= Decimal("1e10"):
            errors["amount"] = [_("Give the amount of the fine.")]
    if agency.status == AgencyStatus.REVOKED and kind in STATUS_AFTER:
        errors["kind"] = [_("The licence is already revoked.")]
    if errors or taken_on is None:
        raise ValidationError(errors)
    action = EnforcementAction.objects.create(
        agency=agency,
        kind=kind,
        taken_on=taken_on,
        description=description.strip(),
        decision_no=decision_no.strip()[:100],
        amount=fine,
        recorded_by=actor,
    )
    if kind in STATUS_AFTER:
        HRAgency.objects.filter(pk=agency.pk).update(status=STATUS_AFTER[ActionKind(kind)])
        agency.status = STATUS_AFTER[ActionKind(kind)]
    return action
