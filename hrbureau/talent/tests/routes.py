"""Talent services' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []

# --- subsidies ---
# The talent department and leadership review and export, the streets read their street; the head
# configures schemes; a person sees and follows only their own applications; an enterprise sees only
# those naming it as employer of a scheme that asks it to confirm — never another's, never one of a
# scheme that does not ask it.
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402

_S_READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER, Role.STREET_STAFF}
_S_REVIEWERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}


def _subsidy_applications_data(world: Any) -> dict[str, Any]:
    """Resident A1 (the world's individual) applies for a scheme the employer confirms (naming A1, the
    world's enterprise) and for one it does not; resident B1 for the first, naming B1; A1 also holds an
    approved application of a re-verified scheme (its second instalment waiting)."""
    if "talent_subsidies" not in world.people:
        from hrbureau.talent import subsidy_applications as svc
        from hrbureau.talent.tests.subsidy_helpers import make_scheme

        staff = world.users["dept_staff"]
        confirming = make_scheme(code="matrix-confirm", name="矩阵人才奖励", employer_confirms=True)
        plain = make_scheme(code="matrix-plain", name="矩阵生活补贴")
        verified = make_scheme(code="matrix-verified", name="矩阵分期奖励", instalments=2, reverify=True)
        person, other_person = world.people["a1"], world.people["b1"]
        own = svc.application_submit(
            actor=staff, scheme=confirming, person=person, employer=world.enterprises["a1"], channel="counter"
        )
        plain_own = svc.application_submit(
            actor=staff, scheme=plain, person=person, employer=world.enterprises["a1"], channel="counter"
        )
        other = svc.application_submit(
            actor=staff,
            scheme=confirming,
            person=other_person,
            employer=world.enterprises["b1"],
            channel="counter",
        )
        approved = svc.application_submit(actor=world.users["individual"], scheme=verified, person=person)
        svc.application_approve(actor=staff, application=approved, step="approve")
        world.people["talent_subsidies"] = {
            "scheme": plain,
            "own": own,
            "plain_own": plain_own,
            "other": other,
            "approved": approved,
            "instalment": approved.instalments.get(number=2),
        }
    return world.people["talent_subsidies"]


def _s_at(template: str, key: str | None = None) -> Any:
    def url(world: Any) -> str:
        data = _subsidy_applications_data(world)
        return template.format(data[key].pk) if key else template

    return url


def _s_rows(world: Any) -> dict[str, Any]:
    data = _subsidy_applications_data(world)
    return {
        data["own"].number: _S_READERS,
        data["plain_own"].number: _S_READERS,
        data["other"].number: _S_READERS - {Role.STREET_STAFF},
    }


def _s_portal_rows(world: Any) -> dict[str, Any]:
    data = _subsidy_applications_data(world)
    return {
        data["own"].number: {Role.INDIVIDUAL},
        data["plain_own"].number: {Role.INDIVIDUAL},
        data["other"].number: set(),
    }


def _s_employer_rows(world: Any) -> dict[str, Any]:
    data = _subsidy_applications_data(world)
    return {
        data["own"].number: {Role.ENTERPRISE},
        data["plain_own"].number: set(),
        data["other"].number: set(),
    }


ROUTES += [
    Route("talent:schemes", _s_at("/talent/schemes/"), allowed=_S_READERS),
    Route(
        "talent:schemes",
        _s_at("/talent/schemes/?export=xlsx"),
        allowed=_S_REVIEWERS,
        label="export",
        export="talent.export_subsidyapplication",
    ),
    Route("talent:scheme_create", _s_at("/talent/schemes/new/"), allowed={Role.DEPT_HEAD}),
    Route(
        "talent:scheme_create",
        _s_at("/talent/schemes/new/"),
        method="POST",
        data={"code": ""},
        allowed={Role.DEPT_HEAD},
        label="post",
    ),
    Route("talent:scheme", _s_at("/talent/schemes/{}/", "scheme"), allowed=_S_READERS),
    Route("talent:scheme_edit", _s_at("/talent/schemes/{}/edit/", "scheme"), allowed={Role.DEPT_HEAD}),
    Route("talent:applications", _s_at("/talent/applications/"), allowed=_S_READERS, rows=_s_rows),
    Route(
        "talent:applications",
        _s_at("/talent/applications/?export=xlsx"),
        allowed=_S_REVIEWERS,
        label="export",
        export="talent.export_subsidyapplication",
    ),
    Route("talent:queue", _s_at("/talent/applications/queue/"), allowed=_S_REVIEWERS),
    Route(
        "talent:queue",
        _s_at("/talent/applications/queue/?export=xlsx"),
        allowed=_S_REVIEWERS,
        label="export",
        export="talent.export_subsidyapplication",
    ),
    Route("talent:counter_apply", _s_at("/talent/applications/counter/"), allowed=_S_REVIEWERS),
    Route(
        "talent:counter_apply",
        _s_at("/talent/applications/counter/"),
        method="POST",
        data={"id_number": "x"},
        allowed=_S_REVIEWERS,
        label="file",
    ),
    Route("talent:application", _s_at("/talent/applications/{}/", "own"), allowed=_S_READERS),
    Route(
        "talent:application",
        _s_at("/talent/applications/{}/", "other"),
        allowed=_S_READERS - {Role.STREET_STAFF},
        label="street B",
    ),
    Route(
        "talent:instalment_reverify",
        _s_at("/talent/instalments/{}/reverify/", "instalment"),
        method="POST",
        data={},
        ok_status=302,
        allowed=_S_REVIEWERS,
    ),
    Route("talent:portal_schemes", _s_at("/talent/my/schemes/"), allowed={Role.INDIVIDUAL}),
    Route("talent:portal_apply", _s_at("/talent/my/schemes/{}/apply/", "scheme"), allowed={Role.INDIVIDUAL}),
    Route(
        "talent:portal_apply",
        _s_at("/talent/my/schemes/{}/apply/", "scheme"),
        method="POST",
        data={"bank_name": ""},
        allowed={Role.INDIVIDUAL},
        label="submit",
    ),
    Route(
        "talent:portal_applications",
        _s_at("/talent/my/applications/"),
        allowed={Role.INDIVIDUAL},
        rows=_s_portal_rows,
    ),
    Route(
        "talent:portal_application",
        _s_at("/talent/my/applications/{}/", "own"),
        allowed={Role.INDIVIDUAL, Role.ENTERPRISE},
    ),
    Route(
        "talent:portal_application",
        _s_at("/talent/my/applications/{}/", "plain_own"),
        allowed={Role.INDIVIDUAL},
        label="a scheme the employer does not confirm",
    ),
    Route(
        "talent:portal_application",
        _s_at("/talent/my/applications/{}/", "other"),
        allowed=set(),
        label="another's",
    ),
    Route(
        "talent:portal_confirmations",
        _s_at("/talent/my/confirmations/?waiting=0"),
        allowed={Role.ENTERPRISE},
        rows=_s_employer_rows,
    ),
]
ROUTES += action_routes(
    "talent.subsidyapplication", lambda w: _subsidy_applications_data(w)["own"], ALL_ROLES
)
