"""Writes on the enterprise registry. The form, the API and the import all come through here."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.places import UnitIndex, validate_place
from hrbureau.core import changes
from hrbureau.core.bulk import bulk_insert, ids_by_key
from hrbureau.core.history import record_edit, snapshot
from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.scoping import scope_allows
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass, section_of_division
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

FIELDS = (
    "uscc",
    "name",
    "former_names",
    "legal_representative",
    "registered_address",
    "street",
    "community",
    "grid",
    "industry_section",
    "industry_division",
    "size_class",
    "employees",
    "registration_date",
    "status",
)
HISTORY_FIELDS = (*FIELDS, "tags")


# Said of an imported row placed outside the uploader's area (translated when shown, not per row).
OUTSIDE_AREA = gettext_lazy("This enterprise would be outside your area.")


def today() -> dt.date:
    """Today in the platform's time zone, computed once a minute (bulk checks ask for it per row)."""
    now = time.monotonic()
    if now - _today_cache[0] > 60:
        _today_cache[0], _today_cache[1] = now, timezone.localdate()
    return _today_cache[1]


_today_cache: list[Any] = [-1e9, None]
# The codes of each choice, once: a choices class builds its list of values anew on every access, which
# cost an import a third of its checking time.
SECTIONS, SIZES, STATUSES = (frozenset(c.values) for c in (IndustrySection, SizeClass, EnterpriseStatus))


def enterprise_validate(
    data: Mapping[str, Any], *, instance: Enterprise | None = None, check_unique: bool = True
) -> dict[str, Any]:
    """Check and normalise enterprise data; raise one ValidationError listing every problem by field.

    ``check_unique=False`` skips the one database query (imports check codes in bulk instead).
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {key: data[key] for key in FIELDS if key in data}

    if "uscc" in data or instance is None:
        try:
            cleaned["uscc"] = normalize_uscc(data.get("uscc"))
        except ValidationError as error:
            errors["uscc"] = list(error.messages)
        else:
            duplicates = Enterprise.objects.filter(uscc=cleaned["uscc"]) if check_unique else None
            if duplicates is not None and instance is not None:
                duplicates = duplicates.exclude(pk=instance.pk)
            if duplicates is not None and duplicates.exists():
                errors["uscc"] = [
                    _("An enterprise with the code %(uscc)s is already registered.")
                    % {"uscc": cleaned["uscc"]}
                ]
    if "name" in data or instance is None:
        name = " ".join(str(data.get("name") or "").split())
        if not name:
            errors["name"] = [_("The enterprise name is required.")]
        cleaned["name"] = name[:200]
    for text_field, limit in (("legal_representative", 100), ("registered_address", 300)):
        if text_field in data:
            cleaned[text_field] = " ".join(str(data.get(text_field) or "").split())[:limit]
    if "former_names" in data:
        raw = data.get("former_names") or []
        if isinstance(raw, str):
            raw = list(raw.replace("；", ";").replace("、", ";").split(";"))
        cleaned["former_names"] = [" ".join(str(n).split()) for n in raw if str(n).strip()]

    section = data.get("industry_section", instance.industry_section if instance else "") or ""
    division = str(
        data.get("industry_division", instance.industry_division if instance else "") or ""
    ).strip()
    if section and section not in SECTIONS:
        errors["industry_section"] = [
            _("%(value)s is not a GB/T 4754 industry section.") % {"value": section}
        ]
    if division:
        if len(division) == 1 and division.isdigit():
            division = "0" + division
        owner = section_of_division(division)
        if owner is None:
            errors["industry_division"] = [
                _("%(value)s is not a GB/T 4754 industry division.") % {"value": division}
            ]
        elif section and owner != section:
            errors["industry_division"] = [
                _("Division %(division)s belongs to section %(owner)s, not %(section)s.")
                % {"division": division, "owner": owner, "section": section}
            ]
        elif not section:
            section = owner
    if "industry_section" in data or "industry_division" in data:
        cleaned["industry_section"], cleaned["industry_division"] = section, division

    if data.get("size_class") and data["size_class"] not in SIZES:
        errors["size_class"] = [_("%(value)s is not a size class.") % {"value": data["size_class"]}]
    if "employees" in data and data["employees"] not in (None, ""):
        try:
            employees = int(data["employees"])
        except (TypeError, ValueError):
            errors["employees"] = [_("The number of employees must be a whole number.")]
        else:
            if employees < 0:
                errors["employees"] = [_("The number of employees cannot be negative.")]
            cleaned["employees"] = employees
    elif "employees" in data:
        cleaned["employees"] = None
    registered = data.get("registration_date")
    if registered and isinstance(registered, dt.date) and registered > today():
        errors["registration_date"] = [_("The registration date cannot be in the future.")]
    if "status" in data and data["status"] not in STATUSES:
        errors["status"] = [_("%(value)s is not a registration status.") % {"value": data["status"]}]
    elif instance is None and not data.get("status"):
        cleaned["status"] = EnterpriseStatus.ACTIVE

    validate_place(cleaned, data, instance, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _check_scope(actor: Any, enterprise: Enterprise) -> None:
    if not scope_allows(
        actor, street_id=enterprise.street_id, grid_id=enterprise.grid_id, enterprise_id=enterprise.pk
    ):
        raise PermissionDenied(_("This enterprise would be outside your area."))


@transaction.atomic
def enterprise_create(
    *, actor: Any, data: Mapping[str, Any], tags: list[EnterpriseTag] | None = None, source: str = "form"
) -> Enterprise:
    cleaned = enterprise_validate(data)
    enterprise = Enterprise(**cleaned)
    _check_scope(actor, enterprise)
    enterprise.save()
    if tags:
        enterprise.tags.set(tags)
    record_edit(
        target=enterprise,
        actor=actor,
        source=source,
        before={},
        after=snapshot(enterprise, HISTORY_FIELDS),
        created=True,
    )
    changes.enterprise_changed(enterprise.pk)
    return enterprise


@transaction.atomic
def enterprise_update(
    *,
    actor: Any,
    enterprise: Enterprise,
    data: Mapping[str, Any],
    tags: list[EnterpriseTag] | None = None,
    source: str = "form",
) -> Enterprise:
    _check_scope(actor, enterprise)
    before = snapshot(enterprise, HISTORY_FIELDS)
    cleaned = enterprise_validate(data, instance=enterprise)
    for key, value in cleaned.items():
        setattr(enterprise, key, value)
    # An edit may not move an enterprise out of the editor's own area.
    _check_scope(actor, enterprise)
    enterprise.save()
    if tags is not None:
        enterprise.tags.set(tags)
    record_edit(
        target=enterprise,
        actor=actor,
        source=source,
        before=before,
        after=snapshot(enterprise, HISTORY_FIELDS),
    )
    changes.enterprise_changed(enterprise.pk)
    return enterprise


# --- imports -----------------------------------------------------------------------------------------


class ImportContext(UnitIndex):
    """What an enterprise import's row checks need, loaded once: the district's units and the tags."""

    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        self.tags = {}
        for tag in EnterpriseTag.objects.all():
            for label in (tag.code, tag.name, tag.name_en):
                if label:
                    self.tags[label.strip().lower()] = tag

    def tag_list(self, value: str) -> list[EnterpriseTag]:
        names = [
            part.strip()
            for part in value.replace("；", ";").replace("、", ";").replace(",", ";").split(";")
            if part.strip()
        ]
        unknown = [name for name in names if name.lower() not in self.tags]
        if unknown:
            raise ValidationError({"tags": [_("Unknown tags: %(tags)s.") % {"tags": "、".join(unknown)}]})
        return [self.tags[name.lower()] for name in names]


def enterprise_import_clean(values: dict[str, Any], context: ImportContext) -> dict[str, Any]:
    """One spreadsheet row to clean enterprise data, by the same rules as the form (no writes)."""
    data = dict(values)
    tags = data.pop("tags", None)
    cleaned = context.clean_row(
        data,
        lambda row: enterprise_validate(row, instance=None, check_unique=False),
        OUTSIDE_AREA,
    )
    if tags is not None:
        cleaned["tags"] = context.tag_list(tags) if tags else []
        cleaned["_present"].append("tags")
    return cleaned


def enterprise_existing(usccs: Any) -> dict[str, int]:
    return ids_by_key(Enterprise, "uscc", usccs)


def _flagged(tags: list[EnterpriseTag], flags: dict[EnterpriseTag, bool] | None) -> list[EnterpriseTag]:
    """Tags with a row's yes/no tag columns applied (是 adds the tag, 否 removes it)."""
    if not flags:
        return tags
    kept = [tag for tag in tags if flags.get(tag, True)]
    return kept + [tag for tag, on in flags.items() if on and tag not in kept]


def _import_tags(
    enterprise: Enterprise, row: dict[str, Any], before: dict[str, str], after: dict[str, str]
) -> None:
    if "tags" in row or "tag_flags" in row:
        current = list(enterprise.tags.all())
        before["tags"] = "、".join(sorted(t.name for t in current))
        tags = _flagged(row.get("tags", current), row.get("tag_flags"))
        enterprise.tags.set(tags)
        after["tags"] = "、".join(sorted(t.name for t in tags))


IMPORT_DEFAULTS = {
    "former_names": [],
    "legal_representative": "",
    "registered_address": "",
    "industry_section": "",
    "industry_division": "",
    "size_class": "",
    "status": EnterpriseStatus.ACTIVE,
}


def enterprise_import_write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> Any:
    """Write a batch of checked rows: bulk inserts and updates, their tags and their edit records."""
    from hrbureau.core.imports import writers
    from hrbureau.core.imports.spec import BatchResult

    if creates:
        ids = writers.insert_created(
            model=Enterprise,
            rows=creates,
            fields=FIELDS,
            defaults=IMPORT_DEFAULTS,
            key="uscc",
            existing=enterprise_existing,
            actor=actor,
            reference=reference,
        )
        through = Enterprise.tags.through
        bulk_insert(
            through,
            ["enterprise_id", "enterprisetag_id"],
            (
                (ids[row["uscc"]], tag.pk)
                for row in creates
                for tag in _flagged(row.get("tags") or [], row.get("tag_flags"))
            ),
        )
    if updates:
        writers.apply_updates(
            queryset=Enterprise.objects.prefetch_related("tags"),
            updates=updates,
            fields=FIELDS,
            history_fields=FIELDS,
            immutable="uscc",
            actor=actor,
            reference=reference,
            extra=_import_tags,
        )
    return BatchResult(created=len(creates), updated=len(updates))
