"""Talent services' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []

# --- certification ---
# Talent intake and certification: the department (and leadership, the streets in theirs) read; the
# department reviews, its head approves, decides and configures the categories; a person applies and
# follows their own only.
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402

_CERT_DEPARTMENT = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_CERT_READERS = _CERT_DEPARTMENT | {Role.LEADER, Role.STREET_STAFF}
_CERT_EXPORTERS = _CERT_DEPARTMENT | {Role.LEADER}


def _certification_data(world: Any) -> dict[str, Any]:
    """Resident A1's intake and certification (the world's individual, street A) and resident B1's."""
    if "talent_certification" not in world.people:
        import datetime as dt

        from hrbureau.talent import certification as services
        from hrbureau.talent.tests.certification_helpers import category, doctor

        cat = category()
        on = dt.date(2026, 3, 2)
        intake = {
            key: services.intake_submit(
                actor=world.users["dept_staff"],
                person=world.people[key],
                basis="degree",
                qualification=f"硕士{key.upper()}",
                on=on,
            )
            for key in ("a1", "b1")
        }
        cert = {
            key: services.certification_submit(
                actor=world.users["dept_staff"],
                person=doctor(world.people[key]),
                category=cat,
                on=on,
            )
            for key in ("a1", "b1")
        }
        world.people["talent_certification"] = {"category": cat, "intake": intake, "cert": cert}
    return world.people["talent_certification"]  # type: ignore[no-any-return]


def _cert_at(template: str, kind: str | None = None, key: str = "a1") -> Any:
    def url(world: Any) -> str:
        data = _certification_data(world)
        if kind is None:
            return template
        record = data[kind] if kind == "category" else data[kind][key]
        return template.format(record.pk)

    return url


def _cert_rows(kind: str, *, portal: bool = False) -> Any:
    def rows(world: Any) -> dict[str, Any]:
        data = _certification_data(world)
        if portal:
            return {data[kind]["a1"].number: {Role.INDIVIDUAL}, data[kind]["b1"].number: set()}
        return {
            data[kind]["a1"].number: _CERT_READERS,
            data[kind]["b1"].number: _CERT_READERS - {Role.STREET_STAFF},
        }

    return rows


ROUTES += [
    Route("talent:intakes", _cert_at("/talent/intakes/"), allowed=_CERT_READERS, rows=_cert_rows("intake")),
    Route(
        "talent:intakes",
        _cert_at("/talent/intakes/?export=xlsx"),
        allowed=_CERT_EXPORTERS,
        label="export",
        export="talent.export_intakeapplication",
    ),
    Route("talent:intake", _cert_at("/talent/intakes/{}/", "intake"), allowed=_CERT_READERS),
    Route(
        "talent:intake",
        _cert_at("/talent/intakes/{}/", "intake", "b1"),
        allowed=_CERT_READERS - {Role.STREET_STAFF},
        label="street B",
    ),
    Route(
        "talent:portal_intakes",
        _cert_at("/talent/my/intakes/"),
        allowed={Role.INDIVIDUAL},
        rows=_cert_rows("intake", portal=True),
    ),
    Route("talent:intake_apply", "/talent/my/intakes/new/", allowed={Role.INDIVIDUAL}),
    Route(
        "talent:intake_apply",
        "/talent/my/intakes/new/",
        method="POST",
        data={"basis": "degree"},
        allowed={Role.INDIVIDUAL},
        label="submit",
    ),
    Route("talent:portal_intake", _cert_at("/talent/my/intakes/{}/", "intake"), allowed={Role.INDIVIDUAL}),
    Route(
        "talent:portal_intake",
        _cert_at("/talent/my/intakes/{}/", "intake", "b1"),
        allowed=set(),
        label="another's",
    ),
    Route(
        "talent:certifications",
        _cert_at("/talent/certifications/"),
        allowed=_CERT_READERS,
        rows=_cert_rows("cert"),
    ),
    Route(
        "talent:certifications",
        _cert_at("/talent/certifications/?export=xlsx"),
        allowed=_CERT_EXPORTERS,
        label="export",
        export="talent.export_certification",
    ),
    Route("talent:certification", _cert_at("/talent/certifications/{}/", "cert"), allowed=_CERT_READERS),
    Route(
        "talent:certification",
        _cert_at("/talent/certifications/{}/", "cert", "b1"),
        allowed=_CERT_READERS - {Role.STREET_STAFF},
        label="street B",
    ),
    Route("talent:expert_reviews", "/talent/certifications/expert/", allowed=_CERT_DEPARTMENT),
    Route("talent:categories", _cert_at("/talent/categories/"), allowed={Role.DEPT_HEAD}),
    Route("talent:category_create", "/talent/categories/new/", allowed={Role.DEPT_HEAD}),
    Route(
        "talent:category_create",
        "/talent/categories/new/",
        method="POST",
        data={"code": ""},
        allowed={Role.DEPT_HEAD},
        label="save",
    ),
    Route("talent:category_edit", _cert_at("/talent/categories/{}/", "category"), allowed={Role.DEPT_HEAD}),
    Route("talent:register", _cert_at("/talent/register/"), allowed=_CERT_READERS),
    Route(
        "talent:register",
        _cert_at("/talent/register/?export=xlsx"),
        allowed=_CERT_EXPORTERS,
        label="export",
        export="talent.export_certification",
    ),
    Route("talent:register_figures", "/talent/register/figures/", allowed=_CERT_READERS),
    Route(
        "talent:portal_certifications",
        _cert_at("/talent/my/certifications/"),
        allowed={Role.INDIVIDUAL},
        rows=_cert_rows("cert", portal=True),
    ),
    Route(
        "talent:certification_apply", _cert_at("/talent/my/certifications/new/"), allowed={Role.INDIVIDUAL}
    ),
    Route(
        "talent:certification_apply",
        _cert_at("/talent/my/certifications/new/"),
        method="POST",
        data={"category": ""},
        allowed={Role.INDIVIDUAL},
        label="submit",
    ),
    Route(
        "talent:portal_certification",
        _cert_at("/talent/my/certifications/{}/", "cert"),
        allowed={Role.INDIVIDUAL},
    ),
    Route(
        "talent:portal_certification",
        _cert_at("/talent/my/certifications/{}/", "cert", "b1"),
        allowed=set(),
        label="another's",
    ),
]
ROUTES += action_routes(
    "talent.intakeapplication", lambda w: _certification_data(w)["intake"]["a1"], ALL_ROLES
)
ROUTES += action_routes("talent.certification", lambda w: _certification_data(w)["cert"]["a1"], ALL_ROLES)
