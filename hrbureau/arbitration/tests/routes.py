"""Dispute routes for the permission matrix: dispute A (worker A1 against enterprise A1) and dispute B
(worker B2 against enterprise B2). Only the arbitration institute, arbitrators and leadership open the
workbench pages; the parties' portal comes with the portal pages."""

from __future__ import annotations

from typing import Any

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import Route

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


def _rows(world: Any) -> dict[str, Any]:
    d = _disputes(world)
    return {d["dispute_a"].case_no: INSTITUTE_VIEW, d["dispute_b"].number: INSTITUTE_VIEW}


ROUTES = [
    Route("arbitration:list", _list, allowed=INSTITUTE_VIEW, rows=_rows),
    Route("arbitration:list", "/arbitration/?export=xlsx", allowed=INSTITUTE_VIEW, label="export"),
    Route("arbitration:detail", lambda w: f"/arbitration/{_a(w)}/", allowed=INSTITUTE_VIEW, label="a"),
    Route("arbitration:detail", lambda w: f"/arbitration/{_b(w)}/", allowed=INSTITUTE_VIEW, label="b"),
    # Accepting is the clerks'; an arbitrator or a leader who may see the case is refused.
    Route(
        "arbitration:act",
        lambda w: f"/arbitration/{_b(w)}/act/accept/",
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
]
