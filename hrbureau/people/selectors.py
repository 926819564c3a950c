"""Reads of the person registry, scoped; identifiers stay masked unless revealed."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from hrbureau.core.identifiers import mask_id_number
from hrbureau.people.models import Person


def people_for(*, user: Any) -> QuerySet[Person]:
    """The people the user may see; the list's filters and search are declared in ``lists.py``."""
    return Person.objects.for_user(user)


def person_detail(*, user: Any, pk: int) -> Person:
    from hrbureau.core.scoping import get_for_user_or_404

    return get_for_user_or_404(Person.objects.select_related("street", "community", "grid"), user, pk=pk)


def person_search_hits(user: Any, query: str, limit: int) -> list[Any]:
    from django.urls import reverse

    from hrbureau.core.search import SearchHit
    from hrbureau.people.lists import PEOPLE

    rows = PEOPLE.queryset(user=user, values={"q": query}).order_by("id")[:limit]
    return [
        SearchHit(label=p.name, url=reverse("people:detail", args=[p.pk]), detail=mask_id_number(p.id_number))
        for p in rows
    ]
