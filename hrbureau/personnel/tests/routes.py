"""Personnel work' routes for the permission matrix, one block per part of the line."""

from __future__ import annotations

from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, Route, action_routes

ROUTES: list = []

# --- recruitment ---
# The talent department (its staff and head) sets up plans and reviews registrations, leadership reads,
# a department head publishes; a person registers on the portal and sees only their own registration;
# the published lists are public.
from typing import Any  # noqa: E402

from hrbureau.accounts.choices import Role  # noqa: E402

_RECRUITERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_RECRUITMENT_READERS = _RECRUITERS | {Role.LEADER}


def _recruitment(world: Any) -> dict[str, Any]:
    """A plan open today with one post; the individual's own registration (resident A1) and resident B1's."""
    if "recruitment" not in world.people:
        import datetime as dt
        from decimal import Decimal

        from django.utils import timezone

        from hrbureau.personnel import recruitment
        from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost

        today = timezone.localdate()
        plan = RecruitmentPlan.objects.create(
            number="RT-1",
            name="路由测试招聘",
            organiser="区卫生健康局",
            opens_on=today - dt.timedelta(days=1),
            closes_on=today + dt.timedelta(days=5),
            written_weight=Decimal("40"),
            interview_weight=Decimal("60"),
        )
        post = RecruitmentPost.objects.create(
            plan=plan, unit="区人民医院", code="R01", title="护士", headcount=1
        )
        staff = world.users["dept_staff"]
        own = recruitment.registration_submit(
            actor=world.users["individual"], post=post, person=world.people["a1"], education="bachelor"
        )
        other = recruitment.registration_submit(
            actor=staff, post=post, person=world.people["b1"], education="master"
        )
        world.people["recruitment"] = {"plan": plan, "post": post, "own": own, "other": other}
    return world.people["recruitment"]


def _rt(template: str, key: str = "plan") -> Any:
    return lambda world: template.format(_recruitment(world)[key].pk)


ROUTES += [
    Route("personnel:recruitment_plans", _rt("/personnel/recruitment/plans/"), allowed=_RECRUITMENT_READERS),
    Route(
        "personnel:recruitment_plans",
        _rt("/personnel/recruitment/plans/?export=xlsx"),
        allowed=_RECRUITMENT_READERS,
        label="export",
        export="personnel.export_recruitmentplan",
    ),
    Route("personnel:recruitment_plan_create", "/personnel/recruitment/plans/new/", allowed=_RECRUITERS),
    Route(
        "personnel:recruitment_plan_create",
        "/personnel/recruitment/plans/new/",
        method="POST",
        data={"number": ""},
        allowed=_RECRUITERS,
        label="save",
    ),
    Route(
        "personnel:recruitment_plan", _rt("/personnel/recruitment/plans/{}/"), allowed=_RECRUITMENT_READERS
    ),
    Route(
        "personnel:recruitment_plan_edit", _rt("/personnel/recruitment/plans/{}/edit/"), allowed=_RECRUITERS
    ),
    Route(
        "personnel:recruitment_post_create",
        _rt("/personnel/recruitment/plans/{}/posts/new/"),
        allowed=_RECRUITERS,
    ),
    Route(
        "personnel:recruitment_ranking",
        _rt("/personnel/recruitment/plans/{}/ranking/"),
        allowed=_RECRUITMENT_READERS,
    ),
    Route(
        "personnel:recruitment_rank",
        _rt("/personnel/recruitment/plans/{}/rank/"),
        method="POST",
        ok_status=302,
        allowed=_RECRUITERS,
    ),
    Route(
        "personnel:recruitment_publish",
        _rt("/personnel/recruitment/plans/{}/publish/qualified/"),
        method="POST",
        ok_status=302,
        allowed={Role.DEPT_HEAD},
    ),
    Route("personnel:recruitment_posts", _rt("/personnel/recruitment/posts/"), allowed=_RECRUITMENT_READERS),
    Route(
        "personnel:recruitment_posts",
        _rt("/personnel/recruitment/posts/?export=xlsx"),
        allowed=_RECRUITMENT_READERS,
        label="export",
        export="personnel.export_recruitmentplan",
    ),
    Route(
        "personnel:recruitment_post",
        _rt("/personnel/recruitment/posts/{}/", "post"),
        allowed=_RECRUITMENT_READERS,
    ),
    Route(
        "personnel:recruitment_post_edit",
        _rt("/personnel/recruitment/posts/{}/edit/", "post"),
        allowed=_RECRUITERS,
    ),
    Route(
        "personnel:recruitment_registrations",
        _rt("/personnel/recruitment/registrations/"),
        allowed=_RECRUITMENT_READERS,
        rows=lambda world: {
            _recruitment(world)["own"].number: _RECRUITMENT_READERS,
            _recruitment(world)["other"].number: _RECRUITMENT_READERS,
        },
    ),
    Route(
        "personnel:recruitment_registrations",
        _rt("/personnel/recruitment/registrations/?export=xlsx"),
        allowed=_RECRUITMENT_READERS,
        label="export",
        export="personnel.export_registration",
    ),
    Route(
        "personnel:recruitment_registration",
        _rt("/personnel/recruitment/registrations/{}/", "own"),
        allowed=_RECRUITMENT_READERS,
    ),
    Route("personnel:recruitment_portal", _rt("/personnel/recruitment/portal/"), allowed={Role.INDIVIDUAL}),
    Route(
        "personnel:recruitment_register",
        _rt("/personnel/recruitment/portal/plans/{}/register/"),
        allowed={Role.INDIVIDUAL},
    ),
    Route(
        "personnel:recruitment_register",
        _rt("/personnel/recruitment/portal/plans/{}/register/"),
        method="POST",
        data={"post": ""},
        allowed={Role.INDIVIDUAL},
        label="submit",
    ),
    Route(
        "personnel:recruitment_portal_registrations",
        _rt("/personnel/recruitment/portal/registrations/"),
        allowed={Role.INDIVIDUAL},
        rows=lambda world: {
            _recruitment(world)["own"].number: {Role.INDIVIDUAL},
            _recruitment(world)["other"].number: set(),
        },
    ),
    Route(
        "personnel:recruitment_portal_registration",
        _rt("/personnel/recruitment/portal/registrations/{}/", "own"),
        allowed={Role.INDIVIDUAL},
    ),
    Route(
        "personnel:recruitment_portal_registration",
        _rt("/personnel/recruitment/portal/registrations/{}/", "other"),
        allowed=set(),
        label="another's",
    ),
    Route("personnel:recruitment_public", "/personnel/recruitment/public/", allowed=ALL_ROLES | {ANONYMOUS}),
    Route(
        "personnel:recruitment_public_list",
        _rt("/personnel/recruitment/public/{}/scores/"),
        allowed=ALL_ROLES | {ANONYMOUS},
    ),
]
ROUTES += action_routes("personnel.registration", lambda w: _recruitment(w)["own"], ALL_ROLES)

# --- personnel records (三龄一历, grade promotion, emergency duty) ---
# The department keeps the records and decides; leadership reads; street staff read the records of
# their own street's staff (never another street's, nor those with no street); portal users nothing.

from hrbureau.accounts.choices import Role  # noqa: E402

_KEEPERS = {Role.DEPT_HEAD, Role.DEPT_STAFF}
_RECORD_READERS = _KEEPERS | {Role.LEADER, Role.STREET_STAFF}
_EXPORTERS = _KEEPERS | {Role.LEADER}
_DISTRICT_READERS = _RECORD_READERS - {Role.STREET_STAFF}


def _records(world: Any) -> dict[str, Any]:
    """Staff member A (street A, eligible this year) and B (street B, proposed for promotion), a
    certification request of each, an emergency plan with A and B on its roster."""
    if "personnel_records" not in world.people:
        import datetime as dt

        from django.utils import timezone

        from hrbureau.personnel import emergency, promotion, records
        from hrbureau.personnel.records_models import PromotionRule, StaffGrade
        from hrbureau.personnel.tests.records_helpers import staff_member

        year = timezone.localdate().year
        low = StaffGrade.objects.create(code="R1", name="一级科员", order=1)
        high = StaffGrade.objects.create(code="R2", name="四级主任科员", order=2)
        PromotionRule.objects.create(grade=high, years_required=4, lowest_result="competent")
        made: dict[str, Any] = {}
        for key, name in (("a", "档案甲"), ("b", "档案乙")):
            staff = staff_member(name=name, street=world.units[f"street-{key}"])
            promotion.grade_set(actor=None, staff=staff, grade=low, since=dt.date(year - 6, 1, 1))
            for y in range(year - 6, year):
                promotion.appraisal_record(actor=None, staff=staff, year=y, result="competent")
            made[key] = staff
            made[f"request_{key}"] = records.certification_submit(
                actor=world.users["dept_staff"],
                staff=staff,
                requesting_unit="区税务局",
                claimed_birth_date=dt.date(1985, 3, 4),
                claimed_work_start=dt.date(2007, 7, 1),
            )
        made["promotion"] = promotion.promotion_propose(
            actor=world.users["dept_staff"], staff=made["b"], year=year
        )
        plan = emergency.plan_create(
            actor=None, title="党员下沉通知", number="应急〔2026〕9号", issued_on=dt.date(2026, 1, 20)
        )
        post = emergency.post_add(actor=None, plan=plan, kind="airport", name="机场")
        for key in ("a", "b"):
            emergency.deployment_add(actor=None, post=post, staff=made[key], starts_on=dt.date(2026, 2, 1))
        made["plan"] = plan
        world.people["personnel_records"] = made
    return world.people["personnel_records"]  # type: ignore[no-any-return]


def _rec(template: str, key: str | None = None) -> Any:
    def url(world: Any) -> str:
        data = _records(world)
        return template.format(data[key].pk) if key else template

    return url


def _staff_rows(world: Any) -> dict[str, Any]:
    data = _records(world)
    return {data["a"].name: _RECORD_READERS, data["b"].name: _DISTRICT_READERS}


def _request_rows(world: Any) -> dict[str, Any]:
    data = _records(world)
    return {data["request_a"].number: _RECORD_READERS, data["request_b"].number: _DISTRICT_READERS}


def _eligible_rows(world: Any) -> dict[str, Any]:
    data = _records(world)
    # B is proposed already: off the eligible list.
    return {data["a"].name: _RECORD_READERS, data["b"].name: set()}


def _promotion_rows(world: Any) -> dict[str, Any]:
    return {_records(world)["promotion"].number: _DISTRICT_READERS}


ROUTES += [
    Route("personnel:staff_list", _rec("/personnel/staff/"), allowed=_RECORD_READERS, rows=_staff_rows),
    Route(
        "personnel:staff_list",
        _rec("/personnel/staff/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_staffmember",
    ),
    Route("personnel:staff_create", "/personnel/staff/new/", allowed=_KEEPERS),
    Route("personnel:staff", _rec("/personnel/staff/{}/", "a"), allowed=_RECORD_READERS, label="own street"),
    Route(
        "personnel:staff",
        _rec("/personnel/staff/{}/", "b"),
        allowed=_DISTRICT_READERS,
        label="another street",
    ),
    Route("personnel:staff_appraisal", _rec("/personnel/staff/{}/appraisal/", "a"), allowed=_KEEPERS),
    Route("personnel:staff_grade", _rec("/personnel/staff/{}/grade/", "a"), allowed=_KEEPERS),
    Route("personnel:promotion_propose", _rec("/personnel/staff/{}/propose/", "a"), allowed=_KEEPERS),
    Route(
        "personnel:certifications",
        _rec("/personnel/certifications/"),
        allowed=_RECORD_READERS,
        rows=_request_rows,
    ),
    Route(
        "personnel:certifications",
        _rec("/personnel/certifications/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_certificationrequest",
    ),
    Route("personnel:certification_create", "/personnel/certifications/new/", allowed=_KEEPERS),
    Route(
        "personnel:certification",
        _rec("/personnel/certifications/{}/", "request_a"),
        allowed=_RECORD_READERS,
        label="own street",
    ),
    Route(
        "personnel:certification",
        _rec("/personnel/certifications/{}/", "request_b"),
        allowed=_DISTRICT_READERS,
        label="another street",
    ),
    Route(
        "personnel:promotions", _rec("/personnel/promotions/"), allowed=_RECORD_READERS, rows=_promotion_rows
    ),
    Route(
        "personnel:promotions",
        _rec("/personnel/promotions/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_promotiondecision",
    ),
    Route(
        "personnel:eligible",
        _rec("/personnel/promotions/eligible/"),
        allowed=_RECORD_READERS,
        rows=_eligible_rows,
    ),
    Route(
        "personnel:eligible",
        _rec("/personnel/promotions/eligible/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_promotiondecision",
    ),
    Route("personnel:promotion", _rec("/personnel/promotions/{}/", "promotion"), allowed=_DISTRICT_READERS),
    Route("personnel:plans", _rec("/personnel/emergency/"), allowed=_RECORD_READERS),
    Route(
        "personnel:plans",
        _rec("/personnel/emergency/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_deployment",
    ),
    Route("personnel:plan_create", "/personnel/emergency/new/", allowed=_KEEPERS),
    Route("personnel:plan", _rec("/personnel/emergency/{}/", "plan"), allowed=_RECORD_READERS),
    Route("personnel:post_add", _rec("/personnel/emergency/{}/posts/new/", "plan"), allowed=_KEEPERS),
    Route("personnel:deployment_add", _rec("/personnel/emergency/{}/roster/new/", "plan"), allowed=_KEEPERS),
    Route(
        "personnel:roster", _rec("/personnel/emergency/roster/"), allowed=_RECORD_READERS, rows=_staff_rows
    ),
    Route(
        "personnel:roster",
        _rec("/personnel/emergency/roster/?export=xlsx"),
        allowed=_EXPORTERS,
        label="export",
        export="personnel.export_deployment",
    ),
    Route(
        "personnel:deployment_figures",
        _rec("/personnel/emergency/figures/?first=2026-01-01&last=2026-03-01"),
        allowed=_RECORD_READERS,
    ),
]
ROUTES += action_routes("personnel.certificationrequest", lambda w: _records(w)["request_a"], ALL_ROLES)
ROUTES += action_routes("personnel.promotiondecision", lambda w: _records(w)["promotion"], ALL_ROLES)
