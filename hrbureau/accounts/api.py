from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hrbureau.accounts import selectors
from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.api import responses
from hrbureau.core.apiutil import ApiPage, InputSchema, PathId, api_page, require_perm
from hrbureau.core.scoping import get_for_user_or_404

router = Router(tags=["accounts"])


class MeOut(Schema):
    username: str
    full_name: str
    role: str
    role_label: str
    org_unit: str | None
    scope: str
    language: str
    permissions: list[str]


class OrgUnitOut(Schema):
    id: int
    kind: OrgUnitKind
    code: str
    name: str
    name_en: str
    parent_id: int | None


class OrgUnitFilter(InputSchema):
    kind: OrgUnitKind | None = None
    cursor: str | None = Field(
        None, max_length=500, description="from next_cursor or previous_cursor of a page"
    )
    limit: int = Field(20, ge=1, le=200)


@router.get("/me", response=responses(MeOut), summary="The signed-in account")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "core.use_api")
    return MeOut(
        username=user.username,
        full_name=user.full_name,
        role=user.role,
        role_label=str(user.get_role_display()),
        org_unit=user.org_unit.name if user.org_unit else None,
        scope=user.scope.kind,
        language=user.language,
        permissions=sorted(user.get_all_permissions()),
    )


@router.get("/org-units", response=responses(ApiPage[OrgUnitOut]), summary="Organisation units")
def orgunit_list(request: HttpRequest, filters: Query[OrgUnitFilter]) -> dict:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "accounts.view_orgunit")
    units = selectors.orgunit_list(user=user, kind=filters.kind)
    return api_page(units, ordering=("path", "id"), cursor=filters.cursor, limit=filters.limit)


@router.get(
    "/org-units/{unit_id}", response=responses(OrgUnitOut, detail=True), summary="One organisation unit"
)
def orgunit_detail(request: HttpRequest, unit_id: PathId) -> OrgUnit:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "accounts.view_orgunit")
    return get_for_user_or_404(OrgUnit.objects.all(), user, pk=unit_id)
