"""Demo public-institution recruitment, made through the services the pages use: the seed's four plans —
the health system's recruitment with its shortlist for the medical check published, teachers recruited
outside the city at the qualification review, the 聚才“8543” project open for registration (the demo
citizen registered), and the 500 excellent talents ranked under a rule that leaves a tie at the cut-off
(both tied shortlisted). Registrations in every review state, scores with an absent candidate, ranks."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.demo import DemoContext
from hrbureau.people.models import Person
from hrbureau.personnel import recruitment
from hrbureau.personnel.recruitment_choices import PlanKind, PublishedList, TieRule
from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost, Registration

HEALTH = "ZP2026-WJ01"
MASTER_CLINICAL = {
    "all": [
        {"field": "age", "op": "lte", "value": 35},
        {"field": "education_level", "op": "gte", "value": 6},
        {"field": "major", "op": "in", "value": ["临床医学", "内科学", "外科学"]},
    ]
}
BACHELOR_35 = {
    "all": [
        {"field": "age", "op": "lte", "value": 35},
        {"field": "education_level", "op": "gte", "value": 5},
    ]
}
TEACHER = {
    "all": [
        {"field": "age", "op": "lte", "value": 40},
        {"field": "education_level", "op": "gte", "value": 5},
        {"field": "title_level", "op": "gte", "value": 2},
        {"field": "years_experience", "op": "gte", "value": 3},
    ]
}


def _people(start: int, count: int) -> list[Person]:
    """Adults from the register, the same ones on every run (for idempotence the plan's number decides)."""
    today = timezone.localdate()
    found = Person.objects.filter(
        birth_date__gt=today - dt.timedelta(days=365 * 38), birth_date__lt=today - dt.timedelta(days=365 * 23)
    ).order_by("id")
    return list(found[start : start + count])


def _plan(staff: Any, department: Any, **fields: Any) -> RecruitmentPlan:
    plan = RecruitmentPlan(department=department, **fields)
    return recruitment.plan_save(actor=staff, plan=plan)


def _post(staff: Any, plan: RecruitmentPlan, **fields: Any) -> RecruitmentPost:
    return recruitment.post_save(actor=staff, post=RecruitmentPost(plan=plan, **fields))


def _register(
    staff: Any, post: RecruitmentPost, person: Person, at: dt.datetime, **fields: Any
) -> Registration:
    values: dict[str, Any] = {"education": "master", "degree": "master", "major": "临床医学"}
    values.update(fields)
    return recruitment.registration_submit(actor=staff, post=post, person=person, now=at, **values)


def _qualify(staff: Any, registrations: list[Registration]) -> None:
    for r in registrations:
        recruitment.registration_qualify(actor=staff, registration=r)


def _scores(registration: Registration, written: str | None, interview: str | None) -> None:
    registration.refresh_from_db()
    recruitment.registration_set_scores(
        registration=registration,
        written=Decimal(written) if written else None,
        written_absent=written is None,
        interview=Decimal(interview) if interview else None,
        interview_absent=interview is None and written is not None,
    )


def seed(ctx: DemoContext) -> None:
    if RecruitmentPlan.objects.filter(number=HEALTH).exists():
        return  # seeded before: a second run adds nothing
    department = OrgUnit.objects.filter(code="talent").first()
    users = User.objects.filter(org_unit=department, is_active=True).order_by("id")
    staff = users.filter(role=Role.DEPT_STAFF).first()
    head = users.filter(role=Role.DEPT_HEAD).first()
    people = _people(0, 60)
    if staff is None or head is None or len(people) < 40:
        ctx.log("recruitment: no talent department staff and head, or too few people; skipped")
        return
    today = timezone.localdate()
    tz = timezone.get_current_timezone()

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=tz)

    made = 0
    # 1. The health system's recruitment: closed, reviewed, scored, ranked, everything published.
    opens = today - dt.timedelta(days=90)
    health = _plan(
        staff,
        department,
        number=HEALTH,
        name="2026年区卫生健康系统公开招聘工作人员",
        organiser="区卫生健康局",
        kind=PlanKind.HEALTH,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=14),
        written_weight=Decimal("40"),
        interview_weight=Decimal("60"),
        shortlist_ratio=Decimal("1"),
        notes="笔试占40%，面试占60%；按岗位1:1等额确定入围体检人员。",
    )
    doctor = _post(
        staff,
        health,
        unit="区人民医院",
        code="WJ01",
        title="临床医师",
        headcount=2,
        requirements=MASTER_CLINICAL,
    )
    nurse = _post(
        staff, health, unit="区妇幼保健院", code="WJ02", title="护士", headcount=2, requirements=BACHELOR_35
    )
    doctors = [_register(staff, doctor, p, at(opens, 9 + i)) for i, p in enumerate(people[0:6])]
    nurses = [
        _register(
            staff,
            nurse,
            p,
            at(opens + dt.timedelta(days=1), 9 + i),
            education="bachelor",
            degree="bachelor",
            major="护理学",
        )
        for i, p in enumerate(people[6:12])
    ]
    _qualify(staff, doctors[:5] + nurses[:5])
    recruitment.registration_fail(actor=staff, registration=doctors[5], reason="所学专业不符合岗位要求。")
    recruitment.registration_fail(actor=staff, registration=nurses[5], reason="未按时提交护士执业资格证书。")
    # Doctors: two with the same total (80.00) split by the written score; one absent.
    for r, (w, i) in zip(
        doctors[:5], [("88", "84"), ("85", "76.67"), ("80", "80"), ("72", "70"), (None, None)], strict=True
    ):
        _scores(r, w, i)
    for r, (w, i) in zip(
        nurses[:5], [("90", "86"), ("78.5", "82"), ("76", "80.5"), ("70", "72"), ("66", "88")], strict=True
    ):
        _scores(r, w, i)
    RecruitmentPlan.objects.filter(pk=health.pk).update(scores_imported_by=staff)
    health.refresh_from_db()
    recruitment.plan_rank(plan=health)
    for kind in (PublishedList.QUALIFIED, PublishedList.SCORES, PublishedList.SHORTLIST):
        recruitment.plan_publish(actor=head, plan=health, kind=kind)
    made += 12

    # 2. Teachers recruited outside the city: closed, under review (every review state), qualified list out.
    opens = today - dt.timedelta(days=20)
    teachers = _plan(
        staff,
        department,
        number="ZP2026-JY01",
        name="2026年区教育系统赴外地招聘优秀教师",
        organiser="区教育局",
        kind=PlanKind.TEACHERS_OUTSIDE,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=10),
        written_weight=Decimal("30"),
        interview_weight=Decimal("70"),
        shortlist_ratio=Decimal("1"),
        notes="赴华中师范大学、东北师范大学等地现场招聘。",
    )
    math_post = _post(
        staff,
        teachers,
        unit="区实验中学",
        code="JY01",
        title="高中数学教师",
        headcount=2,
        requirements=TEACHER,
    )
    chinese = _post(
        staff,
        teachers,
        unit="区第二小学",
        code="JY02",
        title="小学语文教师",
        headcount=3,
        requirements=BACHELOR_35,
    )
    regs = [
        _register(
            staff,
            math_post if i % 2 else chinese,
            p,
            at(opens + dt.timedelta(days=i % 5), 10),
            education="bachelor" if i % 3 else "master",
            degree="bachelor",
            major="数学与应用数学" if i % 2 else "汉语言文学",
            professional_title="intermediate" if i % 4 else "junior",
            years_experience=Decimal(str(2 + i % 6)),
        )
        for i, p in enumerate(people[12:22])
    ]
    _qualify(staff, regs[:5])
    recruitment.registration_fail(actor=staff, registration=regs[5], reason="专业技术职称不符合岗位要求。")
    recruitment.registration_request_supplement(
        actor=staff, registration=regs[6], reason="请补充教师资格证扫描件。"
    )
    recruitment.registration_request_supplement(actor=staff, registration=regs[7], reason="请补充学位证书。")
    recruitment.plan_publish(actor=head, plan=teachers, kind=PublishedList.QUALIFIED)
    made += len(regs)

    # 3. 聚才“8543”: open now; registrations waiting for review, the demo citizen's among them.
    jucai = _plan(
        staff,
        department,
        number="ZP2026-JC01",
        name="聚才“8543”工程高层次人才专项招聘",
        organiser="区委组织部、区人力资源局",
        kind=PlanKind.JUCAI_8543,
        opens_on=today - dt.timedelta(days=3),
        closes_on=today + dt.timedelta(days=20),
        written_weight=Decimal("50"),
        interview_weight=Decimal("50"),
        shortlist_ratio=Decimal("1.5"),
    )
    research = _post(
        staff,
        jucai,
        unit="区产业发展研究中心",
        code="JC01",
        title="产业研究员",
        headcount=2,
        requirements={
            "all": [
                {"field": "degree_level", "op": "gte", "value": 3},
                {"field": "age", "op": "lte", "value": 40},
            ]
        },
    )
    _post(
        staff,
        jucai,
        unit="区人才发展服务中心",
        code="JC02",
        title="人才服务专员",
        headcount=1,
        requirements=BACHELOR_35,
    )
    now = timezone.now()
    for p in people[22:28]:
        _register(staff, research, p, now, education="doctor", degree="doctor", major="区域经济学")
    citizen = User.objects.filter(username="citizen", person__isnull=False).select_related("person").first()
    if (
        citizen is not None
        and citizen.person is not None
        and not Registration.objects.filter(plan=jucai, person=citizen.person).exists()
    ):
        _register(
            citizen, research, citizen.person, now, education="master", degree="master", major="应用经济学"
        )
    made += 7

    # 4. 500 excellent talents: ranked under a rule that leaves equal scores equal — two tied at the cut-off.
    opens = today - dt.timedelta(days=60)
    excellent = _plan(
        staff,
        department,
        number="ZP2026-YX01",
        name="2026年“500名优秀人才”事业单位专项招聘",
        organiser="区人力资源局",
        kind=PlanKind.EXCELLENT_500,
        opens_on=opens,
        closes_on=opens + dt.timedelta(days=15),
        written_weight=Decimal("50"),
        interview_weight=Decimal("50"),
        tie_rule=TieRule.WRITTEN_INTERVIEW,
        shortlist_ratio=Decimal("1"),
    )
    analyst = _post(
        staff,
        excellent,
        unit="区数据资源中心",
        code="YX01",
        title="数据分析岗",
        headcount=2,
        requirements=BACHELOR_35,
    )
    regs = [
        _register(staff, analyst, p, at(opens, 9 + i), education="master", degree="master", major="统计学")
        for i, p in enumerate(people[28:34])
    ]
    _qualify(staff, regs)
    for r, (w, i) in zip(
        regs,
        [("92", "90"), ("84", "82"), ("84", "82"), ("80", "79"), ("75", "70"), ("70", None)],
        strict=True,
    ):
        _scores(r, w, i)
    RecruitmentPlan.objects.filter(pk=excellent.pk).update(scores_imported_by=staff)
    excellent.refresh_from_db()
    recruitment.plan_rank(plan=excellent)
    recruitment.plan_publish(actor=head, plan=excellent, kind=PublishedList.QUALIFIED)
    recruitment.plan_publish(actor=head, plan=excellent, kind=PublishedList.SCORES)
    made += len(regs)
    ctx.created["recruitment registrations"] = made
    ctx.log(f"recruitment: 4 plans, {made} registrations")
