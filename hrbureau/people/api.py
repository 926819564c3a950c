from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from hrbureau.core.api import responses
from hrbureau.core.apiutil import ObjectBody, PathId, require_perm
from hrbureau.core.identifiers import mask_id_number, mask_phone
from hrbureau.people import selectors, services
from hrbureau.people.lists import PEOPLE
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


class RevealIn(ObjectBody):
    reason: str


class RevealOut(Schema):
    id_number: str
    phone: str


PEOPLE.add_api(
    router,
    path="/people",
    item=PersonOut,
    summary="People (scoped, masked, keyset-paginated)",
    module=__name__,
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
