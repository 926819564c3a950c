"""Dispute routes for the permission matrix: dispute A (worker A1 against enterprise A1) and dispute B
(worker B2 against enterprise B2). Only the arbitration institute, arbitrators and leadership open the
workbench pages; in the portal, the worker (individual) and the enterprise of dispute A see A and only
the documents served on themselves; anyone may query a case by its number and a party's identifier."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, PORTAL, Route, action_routes

INSTITUTE_VIEW = {Role.ARBITRATOR, Role.ARBITRATION_CLERK, Role.LEADER}


def _disputes(world: Any) -> dict[str, Any]:
    if "dispute_a" not in world.enterprises:
        from hrbureau.arbitration import services
        from hrbureau.arbitration.choices import DocumentKind, PartyRole, ServiceMethod
        from hrbureau.arbitration.tests.conftest import applicant, file, reinstall_defaults, respondent

        reinstall_defaults()
        arb = {"clerk": world.users["arbitration_clerk"]}
        a = file(world, arb, parties=[applicant(world.people["a1"]), respondent(world.enterprises["a1"])])
        b = file(world, arb, parties=[applicant(world.people["b2"]), respondent(world.enterprises["b2"])])
        services.dispute_accept(actor=arb["clerk"], dispute=a)
        world.enterprises["service_a"] = services.service_record(
            actor=arb["clerk"],
            dispute=a,
            party=a.parties.get(role=PartyRole.RESPONDENT),
            document=DocumentKind.APPLICATION_COPY,
            method=ServiceMethod.POST,
        )
        world.enterprises["dispute_a"], world.enterprises["dispute_b"] = a, b
    return world.enterprises


def _a(world: Any) -> int:
    return _disputes(world)["dispute_a"].pk


def _b(world: Any) -> int:
    return _disputes(world)["dispute_b"].pk


def _list(world: Any) -> str:
    _disputes(world)
    return "/arbitration/"


def _portal_list(world: Any) -> str:
    _disputes(world)
    return "/arbitration/mine/"


def _portal_rows(world: Any) -> dict[str, Any]:
    d = _disputes(world)
    return {d["dispute_a"].case_no: PORTAL, d["dispute_b"].number: set()}


def _appointment(world: Any) -> int:
    """An appointment the individual booked (only they may cancel it; the counter marks it attended)."""
    if "appointment" not in world.enterprises:
        import datetime as dt

        from django.utils import timezone

        from hrbureau.arbitration.appointments import appointment_book
        from hrbureau.arbitration.models import AppointmentSlot

        slot = AppointmentSlot.objects.create(
            day=timezone.localdate() + dt.timedelta(days=3), starts=dt.time(9), ends=dt.time(10)
        )
        world.enterprises["appointment"] = appointment_book(
            user=world.users["individual"],
            slot_id=slot.pk,
            service="filing",
            name="居民",
            phone="13800138000",
        )
    return world.enterprises["appointment"].pk


def _hearing(world: Any) -> Any:
    """A hearing of dispute A, booked ten days ahead (seen by those who see the dispute's hearings)."""
    if "hearing_a" not in world.enterprises:
        import datetime as dt

        from django.utils import timezone

        from hrbureau.arbitration.models import Hearing, HearingRoom
        from hrbureau.core.workflow import create_case

        room, _made = HearingRoom.objects.get_or_create(name="矩阵仲裁庭")
        starts = timezone.now() + dt.timedelta(days=10)
        hearing = Hearing(
            dispute=_disputes(world)["dispute_a"],
            room=room,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=2),
        )
        create_case(hearing, actor=world.users["arbitration_clerk"])
        world.enterprises["hearing_a"] = hearing
    return world.enterprises["hearing_a"]


def _appointment_record(world: Any) -> Any:
    from hrbureau.arbitration.models import Appointment

    return Appointment.objects.get(pk=_appointment(world))


def _service(world: Any) -> str:
    return f"/arbitration/mine/{_a(world)}/documents/{_disputes(world)['service_a'].pk}/"


def _api_list(world: Any) -> str:
    _disputes(world)
    return "/api/v1/disputes"


def _api_rows(world: Any) -> dict[str, Any]:
    d = _disputes(world)
    return {d["dispute_a"].number: INSTITUTE_VIEW | PORTAL, d["dispute_b"].number: INSTITUTE_VIEW}


def _rows(world: Any) -> dict[str, Any]:
    d = _disputes(world)
    return {d["dispute_a"].case_no: INSTITUTE_VIEW, d["dispute_b"].number: INSTITUTE_VIEW}


ROUTES = [
    Route("arbitration:list", _list, allowed=INSTITUTE_VIEW, rows=_rows),
    Route(
        "arbitration:list",
        "/arbitration/?export=xlsx",
        allowed=INSTITUTE_VIEW - {Role.ARBITRATOR},
        label="export",
        export="arbitration.export_dispute",
    ),
    Route("api:dispute_list", _api_list, api=True, allowed=INSTITUTE_VIEW | PORTAL, rows=_api_rows),
    Route(
        "api:dispute_detail",
        lambda w: f"/api/v1/disputes/{_a(w)}",
        api=True,
        allowed=INSTITUTE_VIEW | PORTAL,
        label="a",
    ),
    Route(
        "api:dispute_detail",
        lambda w: f"/api/v1/disputes/{_b(w)}",
        api=True,
        allowed=INSTITUTE_VIEW,
        label="b",
    ),
    Route("arbitration:create", "/arbitration/new/", allowed={Role.ARBITRATION_CLERK}),
    Route("arbitration:rooms", "/arbitration/rooms/", allowed={Role.ARBITRATION_CLERK}),
    Route("arbitration:statistics", "/arbitration/statistics/", allowed=INSTITUTE_VIEW),
    Route(
        "arbitration:statistics",
        "/arbitration/statistics/?export=xlsx",
        allowed=INSTITUTE_VIEW - {Role.ARBITRATOR},
        label="export",
        export="arbitration.export_dispute",
    ),
    Route(
        "arbitration:list", "/arbitration/?figure=closed&claim=wages", allowed=INSTITUTE_VIEW, label="figure"
    ),
    Route("arbitration:detail", lambda w: f"/arbitration/{_a(w)}/", allowed=INSTITUTE_VIEW, label="a"),
    Route(
        "arbitration:document",
        lambda w: f"/arbitration/{_a(w)}/documents/acceptance_notice/",
        allowed=INSTITUTE_VIEW,
    ),
    Route("arbitration:detail", lambda w: f"/arbitration/{_b(w)}/", allowed=INSTITUTE_VIEW, label="b"),
    # Accepting is the clerks'; an arbitrator or a leader who may see the case is refused.
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.dispute/{_b(w)}/actions/accept/",
        method="POST",
        ok_status=302,
        allowed={Role.ARBITRATION_CLERK},
        label="accept",
    ),
    Route(
        "arbitration:service_confirm",
        lambda w: f"/arbitration/{_a(w)}/services/{_disputes(w)['service_a'].pk}/confirm/",
        method="POST",
        ok_status=302,
        allowed={Role.ARBITRATION_CLERK},
    ),
    Route(
        "arbitration:proof",
        lambda w: f"/arbitration/{_a(w)}/services/{_disputes(w)['service_a'].pk}/proof/",
        allowed=INSTITUTE_VIEW,
    ),
    Route("arbitration:portal_list", _portal_list, allowed=PORTAL, rows=_portal_rows),
    Route("arbitration:portal_file", "/arbitration/mine/new/", allowed=PORTAL),
    # The respondent lookup: for a signed-in party filing online; never the workbench, never anonymous.
    Route("arbitration:respondent_lookup", "/arbitration/mine/respondents/?q=科技有限公司", allowed=PORTAL),
    Route("arbitration:portal_detail", lambda w: f"/arbitration/mine/{_a(w)}/", allowed=PORTAL, label="a"),
    Route("arbitration:portal_detail", lambda w: f"/arbitration/mine/{_b(w)}/", allowed=set(), label="b"),
    # The copy of the application was served on the respondent, enterprise A1: only it opens and signs.
    Route("arbitration:portal_document", _service, allowed={Role.ENTERPRISE}),
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.dispute/{_a(w)}/actions/sign_document/",
        method="POST",
        ok_status=302,
        data=lambda w: {"service": _disputes(w)["service_a"].pk},
        allowed={Role.ENTERPRISE},
        label="sign",
    ),
    Route("arbitration:query", "/arbitration/query/", allowed=ALL_ROLES | {ANONYMOUS}),
    # The enterprise is the respondent of dispute A: it may give or withdraw its own consent. (The worker,
    # applicant of A, may give theirs: the enterprise's party is not among their choices —
    # test_actions.py.)
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.dispute/{_a(w)}/actions/e_service/",
        method="POST",
        ok_status=302,
        data=lambda w: {
            "party": _disputes(w)["dispute_a"].parties.get(role="respondent").pk,
            "consent": "yes",
        },
        allowed={Role.ENTERPRISE},
        label="e_service",
    ),
    Route("arbitration:appointments", "/arbitration/appointments/", allowed=PORTAL),
    Route(
        "arbitration:appointment_desk", "/arbitration/appointments/desk/", allowed={Role.ARBITRATION_CLERK}
    ),
    # The appointment's steps, through core's actions: only the one who booked cancels; the counter
    # marks attendance.
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.appointment/{_appointment(w)}/actions/cancel/",
        method="POST",
        ok_status=302,
        allowed={Role.INDIVIDUAL},
        label="appointment cancel",
    ),
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.appointment/{_appointment(w)}/actions/attend/",
        method="POST",
        ok_status=302,
        allowed={Role.ARBITRATION_CLERK},
        label="appointment attend",
    ),
    # A hearing's postponement: the form for the clerk (who books hearings), refused to everyone else.
    Route(
        "core:case_action",
        lambda w: f"/core/cases/arbitration.hearing/{_hearing(w).pk}/actions/postpone/",
        allowed={Role.ARBITRATION_CLERK},
        label="hearing postpone",
    ),
]

# Every action of the case type through the API, on case A: let through to its form by permission and
# sight (hrbureau.tests.matrix.action_routes).
ROUTES += action_routes("arbitration.dispute", lambda w: _disputes(w)["dispute_a"], ALL_ROLES)
ROUTES += action_routes("arbitration.hearing", _hearing, ALL_ROLES)
ROUTES += action_routes("arbitration.appointment", _appointment_record, ALL_ROLES)
