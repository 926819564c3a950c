"""三龄一历 certification (三龄一历认定) for staff of non-district-managed units: a unit's request with the
claimed birth date, work start, party joining date and education history and its evidence; the
department's review proposes a finding per item; the department head — never the reviewer — decides
each item, confirmed or corrected, with a reason; the certified record is written and supersedes the
staff member's earlier one (kept as history)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import counters
from hrbureau.core.attachments import attachment_add
from hrbureau.core.identifiers import normalize_resident_id
from hrbureau.core.workflow import act_day, create_case, declare_workflow, transition
from hrbureau.personnel import records_forms as F
from hrbureau.personnel.records_choices import CertificationState, CertifiedItem, Degree, Outcome
from hrbureau.personnel.records_models import (
    CertificationFinding,
    CertificationRequest,
    CertifiedRecord,
    EducationRow,
    StaffMember,
)

CS = CertificationState
CERTIFICATION_WORKFLOW = declare_workflow(
    CertificationRequest,
    states=CertificationState,
    initial=CS.SUBMITTED,
    todo_states={CS.SUBMITTED, CS.REVIEWED},
    final_states={CS.CERTIFIED, CS.REFUSED},
    slug="personnel-certifications",
)


def _not_the_reviewer(request: Any, actor: Any, data: dict[str, Any]) -> Any:
    # Maker ≠ checker: the head who decides is never the one who reviewed.
    if actor is not None and request.reviewed_by_id is not None and request.reviewed_by_id == actor.pk:
        return gettext_lazy("You reviewed this request: another person decides it.")
    return None


CERTIFICATION_WORKFLOW.add(
    "review",
    gettext_lazy("Record the review"),
    source={CS.SUBMITTED},
    target=CS.REVIEWED,
    permission="personnel.review_certification",
    form=F.FindingsForm,
)
CERTIFICATION_WORKFLOW.add(
    "return_to_unit",
    gettext_lazy("Return to the unit"),
    source={CS.SUBMITTED},
    target=CS.RETURNED,
    permission="personnel.review_certification",
    requires_reason=True,
    button="secondary",
    form=F.ReasonForm,
)
CERTIFICATION_WORKFLOW.add(
    "resubmit",
    gettext_lazy("Resubmit with more evidence"),
    source={CS.RETURNED},
    target=CS.SUBMITTED,
    permission="personnel.review_certification",
    form=F.ResubmitForm,
)
CERTIFICATION_WORKFLOW.add(
    "decide",
    gettext_lazy("Certify"),
    source={CS.REVIEWED},
    target=CS.CERTIFIED,
    permission="personnel.decide_certification",
    guard=_not_the_reviewer,
    form=F.FindingsForm,
)
CERTIFICATION_WORKFLOW.add(
    "send_back",
    gettext_lazy("Send back for another review"),
    source={CS.REVIEWED},
    target=CS.SUBMITTED,
    permission="personnel.decide_certification",
    requires_reason=True,
    button="secondary",
    form=F.ReasonForm,
)
CERTIFICATION_WORKFLOW.add(
    "refuse",
    gettext_lazy("Refuse"),
    source={CS.SUBMITTED, CS.REVIEWED},
    target=CS.REFUSED,
    permission="personnel.decide_certification",
    requires_reason=True,
    button="danger",
    form=F.ReasonForm,
)


# --- staff members ---------------------------------------------------------------------------------


def staff_save(
    *,
    actor: Any,
    name: str,
    id_number: str,
    unit_name: str,
    post: str = "",
    street: Any = None,
    party_member: bool = False,
) -> StaffMember:
    """Create or update the staff record of this ID number, linked to the people registry's person."""
    from hrbureau.people.models import Person

    try:
        normalized = normalize_resident_id(id_number)
    except ValidationError:
        raise
    except ValueError as error:
        raise ValidationError({"id_number": str(error)}) from None
    person = Person.objects.filter(id_number=normalized).first()
    staff, _created = StaffMember.objects.update_or_create(
        id_number=normalized,
        defaults={
            "name": name.strip(),
            "unit_name": unit_name.strip(),
            "post": post.strip(),
            "street": street,
            "party_member": party_member,
            "person": person,
        },
    )
    return staff


# --- the request -----------------------------------------------------------------------------------


def certification_submit(
    *,
    actor: Any,
    staff: StaffMember,
    requesting_unit: str,
    claimed_birth_date: dt.date,
    claimed_work_start: dt.date,
    claimed_party_joined: dt.date | None = None,
    education: list[dict[str, Any]] | None = None,
    evidence: list[Any] | None = None,
    on: dt.date | None = None,
) -> CertificationRequest:
    """File a unit's request. Refused while another request of the same staff member is open."""
    on = on or timezone.localdate()
    errors: dict[str, str] = {}
    if claimed_work_start <= claimed_birth_date:
        errors["claimed_work_start"] = _("The work start date must be after the birth date.")
    if claimed_party_joined is not None and claimed_party_joined <= claimed_birth_date:
        errors["claimed_party_joined"] = _("The party joining date must be after the birth date.")
    education = education or []
    for row in education:
        if row["ended_on"] < row["started_on"]:
            errors["__all__"] = _("An education row ends before it starts.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        open_states = {CS.SUBMITTED, CS.RETURNED, CS.REVIEWED}
        if CertificationRequest.objects.filter(staff=staff, state__in=open_states).exists():
            raise ValidationError(_("This staff member already has a request being handled."))
        number = f"SLYL-{on.year}-{counters.next_value(f'personnel-certification-{on.year}'):05d}"
        request = CertificationRequest(
            number=number,
            staff=staff,
            requesting_unit=requesting_unit.strip(),
            claimed_birth_date=claimed_birth_date,
            claimed_work_start=claimed_work_start,
            claimed_party_joined=claimed_party_joined,
            submitted_on=on,
        )
        create_case(request, actor=actor, data={"on": on})
        for row in education:
            EducationRow.objects.create(request=request, **row)
        for upload in evidence or []:
            attachment_add(case=request, upload=upload, actor=actor)
    return request


def claimed_value(request: CertificationRequest, item: str) -> Any:
    """What the unit claimed for ``item`` (the highest degree of its education rows for education)."""
    if item == CertifiedItem.BIRTH_DATE:
        return request.claimed_birth_date
    if item == CertifiedItem.WORK_START:
        return request.claimed_work_start
    if item == CertifiedItem.PARTY_JOINED:
        return request.claimed_party_joined
    return highest_degree([row.degree for row in request.education.all()])


DEGREE_ORDER = [d.value for d in Degree]


def highest_degree(degrees: list[str]) -> str:
    known = [d for d in degrees if d in DEGREE_ORDER]
    return max(known, key=DEGREE_ORDER.index) if known else ""


def _clean_findings(findings: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Every item present, each confirmed or corrected to a valid value, each with a reason."""
    cleaned = {}
    for item in CertifiedItem.values:
        finding = findings.get(item)
        if not finding:
            raise ValidationError(
                _("Every item needs a finding: %(item)s is missing.") % {"item": CertifiedItem(item).label}
            )
        outcome = finding.get("outcome")
        reason = str(finding.get("reason") or "").strip()
        value = str(finding.get("value") or "").strip()
        if outcome not in Outcome.values:
            raise ValidationError(_("Unknown outcome for %(item)s.") % {"item": CertifiedItem(item).label})
        if not reason:
            raise ValidationError(_("%(item)s needs a reason.") % {"item": CertifiedItem(item).label})
        if outcome == Outcome.CORRECTED:
            if item == CertifiedItem.EDUCATION:
                if value not in Degree.values:
                    raise ValidationError(_("The corrected highest degree is not a degree."))
            else:
                try:
                    dt.date.fromisoformat(value)
                except ValueError:
                    raise ValidationError(
                        _("%(item)s: the corrected value is not a date.")
                        % {"item": CertifiedItem(item).label}
                    ) from None
        else:
            value = ""
        cleaned[item] = {"outcome": str(outcome), "value": value, "reason": reason}
    return cleaned


def _write_findings(
    request: CertificationRequest, *, stage: str, findings: dict[str, dict[str, str]], actor: Any
) -> None:
    CertificationFinding.objects.filter(request=request, stage=stage).delete()
    for item, finding in findings.items():
        CertificationFinding.objects.create(request=request, stage=stage, item=item, by=actor, **finding)


@CERTIFICATION_WORKFLOW.performs("review", case="request")
def certification_review(
    *,
    actor: Any,
    request: CertificationRequest,
    findings: dict[str, dict[str, Any]],
    on: dt.date | None = None,
) -> Any:
    """Department staff record their finding per item; the request waits for the head's decision."""
    cleaned = _clean_findings(findings)
    with transaction.atomic():
        event = transition(
            request,
            "review",
            actor=actor,
            data={"on": on, "findings": cleaned},
            fields={"reviewed_by_id": actor.pk},
        )
        _write_findings(request, stage="review", findings=cleaned, actor=actor)
    return event


def _decided_value(request: CertificationRequest, item: str, finding: dict[str, str]) -> Any:
    if finding["outcome"] == Outcome.CONFIRMED:
        return claimed_value(request, item)
    if item == CertifiedItem.EDUCATION:
        return finding["value"]
    return dt.date.fromisoformat(finding["value"])


@CERTIFICATION_WORKFLOW.performs("decide", case="request")
def certification_decide(
    *,
    actor: Any,
    request: CertificationRequest,
    findings: dict[str, dict[str, Any]],
    on: dt.date | None = None,
) -> CertifiedRecord:
    """The head decides each item; the certified record is written and supersedes the current one."""
    cleaned = _clean_findings(findings)
    on = on or timezone.localdate()
    values = {item: _decided_value(request, item, finding) for item, finding in cleaned.items()}
    if values[CertifiedItem.WORK_START] <= values[CertifiedItem.BIRTH_DATE]:
        raise ValidationError(_("The work start date must be after the birth date."))
    with transaction.atomic():
        transition(
            request, "decide", actor=actor, data={"on": on, "findings": cleaned}, fields={"decided_on": on}
        )
        _write_findings(request, stage="decision", findings=cleaned, actor=actor)
        current = CertifiedRecord.objects.filter(staff=request.staff, superseded_by__isnull=True).first()
        record = _record_write(current, request=request, values=values, on=on, actor=actor)
        for row in request.education.all():
            EducationRow.objects.create(
                record=record,
                school=row.school,
                degree=row.degree,
                started_on=row.started_on,
                ended_on=row.ended_on,
            )
    return record


def _record_write(
    current: CertifiedRecord | None,
    *,
    request: CertificationRequest,
    values: dict[str, Any],
    on: dt.date,
    actor: Any,
) -> CertifiedRecord:
    """Write the new certified record; the current one, if any, is superseded by it and kept. The
    constraint allows one current record per person, so the new one is saved pointing at the old one
    for a moment, and made current only once the old one points at it."""
    record = CertifiedRecord(
        staff=request.staff,
        request=request,
        birth_date=values[CertifiedItem.BIRTH_DATE],
        work_start=values[CertifiedItem.WORK_START],
        party_joined=values[CertifiedItem.PARTY_JOINED],
        highest_degree=values[CertifiedItem.EDUCATION],
        certified_on=on,
        certified_by=actor,
        superseded_by=current,  # a placeholder, cleared at once below
    )
    record.save()
    if current is None:
        return record
    CertifiedRecord.objects.filter(pk=current.pk).update(superseded_by=record)
    CertifiedRecord.objects.filter(pk=record.pk).update(superseded_by=None)
    record.superseded_by = None
    return record


@CERTIFICATION_WORKFLOW.performs("return_to_unit", case="request")
def certification_return(
    *, actor: Any, request: CertificationRequest, reason: str, on: dt.date | None = None
) -> Any:
    return transition(request, "return_to_unit", actor=actor, reason=reason, data={"on": on})


@CERTIFICATION_WORKFLOW.performs("resubmit", case="request")
def certification_resubmit(
    *,
    actor: Any,
    request: CertificationRequest,
    evidence: list[Any] | None = None,
    on: dt.date | None = None,
) -> Any:
    with transaction.atomic():
        event = transition(request, "resubmit", actor=actor, data={"on": on})
        for upload in evidence or []:
            attachment_add(case=request, upload=upload, actor=actor, event=event)
    return event


@CERTIFICATION_WORKFLOW.performs("send_back", case="request")
def certification_send_back(
    *, actor: Any, request: CertificationRequest, reason: str, on: dt.date | None = None
) -> Any:
    return transition(
        request, "send_back", actor=actor, reason=reason, data={"on": on}, fields={"reviewed_by_id": None}
    )


@CERTIFICATION_WORKFLOW.performs("refuse", case="request")
def certification_refuse(
    *, actor: Any, request: CertificationRequest, reason: str, on: dt.date | None = None
) -> Any:
    return transition(
        request,
        "refuse",
        actor=actor,
        reason=reason,
        data={"on": on},
        fields={"decided_on": act_day({"on": on})},
    )


# --- reading a certified record --------------------------------------------------------------------


def full_years(start: dt.date, on: dt.date) -> int:
    """Whole years from ``start`` to ``on`` (an age; a 29 February start counts its year on 1 March)."""
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return max(years, 0)


def current_record(staff: StaffMember) -> CertifiedRecord | None:
    return CertifiedRecord.objects.filter(staff=staff, superseded_by__isnull=True).first()
