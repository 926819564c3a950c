"""Enterprise registry routes for the permission matrix."""

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import DISTRICT_WIDE, STAFF, Route

EDITORS = {Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
STREET_A = STAFF  # street_staff (street a) and grid_worker (grid a1) both reach grid a1
STREET_A2 = STAFF - {Role.GRID_WORKER}


def _rows(world):  # type: ignore[no-untyped-def]
    return {
        "企业A1科技有限公司": STREET_A,
        "企业A2科技有限公司": STREET_A2,
        "企业B1科技有限公司": DISTRICT_WIDE,
        "企业B2科技有限公司": DISTRICT_WIDE,
    }


ROUTES = [
    Route("enterprises:list", "/enterprises/", allowed=STAFF, rows=_rows),
    Route(
        "enterprises:list",
        "/enterprises/?export=xlsx",
        allowed=STAFF,
        label="export",
        export="enterprises.export_enterprise",
    ),
    Route("enterprises:create", "/enterprises/new/", allowed=EDITORS),
    Route(
        "enterprises:detail",
        lambda w: f"/enterprises/{w.enterprises['a1'].pk}/",
        allowed=STREET_A,
        label="a1",
    ),
    Route(
        "enterprises:detail",
        lambda w: f"/enterprises/{w.enterprises['b2'].pk}/",
        allowed=DISTRICT_WIDE,
        label="b2",
    ),
    Route(
        "enterprises:edit",
        lambda w: f"/enterprises/{w.enterprises['a1'].pk}/edit/",
        allowed=EDITORS,
        label="a1",
    ),
    Route(
        "enterprises:edit",
        lambda w: f"/enterprises/{w.enterprises['b2'].pk}/edit/",
        allowed=EDITORS - {Role.STREET_STAFF},
        label="b2",
    ),
    Route(
        "api:enterprise_list",
        "/api/v1/enterprises",
        allowed=STAFF | {Role.INTEGRATION, Role.ENTERPRISE},
        api=True,
        rows=lambda w: {
            w.enterprises["a1"].uscc: STAFF | {Role.INTEGRATION, Role.ENTERPRISE},
            w.enterprises["b2"].uscc: DISTRICT_WIDE | {Role.INTEGRATION},
        },
    ),
    Route(
        "api:enterprise_create",
        "/api/v1/enterprises",
        method="POST",
        json=True,
        ok_status=201,
        api=True,
        data={"uscc": "91350100M000100Y43", "name": "接口登记测试有限公司"},
        # Street staff may register only inside their street; this one names no street.
        allowed={Role.SYSADMIN, Role.DEPT_HEAD, Role.DEPT_STAFF, Role.INTEGRATION},
    ),
    Route(
        "api:enterprise_update",
        lambda w: f"/api/v1/enterprises/{w.enterprises['a1'].pk}",
        method="PATCH",
        data={"employees": 77},
        allowed=EDITORS | {Role.INTEGRATION},
        api=True,
    ),
    Route(
        "api:enterprise_detail",
        lambda w: f"/api/v1/enterprises/{w.enterprises['a2'].pk}",
        allowed=STREET_A2 | {Role.INTEGRATION},
        api=True,
    ),
]
