"""Writes of the HR-service market: the register of HR-service agencies and their inspections and
sanctions. Each write checks the actor's permission, validates its input and writes all or nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.workflow import create_case, transition
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.choices import ActionKind, AgencyStatus, LicenceKind
from hrbureau.hrmarket.models import EnforcementAction, HRAgency
from hrbureau.hrmarket.workflows import WORKFLOW

# The sanctions that change an agency's status, and the transition that makes the change.
STEP_OF = {ActionKind.SUSPENSION: "suspend", ActionKind.REVOCATION: "revoke"}


def _require(actor: Any, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(permission)


def agency_register(
    *,
    actor: Any,
    enterprise: Enterprise | None,
    licence_no: str,
    licence_kind: str,
    licensed_on: dt.date | None,
    valid_until: dt.date | None = None,
) -> HRAgency:
    _require(actor, "hrmarket.manage_agency")
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
            agency = HRAgency(
                enterprise=enterprise,
                licence_no=licence_no.strip()[:60],
                licence_kind=licence_kind,
                licensed_on=licensed_on,
                valid_until=valid_until,
            )
            create_case(agency, actor=actor, data={"licence_no": agency.licence_no})
            return agency
    except IntegrityError:
        raise ValidationError({"licence_no": [_("This licence number is already registered.")]}) from None


@WORKFLOW.performs("enforce", case="agency")
@WORKFLOW.performs("suspend", case="agency", kind=ActionKind.SUSPENSION)
@WORKFLOW.performs("revoke", case="agency", kind=ActionKind.REVOCATION)
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
    """An inspection or a sanction, a step on the agency's timeline; a suspension or revocation changes
    the licence's status (the workflow's ``suspend`` and ``revoke``)."""
    _require(actor, "hrmarket.manage_agency")
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
    if agency.state == AgencyStatus.REVOKED and kind in STEP_OF:
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
    transition(
        agency,
        STEP_OF.get(ActionKind(kind), "enforce"),
        actor=actor,
        reason=action.description,
        data={
            "action": action.pk,
            "kind": kind,
            "on": taken_on,
            "decision_no": action.decision_no,
            "amount": fine,
        },
    )
    return action
