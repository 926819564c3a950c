from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, Id, InputSchema, ObjectBody, PathId, api_page, require_perm
from hrbureau.core.identifiers import mask_id_number, mask_phone
from hrbureau.people import selectors, services
from hrbureau.people.choices import Education, EmploymentStatus
from hrbureau.people.models import Person

router = Router(tags=["people"])


class PersonOut(Schema):
    """A person with the ID number and phone masked, as everywhere by default (DOMAIN.md §4)."""

    id: int
    id_number_masked: str
    name: str
    gender: str
    birth_date: dt.date
    phone_masked: str
    street_id: int | None
    community_id: int | None
    grid_id: int | None
    education: str
    employment_status: str

    @staticmethod
    def resolve_id_number_masked(obj: Person) -> str:
        return mask_id_number(obj.id_number)

    @staticmethod
    def resolve_phone_masked(obj: Person) -> str:
        return mask_phone(obj.phone) if obj.phone else ""


class PersonFilter(InputSchema):
    q: str = ""
    street: Id | None = None
    grid: Id | None = None
    employment_status: EmploymentStatus | None = None
    education: Education | None = None
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


class RevealIn(ObjectBody):
    reason: str


class RevealOut(Schema):
    id_number: str
    phone: str


@router.get(
    "/people", response=responses(ApiPage[PersonOut]), summary="People (scoped, masked, keyset-paginated)"
)
def person_list(request: HttpRequest, filters: Query[PersonFilter]) -> dict[str, Any]:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "people.view_person")
    query = selectors.PersonFilters(
        q=filters.q,
        street=filters.street,
        grid=filters.grid,
        employment_status=filters.employment_status or "",
        education=filters.education or "",
        order="id",
    )
    return api_page(
        selectors.person_list(user=user, filters=query),
        ordering=("id",),
        cursor=filters.cursor,
        limit=filters.limit,
    )


@router.get("/people/{person_id}", response=responses(PersonOut, detail=True), summary="One person (masked)")
def person_detail(request: HttpRequest, person_id: PathId) -> Person:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "people.view_person")
    return selectors.person_detail(user=user, pk=person_id)


@router.post(
    "/people/{person_id}/reveal",
    response=responses(RevealOut, detail=True),
    summary="Reveal the full ID number (audited)",
)
def person_reveal(request: HttpRequest, person_id: PathId, payload: RevealIn) -> dict[str, str]:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "people.reveal_person")
    person = selectors.person_detail(user=user, pk=person_id)
    return services.person_reveal(actor=user, person=person, reason=payload.reason, request=request)
