"""Work-order routes for the permission matrix: an order in street A (about person A1 and enterprise A1)
and one in street B; a street sees only its orders, a citizen and an enterprise only theirs."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, DISTRICT_WIDE, PORTAL, STAFF, Route

VIEW_STAFF = STAFF - {Role.GRID_WORKER}
SEES_A = DISTRICT_WIDE | {Role.STREET_STAFF}
COMMENTERS = VIEW_STAFF - {Role.LEADER}
HANDLERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF}
TITLE_A = "东湖街道欠薪工单"
TITLE_B = "西岭街道欠薪工单"


def _orders(world: Any) -> dict[str, Any]:
    if "order_a" not in world.enterprises:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from hrbureau.core.attachments import attachment_add
        from hrbureau.petitions.tests.factories import categories, make_order

        wages = categories()["wages"]
        world.enterprises["order_a"] = make_order(
            category=wages, title=TITLE_A, person=world.people["a1"], enterprise=world.enterprises["a1"]
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


def _rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {TITLE_A: SEES_A, TITLE_B: DISTRICT_WIDE}


def _portal_rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {TITLE_A: PORTAL, TITLE_B: set()}


def _api_rows(world: Any) -> dict[str, Any]:
    _orders(world)
    return {TITLE_A: SEES_A | PORTAL | {Role.INTEGRATION}, TITLE_B: DISTRICT_WIDE | {Role.INTEGRATION}}


def _receive(world: Any) -> str:
    from hrbureau.petitions.tests.factories import categories

    categories()
    return "/api/v1/workorders"


ROUTES = [
    Route("petitions:list", _seeded("/petitions/"), allowed=VIEW_STAFF, rows=_rows),
    Route("petitions:list", "/petitions/?export=xlsx", allowed=VIEW_STAFF, label="export"),
    Route("petitions:list", "/petitions/?figure=overdue", allowed=VIEW_STAFF, label="figure"),
    # Registration is the petitions office's (no standard user works there; petitions tests cover it).
    Route("petitions:create", "/petitions/new/", allowed=set()),
    Route(
        "petitions:board", "/petitions/board/", allowed=VIEW_STAFF - {Role.ARBITRATOR, Role.ARBITRATION_CLERK}
    ),
    Route("petitions:detail", lambda w: f"/petitions/{_a(w)}/", allowed=SEES_A, label="a"),
    Route("petitions:detail", lambda w: f"/petitions/{_b(w)}/", allowed=DISTRICT_WIDE, label="b"),
    # Signing needs the handling permission and sight of the order; those who have both get the page back
    # with the reason it cannot be signed yet (it is not dispatched).
    Route(
        "petitions:act",
        lambda w: f"/petitions/{_a(w)}/act/sign/",
        method="POST",
        ok_status=302,
        allowed=HANDLERS,
        label="a",
    ),
    Route(
        "petitions:act",
        lambda w: f"/petitions/{_b(w)}/act/sign/",
        method="POST",
        ok_status=302,
        allowed=HANDLERS - {Role.STREET_STAFF},
        label="b",
    ),
    Route("petitions:portal_list", _seeded("/petitions/mine/"), allowed=PORTAL, rows=_portal_rows),
    Route("petitions:portal_file", "/petitions/mine/new/", allowed=PORTAL),
    Route("petitions:portal_detail", lambda w: f"/petitions/mine/{_a(w)}/", allowed=PORTAL, label="a"),
    Route("petitions:portal_detail", lambda w: f"/petitions/mine/{_b(w)}/", allowed=set(), label="b"),
    Route(
        "petitions:portal_act",
        lambda w: f"/petitions/mine/{_a(w)}/act/rate/",
        method="POST",
        ok_status=302,
        allowed=PORTAL,
        label="a",
    ),
    Route(
        "petitions:portal_act",
        lambda w: f"/petitions/mine/{_b(w)}/act/rate/",
        method="POST",
        ok_status=302,
        allowed=set(),
        label="b",
    ),
    # Following an order needs its number and phone, not an account.
    Route("petitions:track", "/petitions/track/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route("core:todo", "/core/todo/", allowed=STAFF),
    Route("core:inbox", "/core/inbox/", allowed=STAFF | PORTAL),
    Route(
        "core:case_comment",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/comments/",
        method="POST",
        ok_status=302,
        data={"body": "已电话联系"},
        allowed=COMMENTERS,
        label="a",
    ),
    Route(
        "core:case_comment",
        lambda w: f"/core/cases/petitions.workorder/{_b(w)}/comments/",
        method="POST",
        ok_status=302,
        data={"body": "已电话联系"},
        allowed=COMMENTERS - {Role.STREET_STAFF},
        label="b",
    ),
    Route(
        "core:case_attach",
        lambda w: f"/core/cases/petitions.workorder/{_a(w)}/attachments/",
        method="POST",
        ok_status=302,
        allowed=COMMENTERS,
        label="a",
    ),
    Route(
        "core:attachment",
        lambda w: f"/core/attachments/{_orders(w)['attachment_a'].pk}/",
        allowed=SEES_A | {Role.INDIVIDUAL},
        label="a",
    ),
    Route(
        "api:workorder_list",
        _seeded("/api/v1/workorders"),
        api=True,
        allowed=VIEW_STAFF | PORTAL | {Role.INTEGRATION},
        rows=_api_rows,
    ),
    Route(
        "api:workorder_detail",
        lambda w: f"/api/v1/workorders/{_a(w)}",
        api=True,
        allowed=SEES_A | PORTAL | {Role.INTEGRATION},
        label="a",
    ),
    Route(
        "api:workorder_detail",
        lambda w: f"/api/v1/workorders/{_b(w)}",
        api=True,
        allowed=DISTRICT_WIDE | {Role.INTEGRATION},
        label="b",
    ),
    Route(
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
