from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Router, Schema, Status

from hrbureau.core.api import responses
from hrbureau.core.apiutil import Count, Id, ObjectBody, PathId, require_perm
from hrbureau.enterprises import selectors, services
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.enterprises.lists import ENTERPRISES
from hrbureau.enterprises.models import Enterprise, EnterpriseTag

router = Router(tags=["enterprises"])


class EnterpriseOut(Schema):
    id: int
    uscc: str
    name: str
    former_names: list[str]
    legal_representative: str
    registered_address: str
    street_id: int | None
    community_id: int | None
    grid_id: int | None
    industry_section: str
    industry_division: str
    size_class: str
    employees: int | None
    registration_date: dt.date | None
    status: str
    tags: list[str]

    @staticmethod
    def resolve_tags(obj: Enterprise) -> list[str]:
        tags = getattr(obj, "tag_list", None)  # a list page's (attach_tags)
        return [t.code for t in (obj.tags.all() if tags is None else tags)]


class EnterpriseIn(ObjectBody):
    uscc: str
    name: str
    former_names: list[str] = []
    legal_representative: str = ""
    registered_address: str = ""
    street_id: Id | None = None
    community_id: Id | None = None
    grid_id: Id | None = None
    industry_section: IndustrySection | None = None
    industry_division: str = ""
    size_class: SizeClass | None = None
    employees: Count | None = None
    registration_date: dt.date | None = None
    status: EnterpriseStatus = EnterpriseStatus.ACTIVE
    tags: list[str] = []


class EnterprisePatch(ObjectBody):
    name: str | None = None
    former_names: list[str] | None = None
    legal_representative: str | None = None
    registered_address: str | None = None
    street_id: Id | None = None
    community_id: Id | None = None
    grid_id: Id | None = None
    industry_section: IndustrySection | None = None
    industry_division: str | None = None
    size_class: SizeClass | None = None
    employees: Count | None = None
    registration_date: dt.date | None = None
    status: EnterpriseStatus | None = None
    tags: list[str] | None = None


def _service_data(payload: dict[str, Any]) -> tuple[dict[str, Any], list[EnterpriseTag] | None]:
    from hrbureau.accounts.models import OrgUnit

    data = dict(payload)
    for key in ("street", "community", "grid"):
        if f"{key}_id" in data:
            unit_id = data.pop(f"{key}_id")
            unit = OrgUnit.objects.filter(pk=unit_id).first() if unit_id else None
            if unit_id and unit is None:
                raise ValidationError({key: [f"{unit_id}"]})
            data[key] = unit
    for key in ("industry_section", "size_class", "status"):
        if data.get(key) is not None:
            data[key] = str(data[key].value if hasattr(data[key], "value") else data[key])
        elif key in data:
            data[key] = ""
    tags = None
    if "tags" in data:
        codes = data.pop("tags") or []
        found = {t.code: t for t in EnterpriseTag.objects.filter(code__in=codes)}
        missing = [c for c in codes if c not in found]
        if missing:
            raise ValidationError({"tags": [", ".join(missing)]})
        tags = [found[c] for c in codes]
    return data, tags


ENTERPRISES.add_api(
    router,
    path="/enterprises",
    item=EnterpriseOut,
    summary="Enterprises (scoped, keyset-paginated)",
    module=__name__,
)


@router.get(
    "/enterprises/{enterprise_id}", response=responses(EnterpriseOut, detail=True), summary="One enterprise"
)
def enterprise_detail(request: HttpRequest, enterprise_id: PathId) -> Enterprise:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "enterprises.view_enterprise")
    return selectors.enterprise_detail(user=user, pk=enterprise_id)


@router.post(
    "/enterprises", response=responses(EnterpriseOut, ok_status=201), summary="Register an enterprise"
)
def enterprise_create(request: HttpRequest, payload: EnterpriseIn) -> Status[Enterprise]:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "enterprises.add_enterprise")
    data, tags = _service_data(payload.dict())
    return Status(201, services.enterprise_create(actor=user, data=data, tags=tags, source="api"))


@router.patch(
    "/enterprises/{enterprise_id}",
    response=responses(EnterpriseOut, detail=True),
    summary="Change an enterprise",
)
def enterprise_update(request: HttpRequest, enterprise_id: PathId, payload: EnterprisePatch) -> Enterprise:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "enterprises.change_enterprise")
    enterprise = selectors.enterprise_detail(user=user, pk=enterprise_id)
    data, tags = _service_data(payload.dict(exclude_unset=True))
    return services.enterprise_update(actor=user, enterprise=enterprise, data=data, tags=tags, source="api")
