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


# --- Enterprise demands (企业诉求): demand A1 filed by enterprise A1 (street A) on the portal, demand B1
# recorded by the department for enterprise B1 (street B). The enterprise user (of A1) sees its own only;
# enterprise A2's user (COMPLAINED_ABOUT: here simply another enterprise) is refused A1's.
from hrbureau.tests.matrix import COMPLAINED_ABOUT, action_routes  # noqa: E402

DEMAND_DISTRICT = {Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF}
DEMAND_STAFF = DEMAND_DISTRICT | {Role.STREET_STAFF}
DEMAND_HANDLERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}


def _demands(world):  # type: ignore[no-untyped-def]
    if "demands" not in world.people:
        from hrbureau.enterprises.tests.demand_helpers import file_demand

        world.people["demands"] = {"a1": file_demand(world), "b1": file_demand(world, key="b1")}
    return world.people["demands"]


def _demand_rows(world):  # type: ignore[no-untyped-def]
    d = _demands(world)
    return {d["a1"].number: DEMAND_STAFF, d["b1"].number: DEMAND_DISTRICT}


def _demand_url(template, key):  # type: ignore[no-untyped-def]
    return lambda w: template.format(_demands(w)[key].pk)


def _after_demands(path):  # type: ignore[no-untyped-def]
    def url(world):  # type: ignore[no-untyped-def]
        _demands(world)
        return path

    return url


ROUTES += [
    Route(
        "enterprises:demand_list",
        _after_demands("/enterprises/demands/"),
        allowed=DEMAND_STAFF,
        rows=_demand_rows,
    ),
    Route(
        "enterprises:demand_list",
        _after_demands("/enterprises/demands/?export=xlsx"),
        allowed=DEMAND_STAFF,
        label="export",
        export="enterprises.export_enterprisedemand",
    ),
    Route("enterprises:demand_file", "/enterprises/demands/new/", allowed=DEMAND_HANDLERS),
    Route(
        "enterprises:demand", _demand_url("/enterprises/demands/{}/", "a1"), allowed=DEMAND_STAFF, label="a1"
    ),
    Route(
        "enterprises:demand",
        _demand_url("/enterprises/demands/{}/", "b1"),
        allowed=DEMAND_DISTRICT,
        label="b1",
    ),
    Route(
        "enterprises:portal_demands",
        _after_demands("/enterprises/demands/mine/"),
        allowed={Role.ENTERPRISE, COMPLAINED_ABOUT},  # another enterprise's list: its own, without A1's
        rows=lambda w: {_demands(w)["a1"].number: {Role.ENTERPRISE}, _demands(w)["b1"].number: set()},
        complained_about=True,
    ),
    Route("enterprises:portal_demand_file", "/enterprises/demands/mine/new/", allowed={Role.ENTERPRISE}),
    Route(
        "enterprises:portal_demand",
        _demand_url("/enterprises/demands/mine/{}/", "a1"),
        allowed={Role.ENTERPRISE},
        label="a1",
        complained_about=True,
    ),
    Route(
        "enterprises:portal_demand",
        _demand_url("/enterprises/demands/mine/{}/", "b1"),
        allowed=set(),
        label="b1",
    ),
    *action_routes(
        "enterprises.enterprisedemand", lambda world: _demands(world)["a1"], DEMAND_STAFF | {Role.ENTERPRISE}
    ),
]

# --- Key enterprises' service plans and labour-demand lists (issue 17) --------------------------------
from hrbureau.enterprises.tests.plan_data import plan_data  # noqa: E402
from hrbureau.tests.matrix import action_routes  # noqa: E402

SERVICE_DISTRICT = {Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF}
SERVICE_READERS = SERVICE_DISTRICT | {Role.STREET_STAFF}
SERVICE_EDITORS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}


def _made(url):  # type: ignore[no-untyped-def]
    """The address, once the world has its service file (a list's rows are read after the page)."""
    return lambda world: (plan_data(world), url)[1]


def _key_rows(world):  # type: ignore[no-untyped-def]
    plan_data(world)
    return {"企业A1科技有限公司": SERVICE_READERS, "企业B1科技有限公司": SERVICE_DISTRICT}


def _demand_rows(world):  # type: ignore[no-untyped-def]
    plan_data(world)
    return {"数控车工": SERVICE_READERS, "仓库管理员": SERVICE_DISTRICT}


def _own_demand_rows(world):  # type: ignore[no-untyped-def]
    plan_data(world)
    # Enterprise A1's user sees its own need, never B1's.
    return {"数控车工": {Role.ENTERPRISE}, "仓库管理员": set()}


ROUTES += [
    Route("enterprises:key_list", _made("/enterprises/key/"), allowed=SERVICE_READERS, rows=_key_rows),
    Route(
        "enterprises:key_list",
        "/enterprises/key/?export=xlsx",
        allowed=SERVICE_READERS,
        label="export",
        export="enterprises.export_serviceplan",
    ),
    Route(
        "enterprises:plan_create",
        lambda w: (plan_data(w), f"/enterprises/key/{w.enterprises['a2'].pk}/plan/new/")[1],
        allowed=SERVICE_EDITORS,
        label="a2",
    ),
    Route(
        "enterprises:plan",
        lambda w: f"/enterprises/plans/{plan_data(w)['plan_a1'].pk}/",
        allowed=SERVICE_READERS,
        label="a1",
    ),
    Route(
        "enterprises:plan",
        lambda w: f"/enterprises/plans/{plan_data(w)['plan_b1'].pk}/",
        allowed=SERVICE_DISTRICT,
        label="b1",
    ),
    Route(
        "enterprises:plan_item_add",
        lambda w: f"/enterprises/plans/{plan_data(w)['plan_a1'].pk}/items/new/",
        method="POST",
        allowed=SERVICE_EDITORS,
        ok_status=400,  # posted empty: the form comes back with its errors
    ),
    Route(
        "enterprises:plan_visit_add",
        lambda w: f"/enterprises/plans/{plan_data(w)['plan_a1'].pk}/visits/new/",
        method="POST",
        allowed=SERVICE_EDITORS,
        ok_status=400,
    ),
    Route(
        "enterprises:labour_demand_list",
        _made("/enterprises/labour-demand/"),
        allowed=SERVICE_READERS,
        rows=_demand_rows,
    ),
    Route(
        "enterprises:labour_demand_list",
        "/enterprises/labour-demand/?export=xlsx",
        allowed=SERVICE_READERS,
        label="export",
        export="enterprises.export_labourdemand",
    ),
    Route("enterprises:labour_demand_create", "/enterprises/labour-demand/new/", allowed=SERVICE_EDITORS),
    Route(
        "enterprises:labour_demand",
        lambda w: f"/enterprises/labour-demand/{plan_data(w)['demand_a1'].pk}/",
        allowed=SERVICE_READERS,
        label="a1",
    ),
    Route(
        "enterprises:labour_demand",
        lambda w: f"/enterprises/labour-demand/{plan_data(w)['demand_b1'].pk}/",
        allowed=SERVICE_DISTRICT,
        label="b1",
    ),
    Route(
        "enterprises:portal_labour",
        _made("/enterprises/mine/labour-needs/"),
        allowed={Role.ENTERPRISE},
        rows=_own_demand_rows,
    ),
    Route("enterprises:portal_labour_new", "/enterprises/mine/labour-needs/new/", allowed={Role.ENTERPRISE}),
    Route(
        "enterprises:portal_labour_edit",
        lambda w: f"/enterprises/mine/labour-needs/{plan_data(w)['demand_a1'].pk}/edit/",
        allowed={Role.ENTERPRISE},
        label="own",
    ),
    Route(
        "enterprises:portal_labour_edit",
        lambda w: f"/enterprises/mine/labour-needs/{plan_data(w)['demand_b1'].pk}/edit/",
        allowed=set(),
        label="another's",
    ),
    Route("enterprises:portal_plan", _made("/enterprises/mine/service-plan/"), allowed={Role.ENTERPRISE}),
    *action_routes(
        "enterprises.serviceplanitem", lambda w: plan_data(w)["item_a1"], SERVICE_EDITORS | {Role.LEADER}
    ),
    *action_routes(
        "enterprises.labourdemand", lambda w: plan_data(w)["demand_a1"], SERVICE_EDITORS | {Role.LEADER}
    ),
]
