"""Work-order routes for the permission matrix: citizen A1's complaint in street A about enterprise A2, one
in street B, and a matter enterprise A1 raised on its portal; a street sees only its orders, a citizen and
an enterprise only what they raised — never a complaint about them (``COMPLAINED_ABOUT``: A2's user)."""

from __future__ import annotations

from functools import partial
from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import (
    ALL_ROLES,
    ANONYMOUS,
    COMPLAINED_ABOUT,
    DISTRICT_WIDE,
    PORTAL,
    STAFF,
    Route,
    action_routes,
)

VIEW_STAFF = STAFF - {Role.GRID_WORKER}
SEES_A = DISTRICT_WIDE | {Role.STREET_STAFF}
COMMENTERS = VIEW_STAFF - {Role.LEADER}
HANDLERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
BOARD_READERS = VIEW_STAFF - {Role.ARBITRATOR, Role.ARBITRATION_CLERK}
TITLE_A = "东湖街道欠薪工单"
TITLE_B = "西岭街道欠薪工单"
TITLE_E = "企业咨询人才补贴"
PORTAL_ALL = PORTAL | {COMPLAINED_ABOUT}


def _orders(world: Any) -> dict[str, Any]:
    if "order_a" not in world.enterprises:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from hrbureau.core.attachments import attachment_add
        from hrbureau.petitions.tests.factories import categories, make_order

        wages = categories()["wages"]
        world.enterprises["order_a"] = make_order(
            category=wages,
            title=TITLE_A,
            person=world.people["a1"],
            enterprise=world.enterprises["a2"],
            street=world.units["street-a"],
        )
        world.enterprises["order_e"] = make_order(
            category=categories()["enquiry"],
            channel="online",
            title=TITLE_E,
            filer_enterprise=world.enterprises["a1"],
        )
        world.enterprises["order_b"] = make_order(
            category=wages, title=TITLE_B, person=world.people["b2"], enterprise=world.enterprises["b2"]
        )
        world.enterprises["attachment_a"] = attachment_add(
            case=world.enterprises["order_a"],
            upload=SimpleUploadedFile("说明.txt", "情况说明".encode(), content_type="text/plain"),
            actor=world.users["individual"],  # the petitioner's own file: staff and they may open it
        )
    return world.enterprises


def _seeded(path: str) -> Any:
    """A fixed path, with the orders created before the request (the rows are checked after it)."""

    def url(world: Any) -> str:
        _orders(world)
        return path

    return url


def _a(world: Any) -> int:
    return _orders(world)["order_a"].pk


def _b(world: Any) -> int:
    return _orders(world)["order_b"].pk


def _e(world: Any) -> int:
    return _orders(world)["order_e"].pk


def _rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {TITLE_A: SEES_A, TITLE_E: SEES_A, TITLE_B: DISTRICT_WIDE}


def _portal_rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {TITLE_A: {Role.INDIVIDUAL}, TITLE_E: {Role.ENTERPRISE}, TITLE_B: set()}


def _api_rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {
        TITLE_A: SEES_A | {Role.INDIVIDUAL, Role.INTEGRATION},
        TITLE_E: SEES_A | {Role.ENTERPRISE, Role.INTEGRATION},
        TITLE_B: DISTRICT_WIDE | {Role.INTEGRATION},
    }


def _receive(world: Any) -> str:
    from hrbureau.petitions.tests.factories import categories

    categories()
    return "/api/v1/workorders"


# Every work-order page and endpoint is also walked as the enterprise a complaint is about.
_Route = partial(Route, complained_about=True)

ROUTES = [
    _Route("petitions:list", _seeded("/petitions/"), allowed=VIEW_STAFF, rows=_rows),
    _Route(
        "petitions:list",
        "/petitions/?export=xlsx",
        allowed=VIEW_STAFF,
        label="export",
        export="petitions.export_workorder",
    ),
    _Route("petitions:list", "/petitions/?figure=overdue", allowed=VIEW_STAFF, label="figure"),
    # Registration is the petitions office's (no standard user works there; petitions tests cover it).
    _Route("petitions:create", "/petitions/new/", allowed=set()),
    _Route("petitions:board", "/petitions/board/", allowed=BOARD_READERS),
    _Route(
        "petitions:board",
        "/petitions/board/?export=xlsx",
        allowed=BOARD_READERS,
        label="export",
        export="petitions.export_workorder",
    ),
    _Route("petitions:detail", lambda w: f"/petitions/{_a(w)}/", allowed=SEES_A, label="a"),
    _Route("petitions:detail", lambda w: f"/petitions/{_b(w)}/", allowed=DISTRICT_WIDE, label="b"),
    # Signing needs the handling permission and sight of the order; those who have both get the page back
    # with the reason it cannot be signed yet (it is not dispatched).
    _Route(
        "core:case_action",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/actions/sign/",
        method="POST",
        ok_status=200,
        allowed=HANDLERS,
        label="sign a",
    ),
    _Route(
        "core:case_action",
        lambda w: f"/core/cases/petitions.workorder/{_b(w)}/actions/sign/",
        method="POST",
        ok_status=200,
        allowed=HANDLERS - {Role.STREET_STAFF},
        label="sign b",
    ),
    _Route("petitions:portal_list", _seeded("/petitions/mine/"), allowed=PORTAL_ALL, rows=_portal_rows),
    _Route("petitions:portal_file", "/petitions/mine/new/", allowed=PORTAL_ALL),
    # Citizen A1's complaint about enterprise A2: A1 sees it; A2 (and any other enterprise) is refused.
    _Route(
        "petitions:portal_detail", lambda w: f"/petitions/mine/{_a(w)}/", allowed={Role.INDIVIDUAL}, label="a"
    ),
    _Route("petitions:portal_detail", lambda w: f"/petitions/mine/{_b(w)}/", allowed=set(), label="b"),
    _Route(
        "petitions:portal_detail", lambda w: f"/petitions/mine/{_e(w)}/", allowed={Role.ENTERPRISE}, label="e"
    ),
    # Rating (and so closing) is for whoever raised it; the party complained about is refused outright.
    # (Posted empty: the form comes back asking for the satisfaction.)
    _Route(
        "core:case_action",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/actions/rate/",
        method="POST",
        ok_status=200,
        allowed={Role.INDIVIDUAL},
        label="rate a",
    ),
    _Route(
        "core:case_action",
        lambda w: f"/core/cases/petitions.workorder/{_b(w)}/actions/rate/",
        method="POST",
        ok_status=200,
        allowed=set(),
        label="rate b",
    ),
    _Route(
        "core:case_action",
        lambda w: f"/core/cases/petitions.workorder/{_e(w)}/actions/rate/",
        method="POST",
        ok_status=200,
        allowed={Role.ENTERPRISE},
        label="rate e",
    ),
    # Following an order needs its number and phone, not an account.
    _Route("petitions:track", "/petitions/track/", allowed=ALL_ROLES | {ANONYMOUS, COMPLAINED_ABOUT}),
    _Route("core:todo", "/core/todo/", allowed=STAFF),
    _Route("core:inbox", "/core/inbox/", allowed=STAFF | PORTAL_ALL),
    # The cases under supervision (督办), the list leadership's daily digest links to.
    _Route("core:supervision", "/core/supervision/", allowed={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD}),
    _Route(
        "core:supervision",
        "/core/supervision/?day=2026-03-08",
        allowed={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD},
        label="day",
    ),
    _Route(
        "core:case_comment",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/comments/",
        method="POST",
        ok_status=302,
        data={"body": "已电话联系"},
        allowed=COMMENTERS,
        label="a",
    ),
    _Route(
        "core:case_comment",
        lambda w: f"/core/cases/petitions.workorder/{_b(w)}/comments/",
        method="POST",
        ok_status=302,
        data={"body": "已电话联系"},
        allowed=COMMENTERS - {Role.STREET_STAFF},
        label="b",
    ),
    _Route(
        "core:case_attach",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/attachments/",
        method="POST",
        ok_status=302,
        allowed=COMMENTERS,
        label="a",
    ),
    _Route(
        "core:attachment",
        lambda w: f"/core/attachments/{_orders(w)['attachment_a'].pk}/",
        allowed=SEES_A | {Role.INDIVIDUAL},
        label="a",
    ),
    _Route(
        "api:workorder_list",
        _seeded("/api/v1/workorders"),
        api=True,
        allowed=VIEW_STAFF | PORTAL_ALL | {Role.INTEGRATION},
        rows=_api_rows,
    ),
    _Route(
        "api:workorder_detail",
        lambda w: f"/api/v1/workorders/{_a(w)}",
        api=True,
        allowed=SEES_A | {Role.INDIVIDUAL, Role.INTEGRATION},
        label="a",
    ),
    _Route(
        "api:workorder_detail",
        lambda w: f"/api/v1/workorders/{_b(w)}",
        api=True,
        allowed=DISTRICT_WIDE | {Role.INTEGRATION},
        label="b",
    ),
    _Route(
        "api:workorder_detail",
        lambda w: f"/api/v1/workorders/{_e(w)}",
        api=True,
        allowed=SEES_A | {Role.ENTERPRISE, Role.INTEGRATION},
        label="e",
    ),
    _Route(
        "api:workorder_receive",
        _receive,
        method="POST",
        json=True,
        api=True,
        ok_status=201,
        data={
            "external_no": "GD12345-0001",
            "category": "wages",
            "title": "接口推送工单",
            "content": "内容",
            "petitioner_name": "李四",
            "petitioner_phone": "13900139000",
        },
        allowed={Role.INTEGRATION},
    ),
]

# Every action of the case type through the API, on case A: let through to its form by permission and
# sight (hrbureau.tests.matrix.action_routes).
ROUTES += action_routes("petitions.workorder", lambda w: _orders(w)["order_a"], ALL_ROLES)
