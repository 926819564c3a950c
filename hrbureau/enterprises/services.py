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

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.bulk import bulk_insert
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


def today() -> dt.date:
    """Today in the platform's time zone, computed once a minute (bulk checks ask for it per row)."""
    now = time.monotonic()
    if now - _today_cache[0] > 60:
        _today_cache[0], _today_cache[1] = now, timezone.localdate()
    return _today_cache[1]


_today_cache: list[Any] = [-1e9, None]


def _place(cleaned: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Fill street and community from the most specific unit given, and check they agree."""
    street, community, grid = cleaned.get("street"), cleaned.get("community"), cleaned.get("grid")
    for field, unit, kind in (
        ("street", street, OrgUnitKind.STREET),
        ("community", community, OrgUnitKind.COMMUNITY),
        ("grid", grid, OrgUnitKind.GRID),
    ):
        if unit is not None and unit.kind != kind:
            errors.setdefault(field, []).append(
                _("%(unit)s is not a %(kind)s.") % {"unit": unit, "kind": OrgUnitKind(kind).label}
            )
            return
    if grid is not None:
        if community is not None and grid.parent_id != community.pk:
            errors.setdefault("grid", []).append(
                _("Grid %(grid)s is not in community %(community)s.") % {"grid": grid, "community": community}
            )
            return
        community = grid.parent
    if community is not None:
        if street is not None and community.parent_id != street.pk:
            errors.setdefault("community", []).append(
                _("Community %(community)s is not in street %(street)s.")
                % {"community": community, "street": street}
            )
            return
        street = community.parent
    cleaned["street"], cleaned["community"], cleaned["grid"] = street, community, grid


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
    if section and section not in IndustrySection.values:
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

    if data.get("size_class") and data["size_class"] not in SizeClass.values:
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
    if "status" in data and data["status"] not in EnterpriseStatus.values:
        errors["status"] = [_("%(value)s is not a registration status.") % {"value": data["status"]}]
    elif instance is None and not data.get("status"):
        cleaned["status"] = EnterpriseStatus.ACTIVE

    if {"street", "community", "grid"} & set(data):
        inherit_place(cleaned, data, instance)
        _place(cleaned, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def inherit_place(cleaned: dict[str, Any], data: Mapping[str, Any], instance: Any) -> None:
    """Levels not given keep the record's own values, unless these lie outside a level that was given
    (moving an enterprise to another street drops its old community and grid)."""
    parent = None
    for key in ("street", "community", "grid"):
        if key in data:
            parent = cleaned.get(key)
            continue
        current = getattr(instance, key) if instance is not None else None
        if current is not None and parent is not None and current.parent_id != parent.pk:
            current = None
        cleaned[key] = current
        parent = current if current is not None else parent


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
    return enterprise


def place_by_names(*, street: str = "", community: str = "", grid: str = "") -> dict[str, OrgUnit | None]:
    """Resolve organisation units named in a spreadsheet (by name or code), each within its parent when
    the parent is named too (two streets may each have a "第一社区")."""
    found: dict[str, OrgUnit | None] = {}
    parent: OrgUnit | None = None
    for key, value, kind in (
        ("street", street, OrgUnitKind.STREET),
        ("community", community, OrgUnitKind.COMMUNITY),
        ("grid", grid, OrgUnitKind.GRID),
    ):
        value = " ".join(str(value or "").split())
        if not value:
            parent = None
            continue
        units = OrgUnit.objects.filter(kind=kind, is_active=True)
        if parent is not None:
            units = units.filter(parent=parent)
        matches = list(units.filter(name=value)[:2]) or list(units.filter(code=value)[:2])
        if not matches:
            raise ValidationError(
                {key: [_("No %(kind)s named %(name)s.") % {"kind": OrgUnitKind(kind).label, "name": value}]}
            )
        if len(matches) > 1:
            raise ValidationError(
                {
                    key: [
                        _("More than one %(kind)s is named %(name)s; give its parent too.")
                        % {"kind": OrgUnitKind(kind).label, "name": value}
                    ]
                }
            )
        found[key] = parent = matches[0]
    return found


# --- imports -----------------------------------------------------------------------------------------


class ImportContext:
    """What an import's row checks need, loaded once: organisation units and tags by name, the uploader."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        units = OrgUnit.objects.filter(
            is_active=True, kind__in=[OrgUnitKind.STREET, OrgUnitKind.COMMUNITY, OrgUnitKind.GRID]
        )
        self.units = list(units.select_related("parent__parent"))
        self.by_name: dict[tuple[str, str], list[OrgUnit]] = {}
        for unit in self.units:
            for label in {unit.name, unit.code, unit.name_en}:
                if label:
                    self.by_name.setdefault((unit.kind, label), []).append(unit)
        self.tags = {}
        for tag in EnterpriseTag.objects.all():
            for label in (tag.code, tag.name, tag.name_en):
                if label:
                    self.tags[label.strip().lower()] = tag

    def place(self, *, street: str, community: str, grid: str) -> dict[str, OrgUnit]:
        found: dict[str, OrgUnit] = {}
        parent: OrgUnit | None = None
        for key, value, kind in (
            ("street", street, OrgUnitKind.STREET),
            ("community", community, OrgUnitKind.COMMUNITY),
            ("grid", grid, OrgUnitKind.GRID),
        ):
            if not value:
                parent = None
                continue
            matches = self.by_name.get((kind, value), [])
            if parent is not None:
                matches = [unit for unit in matches if unit.parent_id == parent.pk]
            if not matches:
                raise ValidationError(
                    {
                        key: [
                            _("No %(kind)s named %(name)s.")
                            % {"kind": OrgUnitKind(kind).label, "name": value}
                        ]
                    }
                )
            if len(matches) > 1:
                raise ValidationError(
                    {
                        key: [
                            _("More than one %(kind)s is named %(name)s; give its parent too.")
                            % {"kind": OrgUnitKind(kind).label, "name": value}
                        ]
                    }
                )
            found[key] = parent = matches[0]
        return found

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
    place = {key: data.pop(key) for key in ("street", "community", "grid") if key in data}
    tags = data.pop("tags", None)
    if any(place.values()):
        data.update(
            context.place(
                street=place.get("street", ""),
                community=place.get("community", ""),
                grid=place.get("grid", ""),
            )
        )
    cleaned = enterprise_validate(data, instance=None, check_unique=False)
    if any(place.values()):
        street, grid = cleaned.get("street"), cleaned.get("grid")
        if not scope_allows(
            context.actor, street_id=street.pk if street else None, grid_id=grid.pk if grid else None
        ):
            raise ValidationError({"street": [_("This enterprise would be outside your area.")]})
    if tags is not None:
        cleaned["tags"] = context.tag_list(tags) if tags else []
    # Only the columns present in the file are changed by an update.
    cleaned["_present"] = [key for key in values if key not in ("street", "community", "grid")] + [
        key for key in ("street", "community", "grid") if any(place.values())
    ]
    return cleaned


def enterprise_existing(usccs: Any) -> dict[str, int]:
    return dict(Enterprise.objects.filter(uscc__in=list(usccs)).values_list("uscc", "id"))


def _import_tags(
    enterprise: Enterprise, row: dict[str, Any], before: dict[str, str], after: dict[str, str]
) -> None:
    if "tags" in row:
        before["tags"] = "、".join(sorted(t.name for t in enterprise.tags.all()))
        enterprise.tags.set(row["tags"])
        after["tags"] = "、".join(sorted(t.name for t in row["tags"]))


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
            ((ids[row["uscc"]], tag.pk) for row in creates for tag in row.get("tags") or []),
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
