"""Reads of the person registry, scoped; identifiers stay masked unless revealed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from hrbureau.core.identifiers import clean_text, is_valid_resident_id, mask_id_number
from hrbureau.core.textsearch import substring_filter
from hrbureau.people.models import Person

ORDERINGS = {"id": ("id",), "-id": ("-id",), "name": ("name", "id")}


@dataclass(frozen=True)
class PersonFilters:
    q: str = ""
    street: int | None = None
    grid: int | None = None
    employment_status: str = ""
    education: str = ""
    order: str = "-id"

    @property
    def ordering(self) -> tuple[str, ...]:
        return ORDERINGS.get(self.order, ORDERINGS["-id"])


def person_list(*, user: Any, filters: PersonFilters) -> QuerySet[Person]:
    people: QuerySet[Person] = Person.objects.for_user(user)
    if filters.street:
        people = people.filter(street_id=filters.street)
    if filters.grid:
        people = people.filter(grid_id=filters.grid)
    if filters.employment_status:
        people = people.filter(employment_status=filters.employment_status)
    if filters.education:
        people = people.filter(education=filters.education)
    query = " ".join(filters.q.split())
    if query:
        # A complete ID number finds its person; fragments of ID numbers are not searchable, so the
        # search box cannot be used to guess identifiers digit by digit.
        try:
            candidate = clean_text(query)
        except Exception:
            candidate = ""
        if len(candidate) == 18 and is_valid_resident_id(candidate):
            people = people.filter(id_number=candidate)
        else:
            people = substring_filter(people, Person.text_index, query)
    return people.select_related("street")


def person_detail(*, user: Any, pk: int) -> Person:
    from hrbureau.core.scoping import get_for_user_or_404

    return get_for_user_or_404(Person.objects.select_related("street", "community", "grid"), user, pk=pk)


def person_search_hits(user: Any, query: str, limit: int) -> list[Any]:
    from django.urls import reverse

    from hrbureau.core.search import SearchHit

    rows = person_list(user=user, filters=PersonFilters(q=query)).order_by("id")[:limit]
    return [
        SearchHit(label=p.name, url=reverse("people:detail", args=[p.pk]), detail=mask_id_number(p.id_number))
        for p in rows
    ]
