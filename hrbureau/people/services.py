"""Writes on the person registry, and the logged reveal of a full ID number."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.places import UnitIndex, validate_place
from hrbureau.core import changes
from hrbureau.core.audit import audit_record
from hrbureau.core.bulk import ids_by_key
from hrbureau.core.choices import AuditKind
from hrbureau.core.history import record_edit, snapshot
from hrbureau.core.identifiers import (
    birth_date_from_id,
    gender_from_id,
    mask_id_number,
    mask_phone,
    normalize_phone,
    normalize_resident_id,
)
from hrbureau.core.models import EditRecord
from hrbureau.core.scoping import scope_allows
from hrbureau.people.choices import Education, EmploymentStatus
from hrbureau.people.models import Person

FIELDS = (
    "id_number",
    "name",
    "phone",
    "hukou_address",
    "residence_address",
    "street",
    "community",
    "grid",
    "education",
    "employment_status",
)
MASKS = {"id_number": mask_id_number, "phone": mask_phone}


# Said of an imported row placed outside the uploader's area (translated when shown, not per row).
OUTSIDE_AREA = gettext_lazy("This person would be outside your area.")
# Each choice's codes once (a choices class rebuilds its values on every access; an import asks per row).
EDUCATION_LEVELS, EMPLOYMENT_STATUSES = frozenset(Education.values), frozenset(EmploymentStatus.values)


def person_validate(
    data: Mapping[str, Any], *, instance: Person | None = None, check_unique: bool = True
) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {key: data[key] for key in FIELDS if key in data}
    if "id_number" in data or instance is None:
        try:
            cleaned["id_number"] = normalize_resident_id(data.get("id_number"))
        except ValidationError as error:
            errors["id_number"] = list(error.messages)
        else:
            duplicates = Person.objects.filter(id_number=cleaned["id_number"]) if check_unique else None
            if duplicates is not None and instance is not None:
                duplicates = duplicates.exclude(pk=instance.pk)
            if duplicates is not None and duplicates.exists():
                errors["id_number"] = [
                    _("A person with the ID number %(id)s is already registered.")
                    % {"id": mask_id_number(cleaned["id_number"])}
                ]
            cleaned["gender"] = gender_from_id(cleaned["id_number"])
            cleaned["birth_date"] = birth_date_from_id(cleaned["id_number"])
    if "name" in data or instance is None:
        name = " ".join(str(data.get("name") or "").split())
        if not name:
            errors["name"] = [_("The name is required.")]
        cleaned["name"] = name[:100]
    if data.get("phone"):
        try:
            cleaned["phone"] = normalize_phone(data["phone"])
        except ValidationError as error:
            errors["phone"] = list(error.messages)
    elif "phone" in data:
        cleaned["phone"] = ""
    for text_field in ("hukou_address", "residence_address"):
        if text_field in data:
            cleaned[text_field] = " ".join(str(data.get(text_field) or "").split())[:300]
    if data.get("education") and data["education"] not in EDUCATION_LEVELS:
        errors["education"] = [_("%(value)s is not an education level.") % {"value": data["education"]}]
    if data.get("employment_status") and data["employment_status"] not in EMPLOYMENT_STATUSES:
        errors["employment_status"] = [
            _("%(value)s is not an employment status.") % {"value": data["employment_status"]}
        ]
    validate_place(cleaned, data, instance, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_scope(actor: Any, person: Person) -> None:
    if not scope_allows(actor, street_id=person.street_id, grid_id=person.grid_id, person_id=person.pk):
        raise PermissionDenied(_("This person would be outside your area."))


@transaction.atomic
def person_create(*, actor: Any, data: Mapping[str, Any], source: str = "form") -> Person:
    person = Person(**person_validate(data))
    _check_scope(actor, person)
    person.save()
    record_edit(
        target=person,
        actor=actor,
        source=source,
        before={},
        after=snapshot(person, FIELDS),
        created=True,
        mask=MASKS,
    )
    changes.person_changed(person.pk)
    return person


def person_register_for_case(
    *, actor: Any, id_number: str, name: str, phone: str = "", reference: str
) -> Person:
    """The registry record of a person a case names (an applicant, a party): found by the normalised ID
    number, or registered from what the case gives. No scope check: the case's own permission governs,
    and the record is written to the edit history with the case as its reference."""
    normalized = normalize_resident_id(id_number)
    existing = Person.objects.filter(id_number=normalized).first()
    if existing is not None:
        return existing
    data = {"id_number": normalized, "name": name, "phone": phone}
    person = Person(**person_validate(data))
    person.save()
    record_edit(
        target=person,
        actor=actor,
        source=EditRecord.Source.SYSTEM,
        reference=reference[:50],
        before={},
        after=snapshot(person, FIELDS),
        created=True,
        mask=MASKS,
    )
    return person


@transaction.atomic
def person_update(*, actor: Any, person: Person, data: Mapping[str, Any], source: str = "form") -> Person:
    _check_scope(actor, person)
    before = snapshot(person, FIELDS)
    for key, value in person_validate(data, instance=person).items():
        setattr(person, key, value)
    _check_scope(actor, person)
    person.save()
    record_edit(
        target=person, actor=actor, source=source, before=before, after=snapshot(person, FIELDS), mask=MASKS
    )
    changes.person_changed(person.pk)
    return person


def person_reveal(*, actor: Any, person: Person, reason: str, request: Any = None) -> dict[str, str]:
    """The full ID number and phone of one person, for a stated reason; every reveal is audited."""
    reason = " ".join(reason.split())
    if len(reason) < 4:
        raise ValidationError({"reason": [_("Say why you need the full number (at least 4 characters).")]})
    if not actor.has_perm("people.reveal_person"):
        raise PermissionDenied("people.reveal_person")
    audit_record(
        kind=AuditKind.REVEAL,
        actor=actor,
        request=request,
        target=person,
        reason=reason,
        detail={"fields": ["id_number", "phone"]},
    )
    return {"id_number": person.id_number, "phone": person.phone}


# --- imports -----------------------------------------------------------------------------------------


def person_import_clean(values: dict[str, Any], context: UnitIndex) -> dict[str, Any]:
    """One spreadsheet row to clean person data, by the form's rules (no writes)."""
    cleaned = context.clean_row(
        values,
        lambda row: person_validate(row, instance=None, check_unique=False),
        OUTSIDE_AREA,
    )
    if "id_number" in values:
        cleaned["_present"] += ["gender", "birth_date"]
    return cleaned


def person_existing(id_numbers: Any) -> dict[str, int]:
    return ids_by_key(Person, "id_number", id_numbers)


WRITE_FIELDS = (*FIELDS, "gender", "birth_date")


IMPORT_DEFAULTS = {
    "phone": "",
    "hukou_address": "",
    "residence_address": "",
    "education": "",
    "employment_status": "",
}


def person_import_write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> Any:
    from hrbureau.core.imports import writers
    from hrbureau.core.imports.spec import BatchResult

    if creates:
        writers.insert_created(
            model=Person,
            rows=creates,
            fields=WRITE_FIELDS,
            defaults=IMPORT_DEFAULTS,
            key="id_number",
            existing=person_existing,
            actor=actor,
            reference=reference,
        )
    if updates:
        writers.apply_updates(
            queryset=Person.objects.all(),
            updates=updates,
            fields=WRITE_FIELDS,
            history_fields=FIELDS,
            immutable="id_number",
            actor=actor,
            reference=reference,
            mask=MASKS,
        )
    return BatchResult(created=len(creates), updated=len(updates))
