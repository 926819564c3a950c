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
