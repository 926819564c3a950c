from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.lists import ORGUNITS
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.api import responses
from hrbureau.core.apiutil import PathId, require_perm
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


ORGUNITS.add_api(
    router,
    path="/org-units",
    item=OrgUnitOut,
    summary="Organisation units",
    module=__name__,
    name="orgunit_list",
)


@router.get(
    "/org-units/{unit_id}", response=responses(OrgUnitOut, detail=True), summary="One organisation unit"
)
def orgunit_detail(request: HttpRequest, unit_id: PathId) -> OrgUnit:
    user = request.auth  # type: ignore[attr-defined]
    require_perm(user, "accounts.view_orgunit")
    return get_for_user_or_404(OrgUnit.objects.all(), user, pk=unit_id)
