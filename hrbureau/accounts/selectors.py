from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit


def orgunit_list(*, user: Any) -> QuerySet[OrgUnit]:
    """The active units the user may see; the list's filter is declared in ``lists.py``."""
    return OrgUnit.objects.for_user(user).select_related("parent").filter(is_active=True).order_by("path")


def streets(*, user: Any) -> QuerySet[OrgUnit]:
    return orgunit_list(user=user).filter(kind=OrgUnitKind.STREET).order_by("sort_order", "name")


def grid_places() -> list[tuple[OrgUnit, OrgUnit, OrgUnit]]:
    """Every active grid with its community and street: (grid, community, street), in tree order."""
    places = []
    for grid in (
        OrgUnit.objects.filter(kind=OrgUnitKind.GRID, is_active=True)
        .select_related("parent__parent")
        .order_by("path")
    ):
        community = grid.parent
        street = community.parent if community is not None else None
        if community is None or street is None:
            raise ValueError(f"grid {grid.code} is not under a community and a street")
        places.append((grid, community, street))
    return places


def orgunits_changed() -> None:
    """Tell every process that the organisation tree changed (cached unit choices are rebuilt) — for
    writes that bypass the models' signals (a bulk load); a unit saved or deleted does it itself
    (accounts/apps.py)."""
    from hrbureau.core.choicecache import choices_changed

    choices_changed("orgunits")


def unit_choices(kind: str) -> list[tuple[int, str]]:
    """(id, label) of the active units of one kind, for filter selects; cached per language until the
    tree changes. Labels of communities and grids name their parent ("东湖街道 / 东湖一社区")."""
    from hrbureau.core.choicecache import cached_choices

    def build() -> list[tuple[int, str]]:
        units = OrgUnit.objects.filter(kind=kind, is_active=True).select_related("parent").order_by("path")
        return [
            (
                u.pk,
                u.display_name
                if kind == OrgUnitKind.STREET or u.parent is None
                else f"{u.parent.display_name} / {u.display_name}",
            )
            for u in units
        ]

    return cached_choices("orgunits", build, variant=kind)


def portal_users_of(*, person_id: int | None = None, enterprise_id: int | None = None) -> list[Any]:
    """The active portal accounts that speak for a party: the citizen bound to ``person_id`` and the
    enterprise users bound to ``enterprise_id`` (who receive a party's notices in their portal inbox)."""
    from django.db.models import Q

    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.models import User

    condition = Q()
    if person_id is not None:
        condition |= Q(person_id=person_id, role=Role.INDIVIDUAL)
    if enterprise_id is not None:
        condition |= Q(enterprise_id=enterprise_id, role=Role.ENTERPRISE)
    if not condition:
        return []
    return list(User.objects.filter(condition, is_active=True).order_by("id"))
