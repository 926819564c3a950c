"""Figures for the leadership dashboard, each computed from the records the reader may see. The apps'
figures are read from the figures registry (``core.figures``): reports names no app's models."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core import clocks, figures

ENTERPRISES, PEOPLE = "enterprises.registered", "people.registered"


@dataclass(frozen=True)
class StreetFigure:
    street_id: int
    street: str
    enterprises: int
    people: int


def organisation_counts(*, user: Any) -> dict[str, int]:
    counts = dict(
        OrgUnit.objects.for_user(user)
        .filter(is_active=True)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {kind: counts.get(kind, 0) for kind in OrgUnitKind.values}


def figures_by_street(*, user: Any) -> list[StreetFigure]:
    enterprises = figures.get(ENTERPRISES).by_street(user)
    people = figures.get(PEOPLE).by_street(user)
    streets = OrgUnit.objects.filter(kind=OrgUnitKind.STREET, is_active=True).order_by("sort_order", "name")
    return [
        StreetFigure(s.pk, s.display_name, enterprises.get(s.pk, 0), people.get(s.pk, 0)) for s in streets
    ]


def dashboard(*, user: Any) -> dict[str, Any]:
    by_street = figures_by_street(user=user)
    return {
        "organisation": organisation_counts(user=user),
        "enterprise_total": figures.get(ENTERPRISES).count(user),
        "person_total": figures.get(PEOPLE).count(user),
        "by_street": by_street,
        # The alert: cases under supervision (督办) now and those that went under it today, each figure
        # a link to its list (the same list the daily digest links to).
        "supervision": clocks.supervision_counts(user=user),
        "supervision_url": clocks.supervision_url(),
        "supervision_today_url": clocks.supervision_url(timezone.localdate()),
        "chart": {
            "streets": [f.street for f in by_street],
            "enterprises": [f.enterprises for f in by_street],
            "people": [f.people for f in by_street],
        },
    }
