"""Where a record sits in the district — street, community, grid — for every registry that places its
records there (enterprises, people, and later the business lines). One set of rules: the units must be
of the right kind and nested, a more specific unit fills in the ones above it, and a spreadsheet may
name units by name or code."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.scoping import scope_allows

LEVELS = (("street", OrgUnitKind.STREET), ("community", OrgUnitKind.COMMUNITY), ("grid", OrgUnitKind.GRID))
KEYS = tuple(key for key, _kind in LEVELS)


def check_place(cleaned: dict[str, Any], errors: dict[str, list[str]]) -> None:
    """Fill street and community from the most specific unit given, and check that they agree."""
    street, community, grid = cleaned.get("street"), cleaned.get("community"), cleaned.get("grid")
    for field, kind in LEVELS:
        unit = cleaned.get(field)
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


def inherit_place(cleaned: dict[str, Any], data: Mapping[str, Any], instance: Any) -> None:
    """Levels not given keep the record's own values, unless these lie outside a level that was given
    (moving a record to another street drops its old community and grid)."""
    parent = None
    for key in KEYS:
        if key in data:
            parent = cleaned.get(key)
            continue
        current = getattr(instance, key) if instance is not None else None
        if current is not None and parent is not None and current.parent_id != parent.pk:
            current = None
        cleaned[key] = current
        parent = current if current is not None else parent


def validate_place(
    cleaned: dict[str, Any], data: Mapping[str, Any], instance: Any, errors: dict[str, list[str]]
) -> None:
    """The place part of a registry's validation, when the data names any level."""
    if set(KEYS) & set(data):
        inherit_place(cleaned, data, instance)
        check_place(cleaned, errors)


class UnitIndex:
    """An import's view of the district, loaded once: units by name, code or English name, and the
    uploader whose scope every placed row must stay in."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.by_name: dict[tuple[str, str], list[OrgUnit]] = {}
        units = OrgUnit.objects.filter(is_active=True, kind__in=[kind for _key, kind in LEVELS])
        for unit in units.select_related("parent__parent"):
            for label in {unit.name, unit.code, unit.name_en}:
                if label:
                    self.by_name.setdefault((unit.kind, label), []).append(unit)

    def place(self, *, street: str, community: str, grid: str) -> dict[str, OrgUnit]:
        """The units a row names, each looked for within its parent when the parent is named too
        (two streets may each have a "第一社区")."""
        found: dict[str, OrgUnit] = {}
        parent: OrgUnit | None = None
        for (key, kind), value in zip(LEVELS, (street, community, grid), strict=True):
            if not value:
                parent = None
                continue
            matches = self.by_name.get((kind, value), [])
            if parent is not None:
                matches = [unit for unit in matches if unit.parent_id == parent.pk]
            if len(matches) != 1:
                label = {"kind": OrgUnitKind(kind).label, "name": value}
                if not matches:
                    raise ValidationError({key: [_("No %(kind)s named %(name)s.") % label]})
                raise ValidationError(
                    {key: [_("More than one %(kind)s is named %(name)s; give its parent too.") % label]}
                )
            found[key] = parent = matches[0]
        return found

    def clean_row(
        self,
        values: dict[str, Any],
        validate: Callable[[dict[str, Any]], dict[str, Any]],
        outside: str | Promise,
    ) -> dict[str, Any]:
        """Resolve the units a row names, validate it, keep it in the uploader's scope, and note which
        columns it gave (an update changes only those)."""
        data = dict(values)
        names = {key: data.pop(key) for key in KEYS if key in data}
        placed = any(names.values())
        if placed:
            data.update(
                self.place(
                    street=names.get("street", ""),
                    community=names.get("community", ""),
                    grid=names.get("grid", ""),
                )
            )
        cleaned = validate(data)
        if placed:
            street, grid = cleaned.get("street"), cleaned.get("grid")
            if not scope_allows(
                self.actor, street_id=street.pk if street else None, grid_id=grid.pk if grid else None
            ):
                raise ValidationError({"street": [str(outside)]})
        cleaned["_present"] = [key for key in values if key not in KEYS] + [key for key in KEYS if placed]
        return cleaned
