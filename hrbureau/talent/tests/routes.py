"""Talent services' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes  # noqa: F401

ROUTES: list = []

# --- registers ---
# The registers: the department keeps them; leadership reads all; a street reads the stations, postdocs,
# park residencies and settled contest projects in it (the world's records lie in street A, the street
# user's; a second station in street B is not theirs); agreements and contests are the department's and
# leadership's; an enterprise sees only its own park residency, on the portal.
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402

_KEEPERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_DISTRICT = _KEEPERS | {Role.LEADER}
_STREETS = _DISTRICT | {Role.STREET_STAFF}


def _registers(world: Any) -> dict[str, Any]:
    if "talent_registers" not in world.people:
        import datetime as dt

        from hrbureau.talent import registers as services
        from hrbureau.talent import registers_models as m

        staff = world.users["dept_staff"]

        def save(record: Any, **values: Any) -> Any:
            return services.register_save(actor=staff, record=record, values=values)

        a1, b1 = world.enterprises["a1"], world.enterprises["b1"]
        station = save(
            m.PostdocStation(),
            enterprise=a1,
            kind="station",
            level="national",
            approved_on=dt.date(2020, 1, 1),
        )
        save(m.PostdocStation(), enterprise=b1, kind="base", level="city", approved_on=dt.date(2021, 1, 1))
        postdoc = save(
            m.Postdoc(station=station), name="博士后甲", topic="储能材料", entered_on=dt.date(2025, 1, 1)
        )
        park = save(m.ParkResidency(), enterprise=a1, founder_name="赵明轩", entered_on=dt.date(2025, 1, 1))
        agreement = save(
            m.CooperationAgreement(),
            title="战略人才合作协议",
            parties="甲\n乙",
            signed_on=dt.date(2025, 1, 1),
        )
        action = save(
            m.AgreementAction(agreement=agreement),
            title="共建人才驿站",
            owner="人才科",
            due_on=dt.date(2025, 6, 1),
        )
        contest = save(m.TalentContest(), name="国际人才大赛", year=2026)
        entrant = save(
            m.ContestEntrant(contest=contest),
            project="柔性电子皮肤",
            leader="高远",
            settled_on=dt.date(2026, 1, 1),
            enterprise=a1,
        )
        world.people["talent_registers"] = {
            "station": station,
            "postdoc": postdoc,
            "park": park,
            "agreement": agreement,
            "action": action,
            "contest": contest,
            "entrant": entrant,
        }
    records: dict[str, Any] = world.people["talent_registers"]
    return records


def _reg(template: str, key: str = "") -> Any:
    def url(world: Any) -> str:
        records = _registers(world)
        return template.format(records[key].pk) if key else template

    return url


_B1_STATION = "企业B1科技有限公司"
ROUTES += [
    Route(
        "talent:stations",
        _reg("/talent/stations/"),
        allowed=_STREETS,
        rows=lambda world: {"企业A1科技有限公司": _STREETS, _B1_STATION: _DISTRICT},
    ),
    Route(
        "talent:stations",
        _reg("/talent/stations/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:station_create", _reg("/talent/stations/new/"), allowed=_KEEPERS),
    Route("talent:station", _reg("/talent/stations/{}/", "station"), allowed=_STREETS),
    Route("talent:station_edit", _reg("/talent/stations/{}/edit/", "station"), allowed=_KEEPERS),
    Route("talent:postdoc_create", _reg("/talent/stations/{}/postdocs/new/", "station"), allowed=_KEEPERS),
    Route(
        "talent:assessment_create", _reg("/talent/stations/{}/assessments/new/", "station"), allowed=_KEEPERS
    ),
    Route(
        "talent:postdocs",
        _reg("/talent/postdocs/"),
        allowed=_STREETS,
        rows=lambda world: {"储能材料": _STREETS},
    ),
    Route(
        "talent:postdocs",
        _reg("/talent/postdocs/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:postdoc_edit", _reg("/talent/postdocs/{}/edit/", "postdoc"), allowed=_KEEPERS),
    Route("talent:park", _reg("/talent/park/"), allowed=_STREETS, rows=lambda world: {"赵明轩": _STREETS}),
    Route(
        "talent:park",
        _reg("/talent/park/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:park_create", _reg("/talent/park/new/"), allowed=_KEEPERS),
    Route("talent:park_residency", _reg("/talent/park/{}/", "park"), allowed=_STREETS),
    Route("talent:park_edit", _reg("/talent/park/{}/edit/", "park"), allowed=_KEEPERS),
    Route("talent:portal_park", _reg("/talent/portal/park/"), allowed={Role.ENTERPRISE}),
    Route(
        "talent:agreements",
        _reg("/talent/agreements/"),
        allowed=_DISTRICT,
        rows=lambda world: {"战略人才合作协议": _DISTRICT},
    ),
    Route(
        "talent:agreements",
        _reg("/talent/agreements/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:agreement_create", _reg("/talent/agreements/new/"), allowed=_KEEPERS),
    Route("talent:agreement", _reg("/talent/agreements/{}/", "agreement"), allowed=_DISTRICT),
    Route("talent:agreement_edit", _reg("/talent/agreements/{}/edit/", "agreement"), allowed=_KEEPERS),
    Route("talent:action_create", _reg("/talent/agreements/{}/actions/new/", "agreement"), allowed=_KEEPERS),
    Route(
        "talent:actions",
        _reg("/talent/actions/"),
        allowed=_DISTRICT,
        rows=lambda world: {"共建人才驿站": _DISTRICT},
    ),
    Route(
        "talent:actions",
        _reg("/talent/actions/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:action", _reg("/talent/actions/{}/", "action"), allowed=_DISTRICT),
    Route("talent:action_edit", _reg("/talent/actions/{}/edit/", "action"), allowed=_KEEPERS),
    Route("talent:action_progress", _reg("/talent/actions/{}/progress/", "action"), allowed=_KEEPERS),
    Route(
        "talent:action_progress",
        _reg("/talent/actions/{}/progress/", "action"),
        method="POST",
        data={"reported_on": "", "percent": ""},
        allowed=_KEEPERS,
        label="record",
    ),
    Route(
        "talent:contests",
        _reg("/talent/contests/"),
        allowed=_DISTRICT,
        rows=lambda world: {"国际人才大赛": _DISTRICT},
    ),
    Route(
        "talent:contests",
        _reg("/talent/contests/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:contest_create", _reg("/talent/contests/new/"), allowed=_KEEPERS),
    Route("talent:contest", _reg("/talent/contests/{}/", "contest"), allowed=_DISTRICT),
    Route("talent:contest_edit", _reg("/talent/contests/{}/edit/", "contest"), allowed=_KEEPERS),
    Route("talent:round_create", _reg("/talent/contests/{}/rounds/new/", "contest"), allowed=_KEEPERS),
    Route("talent:entrant_create", _reg("/talent/contests/{}/entrants/new/", "contest"), allowed=_KEEPERS),
    Route(
        "talent:entrants",
        _reg("/talent/entrants/"),
        allowed=_STREETS,
        rows=lambda world: {"柔性电子皮肤": _STREETS},
    ),
    Route(
        "talent:entrants",
        _reg("/talent/entrants/?export=xlsx"),
        allowed=_DISTRICT,
        label="export",
        export="talent.export_register",
    ),
    Route("talent:entrant", _reg("/talent/entrants/{}/", "entrant"), allowed=_STREETS),
    Route("talent:entrant_edit", _reg("/talent/entrants/{}/edit/", "entrant"), allowed=_KEEPERS),
    # Deleting a station with a postdoc is refused with its reason (the keeper is sent back to it).
    Route(
        "talent:register_delete",
        _reg("/talent/registers/station/{}/delete/", "station"),
        method="POST",
        ok_status=302,
        allowed=_KEEPERS,
    ),
]

# --- internship ---
# The department keeps the bases, registers and decides internships and approves months; leadership and
# the streets (their own street's) read; a base's enterprise sees and claims its own interns on the
# portal only — never another base's.
import datetime as _dt  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402
from typing import Any as _Any  # noqa: E402

from hrbureau.accounts.choices import Role as _Role  # noqa: E402

_INTERN_DEPARTMENT = {_Role.DEPT_HEAD, _Role.DEPT_STAFF}
_INTERN_READERS = _INTERN_DEPARTMENT | {_Role.LEADER, _Role.STREET_STAFF}
_INTERN_EXPORTERS = _INTERN_DEPARTMENT | {_Role.LEADER}


def _internships(world: _Any) -> dict[str, _Any]:
    """Bases at enterprises A1 (street A; the world's enterprise user) and B1 (street B), each with an
    approved internship of a graduate and one month recorded."""
    if "internship_routes" not in world.people:
        from hrbureau.talent import internship
        from hrbureau.talent.models import InternshipBase

        staff = world.users["dept_staff"]
        found: dict[str, _Any] = {}
        for key in ("a1", "b1"):
            enterprise = world.enterprises[key]
            base = InternshipBase.objects.create(
                enterprise=enterprise, street_id=enterprise.street_id, approved_on=_dt.date(2024, 1, 1)
            )
            case = internship.internship_register(
                actor=staff,
                person=world.people[key],
                base=base,
                post="文员",
                starts_on=_dt.date(2025, 3, 1),
                ends_on=_dt.date(2025, 12, 31),
                graduated_on=_dt.date(2024, 7, 1),
            )
            internship.internship_approve(actor=staff, internship=case)
            found[key] = case
            found[f"{key}-month"] = internship.month_record(
                actor=staff, internship=case, month=_dt.date(2025, 3, 1), paid=_Decimal("2600")
            )
        world.people["internship_routes"] = found
    return world.people["internship_routes"]  # type: ignore[no-any-return]


def _intern_at(template: str, key: str | None = None) -> _Any:
    def url(world: _Any) -> str:
        data = _internships(world)
        return template.format(data[key].pk) if key else template

    return url


def _intern_rows(world: _Any) -> dict[str, _Any]:
    data = _internships(world)
    return {data["a1"].number: _INTERN_READERS, data["b1"].number: _INTERN_READERS - {_Role.STREET_STAFF}}


def _base_rows(world: _Any) -> dict[str, _Any]:
    _internships(world)
    return {
        world.enterprises["a1"].name: _INTERN_READERS,
        world.enterprises["b1"].name: _INTERN_READERS - {_Role.STREET_STAFF},
    }


ROUTES += [
    Route(
        "talent:internship_bases",
        _intern_at("/talent/internship/bases/"),
        allowed=_INTERN_READERS,
        rows=_base_rows,
    ),
    Route(
        "talent:internship_bases",
        _intern_at("/talent/internship/bases/?export=xlsx"),
        allowed=_INTERN_EXPORTERS,
        label="export",
        export="talent.export_internship",
    ),
    Route("talent:internship_base_create", "/talent/internship/bases/new/", allowed=_INTERN_DEPARTMENT),
    Route(
        "talent:internships", _intern_at("/talent/internships/"), allowed=_INTERN_READERS, rows=_intern_rows
    ),
    Route(
        "talent:internships",
        _intern_at("/talent/internships/?export=xlsx"),
        allowed=_INTERN_EXPORTERS,
        label="export",
        export="talent.export_internship",
    ),
    Route("talent:internship_register", "/talent/internships/new/", allowed=_INTERN_DEPARTMENT),
    Route("talent:internship", _intern_at("/talent/internships/{}/", "a1"), allowed=_INTERN_READERS),
    Route(
        "talent:internship",
        _intern_at("/talent/internships/{}/", "b1"),
        allowed=_INTERN_READERS - {_Role.STREET_STAFF},
        label="street B",
    ),
    Route(
        "talent:internship_month_record",
        _intern_at("/talent/internships/{}/months/", "a1"),
        method="POST",
        data={"month": "2025-04", "paid": "2520"},
        ok_status=302,
        allowed=_INTERN_DEPARTMENT,
    ),
    Route(
        "talent:internship_month_approve",
        _intern_at("/talent/internships/months/{}/approve/", "a1-month"),
        method="POST",
        ok_status=302,
        allowed=_INTERN_DEPARTMENT,
    ),
    Route(
        "talent:internship_portal",
        _intern_at("/talent/my/internships/"),
        allowed={_Role.ENTERPRISE},
        rows=lambda world: {
            _internships(world)["a1"].number: {_Role.ENTERPRISE},
            _internships(world)["b1"].number: set(),
        },
    ),
    Route(
        "talent:internship_portal",
        _intern_at("/talent/my/internships/"),
        method="POST",
        data=lambda world: {"internship": _internships(world)["b1"].pk, "month": "2025-04", "paid": "2520"},
        allowed={_Role.ENTERPRISE},
        label="another base's intern (not a choice)",
    ),
    *action_routes(
        "talent.internship",
        lambda world: _internships(world)["a1"],
        viewers=_INTERN_READERS | {_Role.ENTERPRISE},
    ),
]
ROUTES += [
    Route(
        "talent:internship_portal_import",
        "/talent/my/internships/import/",
        method="POST",
        ok_status=302,
        allowed={_Role.ENTERPRISE},
    ),
]

# --- certification ---
# Talent intake and certification: the department (and leadership, the streets in theirs) read; the
# department reviews, its head approves, decides and configures the categories; a person applies and
# follows their own only.

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

# --- subsidies ---
# The talent department and leadership review and export, the streets read their street; the head
# configures schemes; a person sees and follows only their own applications; an enterprise sees only
# those naming it as employer of a scheme that asks it to confirm — never another's, never one of a
# scheme that does not ask it.

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

# --- payments ---
# Batches and payments are the talent department's (building, reconciling) and leadership's (reading,
# exporting); the streets, enterprises and people see none of them.

from hrbureau.accounts.choices import Role  # noqa: E402

_PAY_READERS = {Role.DEPT_HEAD, Role.DEPT_STAFF, Role.LEADER}
_PAY_MAKERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}


def _payment_data(world: Any) -> dict[str, Any]:
    """A batch sent to the bank (resident A1 and B1's instalments) and a drafted one (A2's)."""
    if "talent_payments" not in world.people:
        from hrbureau.talent import payments
        from hrbureau.talent.tests.payment_factories import approved

        staff = world.users["dept_staff"]
        approved(person=world.people["a1"])
        approved(person=world.people["b1"])
        sent = payments.build_batch(actor=staff).batch
        payments.batch_export(actor=staff, batch=sent)
        approved(person=world.people["a2"])
        drafted = payments.build_batch(actor=staff).batch
        world.people["talent_payments"] = {"sent": sent, "drafted": drafted}
    return world.people["talent_payments"]  # type: ignore[no-any-return]


def _pay(template: str, key: str | None = None) -> Any:
    def url(world: Any) -> str:
        data = _payment_data(world)
        return template.format(data[key].pk) if key else template

    return url


def _payment_rows(world: Any) -> dict[str, Any]:
    data = _payment_data(world)
    return {data["sent"].number: _PAY_READERS, data["drafted"].number: _PAY_READERS}


ROUTES += [
    Route("talent:batches", _pay("/talent/batches/"), allowed=_PAY_READERS, rows=_payment_rows),
    Route(
        "talent:batches",
        _pay("/talent/batches/?export=xlsx"),
        allowed=_PAY_READERS,
        label="export",
        export="talent.export_payment",
    ),
    Route("talent:batch_build", _pay("/talent/batches/new/"), allowed=_PAY_MAKERS),
    Route(
        "talent:batch_build",
        _pay("/talent/batches/new/"),
        method="POST",
        data={},
        ok_status=(200, 302),
        allowed=_PAY_MAKERS,
        label="build",
    ),
    Route("talent:batch", _pay("/talent/batches/{}/", "sent"), allowed=_PAY_READERS),
    Route("talent:bank_file", _pay("/talent/batches/{}/bank-file/", "sent"), allowed=_PAY_READERS),
    Route(
        "talent:batch_result",
        _pay("/talent/batches/{}/result/", "sent"),
        method="POST",
        data={},
        ok_status=400,
        allowed=_PAY_MAKERS,
    ),
    Route("talent:payments", _pay("/talent/payments/"), allowed=_PAY_READERS, rows=_payment_rows),
    Route(
        "talent:payments",
        _pay("/talent/payments/?export=xlsx"),
        allowed=_PAY_READERS,
        label="export",
        export="talent.export_payment",
    ),
    Route("talent:payment_totals", _pay("/talent/payments/totals/"), allowed=_PAY_READERS),
]
ROUTES += action_routes("talent.paymentbatch", lambda w: _payment_data(w)["drafted"], ALL_ROLES)
