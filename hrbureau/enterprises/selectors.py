"""Reads of the enterprise registry, always scoped to the user."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from hrbureau.core.identifiers import to_half_width
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

_CODE = re.compile(r"^[0-9A-Za-z]+$")


def enterprises_for(*, user: Any) -> QuerySet[Enterprise]:
    """The enterprises the user may see; the list's filters and search are declared in ``lists.py``."""
    return Enterprise.objects.for_user(user)


@dataclass(frozen=True)
class EnterpriseFilters:
    """Filters of the enterprise list by name, for callers in code (the grid worker's search for an
    enterprise to visit); applied by the list's declared filters (``lists.ENTERPRISES``)."""

    q: str = ""
    street: int | None = None
    grid: int | None = None
    industry_section: str = ""
    size_class: str = ""
    status: str = ""
    tag: str = ""
    order: str = "-id"  # not a filter: the order of a page


def normalize_query(query: str) -> str:
    """Trim; a code typed in full-width or lower case is matched in its canonical form."""
    query = " ".join(query.split())
    compact = to_half_width(query).replace(" ", "")
    if compact and _CODE.match(compact):
        return compact.upper()
    return query


def enterprise_list(*, user: Any, filters: EnterpriseFilters | None = None) -> QuerySet[Enterprise]:
    """The user's enterprises that ``filters`` keep, by the list's declared filters."""
    from dataclasses import asdict

    from hrbureau.enterprises.lists import ENTERPRISES

    values = asdict(filters) if filters is not None else {}
    return ENTERPRISES.queryset(user=user, values=values).select_related("street")


LIST_COLUMNS = (
    "id",
    "uscc",
    "name",
    "legal_representative",
    "registered_address",
    "street_id",
    "industry_section",
    "industry_division",
    "size_class",
    "employees",
    "registration_date",
    "status",
)


def enterprise_page_rows(queryset: QuerySet[Enterprise]) -> QuerySet[Enterprise]:
    """Only the columns a list shows: a page of 20 rows then costs a fraction of full model loading.
    The tags come with ``attach_tags`` once the page is known, the street's name from the cached unit
    names (``enterprise_list_rows``)."""
    return queryset.select_related(None).only(*LIST_COLUMNS)


def attach_tags(enterprises: Sequence[Enterprise]) -> None:
    """Give each enterprise of a page its tags as ``tag_list`` (ordered by code), in one query.

    Django's prefetch builds a queryset per enterprise to hold its tags, which costs more than the
    page's own query; a page needs only the list."""
    found: dict[int, list[EnterpriseTag]] = {e.pk: [] for e in enterprises}
    if found:
        # Plain SQL: for twenty rows the ORM's compiling of this join costs more than running it.
        links, tags = Enterprise.tags.through._meta.db_table, EnterpriseTag._meta.db_table
        sql = (
            f"SELECT l.enterprise_id, t.id, t.code, t.name, t.name_en FROM {links} l "  # noqa: S608
            f"JOIN {tags} t ON t.id = l.enterprisetag_id "
            f"WHERE l.enterprise_id IN ({', '.join(['%s'] * len(found))}) ORDER BY t.code"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, list(found))
            for enterprise_id, pk, code, name, name_en in cursor.fetchall():
                found[enterprise_id].append(EnterpriseTag(pk=pk, code=code, name=name, name_en=name_en))
    for enterprise in enterprises:
        enterprise.tag_list = found[enterprise.pk]  # type: ignore[attr-defined]


def _street_names(ids: set[int]) -> dict[int, str]:
    """The names of streets, in the reader's language: the active ones from the cached filter choices,
    any other (a street since closed) from the database."""
    from hrbureau.accounts.models import OrgUnit, OrgUnitKind
    from hrbureau.accounts.selectors import unit_choices

    names = {pk: name for pk, name in unit_choices(OrgUnitKind.STREET) if pk in ids}
    missing = ids - names.keys()
    if missing:
        names.update((u.pk, u.display_name) for u in OrgUnit.objects.filter(pk__in=missing))
    return names


def attach_list_names(enterprises: Sequence[Enterprise]) -> None:
    """What a list page or an export chunk shows of its enterprises beyond their columns, in one query:
    their tags (``tag_list``) and their street's name in the reader's language (``street_label``, from
    the cached unit names rather than a join)."""
    attach_tags(enterprises)
    streets = _street_names({e.street_id for e in enterprises if e.street_id})
    for enterprise in enterprises:
        enterprise.street_label = streets.get(enterprise.street_id, "") if enterprise.street_id else ""  # type: ignore[attr-defined]


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


TAG_CHOICES = "enterprise-tags"


def tag_choices(*, empty: str = "") -> list[tuple[str, str]]:
    """(code, name in the reader's language) of every tag, for filter selects, after an ("", ``empty``)
    option when one is named; cached until a tag is saved or deleted (see apps.py)."""
    from hrbureau.core.choicecache import cached_choices

    def build() -> list[tuple[str, str]]:
        return [("", empty)] * bool(empty) + [(t.code, str(t)) for t in tags()]

    return cached_choices(TAG_CHOICES, build, variant=empty)


def tags() -> QuerySet[EnterpriseTag]:
    return EnterpriseTag.objects.order_by("code")
