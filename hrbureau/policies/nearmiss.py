"""The near-miss list of a policy item (差一条即可享受): the enterprises that fail exactly one of the item's
top-level conditions, grouped by the condition they fail, so that staff can reach out ("add 2
employees and you qualify"). Computed by one query (``core.rules.near_misses``), never a loop over
enterprises; the hint in words is read for the rows a page or an export shows only."""

from __future__ import annotations

import contextvars
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from hrbureau.core import rules
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies.library import eligibility_of
from hrbureau.policies.models import PolicyItem
from hrbureau.policies.rules import ENTERPRISE_SUBJECT

# The condition whose near misses the page being rendered lists (set by the view, read by the hints).
SHOWN: contextvars.ContextVar[tuple[PolicyItem, int] | None] = contextvars.ContextVar(
    "policies_near_miss_shown", default=None
)


@dataclass
class Group:
    index: int
    text: str
    count: int


def lists_near_misses(item: PolicyItem) -> bool:
    return item.subject_key == ENTERPRISE_SUBJECT


def near_misses(item: PolicyItem, queryset: Any = None) -> Any:
    """The enterprises (of ``queryset``) failing exactly one top-level condition of ``item``, each with
    ``near_miss``: the index of the condition."""
    return rules.near_misses(ENTERPRISE_SUBJECT, eligibility_of(item), queryset)


def groups(item: PolicyItem, queryset: Any = None) -> list[Group]:
    """Each top-level condition of ``item`` in words with how many enterprises fail it alone (one
    grouped query)."""
    condition = eligibility_of(item)
    parts = rules.top_conditions(condition)
    if not parts or parts == [{"all": []}]:
        return []
    counts = dict(
        near_misses(item, queryset)
        .order_by()
        .values_list("near_miss")
        .annotate(n=Count("pk"))
        .values_list("near_miss", "n")
    )
    return [
        Group(i, rules.summary(ENTERPRISE_SUBJECT, part), counts.get(i, 0)) for i, part in enumerate(parts)
    ]


def condition_rows(item: PolicyItem, index: int) -> Q:
    """The enterprises failing only the condition ``index`` of ``item``, as a filter of a list."""
    ids = near_misses(item).filter(near_miss=index).values("pk")
    return Q(pk__in=ids)


def add_hints(rows: Sequence[Enterprise]) -> None:
    """Each row's hint ("employees 8, needs at least 10") for the condition being shown: one query
    reading what the condition names of these rows."""
    shown = SHOWN.get()
    if shown is None or not rows:
        return
    item, index = shown
    parts = rules.top_conditions(eligibility_of(item))
    if not 0 <= index < len(parts):
        return
    part = parts[index]
    loaded = rules.subject(ENTERPRISE_SUBJECT).queryset(
        Enterprise.objects.filter(pk__in=[r.pk for r in rows]), condition=part
    )
    hints = rules.hints(ENTERPRISE_SUBJECT, part, loaded)
    for row in rows:
        row.near_miss_hint = hints.get(row.pk, "")  # type: ignore[attr-defined]
