"""Reads of the enterprise registry, always scoped to the user."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from hrbureau.core.identifiers import to_half_width
from hrbureau.core.textsearch import substring_filter
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

ORDERINGS = {"id": ("id",), "-id": ("-id",), "name": ("name", "id")}
_CODE = re.compile(r"^[0-9A-Za-z]+$")


@dataclass(frozen=True)
class EnterpriseFilters:
    q: str = ""
    street: int | None = None
    community: int | None = None
    grid: int | None = None
    industry_section: str = ""
    size_class: str = ""
    status: str = ""
    tag: str = ""
    order: str = "-id"

    @property
    def ordering(self) -> tuple[str, ...]:
        return ORDERINGS.get(self.order, ORDERINGS["-id"])


def normalize_query(query: str) -> str:
    """Trim; a code typed in full-width or lower case is matched in its canonical form."""
    query = " ".join(query.split())
    compact = to_half_width(query).replace(" ", "")
    if compact and _CODE.match(compact):
        return compact.upper()
    return query


def enterprise_list(*, user: Any, filters: EnterpriseFilters) -> QuerySet[Enterprise]:
    enterprises: QuerySet[Enterprise] = Enterprise.objects.for_user(user)
    if filters.street:
        enterprises = enterprises.filter(street_id=filters.street)
    if filters.community:
        enterprises = enterprises.filter(community_id=filters.community)
    if filters.grid:
        enterprises = enterprises.filter(grid_id=filters.grid)
    if filters.industry_section:
        enterprises = enterprises.filter(industry_section=filters.industry_section)
    if filters.size_class:
        enterprises = enterprises.filter(size_class=filters.size_class)
    if filters.status:
        enterprises = enterprises.filter(status=filters.status)
    if filters.tag:
        enterprises = enterprises.filter(tags__code=filters.tag)
    if filters.q:
        enterprises = substring_filter(enterprises, Enterprise.text_index, normalize_query(filters.q))
    return enterprises.select_related("street").prefetch_related(
        Prefetch(
            "tags", queryset=EnterpriseTag.objects.order_by("code").only("id", "code", "name", "name_en")
        )
    )


LIST_COLUMNS = (
    "id",
    "uscc",
    "name",
    "legal_representative",
    "registered_address",
    "street__name",
    "street__name_en",
    "industry_section",
    "industry_division",
    "size_class",
    "employees",
    "registration_date",
    "status",
)


def enterprise_page_rows(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """Only the columns a list shows: a page of 20 rows then costs a fraction of full model loading."""
    return queryset.only(*LIST_COLUMNS)


def enterprise_detail(*, user: Any, pk: int) -> Enterprise:
    from hrbureau.core.scoping import get_for_user_or_404

    return get_for_user_or_404(
        Enterprise.objects.select_related("street", "community", "grid").prefetch_related("tags"), user, pk=pk
    )


def enterprise_search_hits(user: Any, query: str, limit: int) -> list[Any]:
    from django.urls import reverse

    from hrbureau.core.search import SearchHit

    rows = enterprise_list(user=user, filters=EnterpriseFilters(q=query)).order_by("id")[:limit]
    return [
        SearchHit(
            label=e.name,
            url=reverse("enterprises:detail", args=[e.pk]),
            detail=f"{e.uscc} · {e.registered_address}",
        )
        for e in rows
    ]


def tags() -> QuerySet[EnterpriseTag]:
    return EnterpriseTag.objects.order_by("code")
