"""Demo subsidy schemes and applications, made through the services the pages use. The district's
schemes: the new-talent living subsidy by degree with its age limits (新引进人才生活补贴), a talent award
in 5 yearly instalments with re-verification, employer confirmation and a 5-working-day notice, a
housing subsidy that excludes talent housing, and the internship subsidy for PhD and master students
paid per month (博士硕士实习补贴). Applications in every state: waiting for the employer, at each level,
returned for a supplement, on notice (with an objection), approved with instalments DUE (for
disbursement), refused, withdrawn. The demo citizen holds a few, so the portal shows them."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import TransitionError
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent import subsidy_applications as svc
from hrbureau.talent.choices import AmountRule, Channel
from hrbureau.talent.models import SubsidyApplication, SubsidyScheme
from hrbureau.talent.rules import age_on
from hrbureau.talent.subsidy_schemes import scheme_save

LINE = "subsidy-applications"
APPLICATIONS = 60
LIVING, AWARD, HOUSING, TALENT_HOUSING, INTERNSHIP = (
    "living-subsidy",
    "talent-award",
    "housing-subsidy",
    "talent-housing",
    "phd-master-internship",
)
CODES = (LIVING, AWARD, HOUSING, TALENT_HOUSING, INTERNSHIP)
COURSES = (
    "in_review",
    "level_one",
    "supplement",
    "resubmitted",
    "approved",
    "approved",
    "refused",
    "withdrawn",
    "on_notice",
    "objection",
    "objection_upheld",
    "employer_waiting",
    "employer_declined",
    "award_approved",
)


def _schemes(head: Any, today: dt.date) -> dict[str, SubsidyScheme]:
    department = OrgUnit.objects.filter(code="talent").first()
    year_start = dt.date(today.year - 1, 1, 1)
    specs: list[tuple[dict[str, Any], str, str, list[str]]] = [
        (
            {
                "code": LIVING,
                "name": "新引进人才生活补贴",
                "name_en": "Living subsidy for newly arrived talent",
                "description": "新引进到本区工作的全日制本科及以上学历人才，一次性发放生活补贴。",
                "amount_rule": AmountRule.BY_DEGREE,
                "materials": "身份证\n学历学位证书\n劳动合同\n本区社保缴费证明",
            },
            "bachelor 15000 30\nmaster 25000 35\nphd 30000 40",
            "dept_staff\ndept_head",
            [],
        ),
        (
            {
                "code": AWARD,
                "name": "高层次人才奖励",
                "name_en": "High-level talent award",
                "description": "经认定的区高层次人才，奖励分 5 年等额发放，每年复核仍在本区工作后发放当年部分。",
                "amount_rule": AmountRule.FIXED,
                "fixed_amount": Decimal("500000.00"),
                "instalments": 5,
                "reverify": True,
                "notice_days": 5,
                "employer_confirms": True,
                "eligibility": json.dumps({"field": "employer_in_district", "op": "eq", "value": True}),
                "materials": "高层次人才认定证书\n劳动合同\n用人单位推荐意见",
            },
            "",
            "dept_staff\ndept_head\nleader",
            [],
        ),
        (
            {
                "code": TALENT_HOUSING,
                "name": "人才住房配租",
                "name_en": "Talent housing",
                "amount_rule": AmountRule.FIXED,
                "fixed_amount": Decimal("24000.00"),
                "materials": "身份证\n劳动合同",
            },
            "",
            "dept_staff",
            [],
        ),
        (
            {
                "code": HOUSING,
                "name": "人才住房补贴",
                "name_en": "Talent housing subsidy",
                "description": "未享受人才住房配租的人才，按年发放住房补贴，分 3 年发放。",
                "amount_rule": AmountRule.FIXED,
                "fixed_amount": Decimal("36000.00"),
                "instalments": 3,
                "materials": "身份证\n劳动合同\n无房证明",
            },
            "",
            "dept_staff\ndept_head",
            [TALENT_HOUSING],
        ),
        (
            {
                "code": INTERNSHIP,
                "name": "博士硕士实习补贴",
                "name_en": "Internship subsidy for PhD and master students",
                "description": "知名高校博士、硕士研究生来区实习，按月发放实习补贴，最多 6 个月。",
                "amount_rule": AmountRule.MONTHLY,
                "monthly_amount": Decimal("3000.00"),
                "max_months": 6,
                "eligibility": json.dumps({"field": "degree", "op": "in", "value": ["master", "phd"]}),
                "materials": "学生证\n实习协议\n实习单位考勤证明",
            },
            "",
            "dept_staff",
            [],
        ),
    ]
    found = {s.code: s for s in SubsidyScheme.objects.filter(code__in=CODES)}
    for fields, rates, levels, excludes in specs:
        if fields["code"] in found:
            continue
        scheme = SubsidyScheme(department=department, opens_on=year_start, **fields)
        found[scheme.code] = scheme_save(
            actor=head,
            scheme=scheme,
            rates=rates,
            levels=levels,
            excludes=[found[c] for c in excludes if c in found],
        )
    return found


def _degree_for(person: Person, on: dt.date) -> str | None:
    age = age_on(person.birth_date, on)
    if age is None or age < 22:
        return None
    return "bachelor" if age < 30 else "master" if age < 35 else "phd" if age < 40 else None


def seed(ctx: DemoContext) -> None:
    users = {
        u.username: u for u in User.objects.filter(username__in=["talent_staff", "talent_head", "leader"])
    }
    if len(users) < 3:
        ctx.log("subsidies: no talent staff, head or leader; skipped")
        return
    staff, head, leader = users["talent_staff"], users["talent_head"], users["leader"]
    # Filed at the counter by a clerk who decides none of its levels (maker ≠ checker), or imported.
    clerk = users.get("employment_staff")
    today = timezone.localdate()
    schemes = _schemes(head, today)
    citizen = (
        User.objects.filter(role=Role.INDIVIDUAL, person__isnull=False, is_active=True).order_by("id").first()
    )
    company = (
        User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False, is_active=True)
        .order_by("id")
        .first()
    )
    people = list(
        Person.objects.filter(street__isnull=False, birth_date__gt=dt.date(today.year - 39, 1, 1))
        .exclude(pk=getattr(citizen, "person_id", None) or 0)
        .order_by("id")
        .values_list("pk", flat=True)[:400]
    )
    employers = list(
        Enterprise.objects.filter(street__isnull=False).order_by("id").values_list("pk", flat=True)[:200]
    )
    if not people or not employers:
        ctx.log("subsidies: no people or enterprises; skipped")
        return
    deciders = {Role.DEPT_STAFF: staff, Role.DEPT_HEAD: head, Role.LEADER: leader}

    def make(number: int) -> None:
        rng = ctx.case_rng(LINE, number)
        course = COURSES[number % len(COURSES)]
        person = Person.objects.get(pk=people[number % len(people)])
        on = today - dt.timedelta(days=rng.randint(20, 200))
        employer_confirms = course.startswith("employer") or course in (
            "on_notice",
            "objection",
            "objection_upheld",
            "award_approved",
        )
        if employer_confirms:
            scheme = schemes[AWARD]
            employer = company.enterprise if company is not None and course == "employer_waiting" else None
            employer = employer or Enterprise.objects.get(pk=rng.choice(employers))
        else:
            scheme = schemes[rng.choice([LIVING, LIVING, HOUSING, INTERNSHIP])]
            employer = Enterprise.objects.get(pk=rng.choice(employers))
        degree = _degree_for(person, on) or "master"
        if scheme.code == INTERNSHIP:
            degree = rng.choice(["master", "phd"])
        if scheme.code == LIVING and _degree_for(person, on) is None:
            scheme = schemes[HOUSING]
        try:
            counter = clerk is not None and number % 3 != 0
            application = svc.application_submit(
                actor=clerk if counter else None,
                scheme=scheme,
                person=person,
                channel=Channel.COUNTER if counter else Channel.IMPORT,
                employer=employer,
                degree=degree,
                graduated_on=on - dt.timedelta(days=rng.randint(60, 700)),
                months=rng.randint(2, 9) if scheme.code == INTERNSHIP else None,
                bank_name="中国工商银行",
                account_name=person.name,
                account_number=f"6222{rng.randint(10**11, 10**12 - 1)}",
                statement="本人承诺所填信息真实有效。",
                on=on,
            )
        except ValidationError:  # a claim this person already holds: this number makes none
            return
        _course(
            application,
            course,
            deciders=deciders,
            staff=staff,
            head=head,
            company=company,
            on=on,
            today=today,
        )

    ctx.cases(
        LINE,
        APPLICATIONS,
        what="subsidy applications",
        started=lambda: SubsidyApplication.objects.filter(scheme__code__in=CODES).exists(),
    ).run(make)
    if citizen is not None and not SubsidyApplication.objects.filter(person=citizen.person).exists():
        _citizen(citizen, schemes, staff=staff, today=today)


def _company_user(application: SubsidyApplication, company: Any) -> Any:
    if company is not None and company.enterprise_id == application.employer_id:
        return company
    # The demo's enterprise login speaks for one enterprise; the others confirm through a user of theirs.
    employer = application.employer
    assert employer is not None  # the scheme asks the employer to confirm: the application names it
    user = User.objects.filter(role=Role.ENTERPRISE, enterprise=employer).first()
    if user is None:
        user = User.objects.create_user(
            username=f"hr-{employer.uscc.lower()}",
            password=None,
            role=Role.ENTERPRISE,
            full_name=f"{employer.name}人事专员",
            # No password: it cannot sign in; it stands for the employer's confirmation in the demo.
        )
        user.enterprise = employer
        user.save()
    return user


def _approve_all(application: SubsidyApplication, deciders: dict[str, Any], on: dt.date) -> None:
    levels = list(application.scheme.levels.order_by("number"))
    for level in levels[application.levels_approved :]:
        last = level.number == len(levels)
        step = (
            "approve_level"
            if not last
            else ("approve_to_notice" if application.scheme.notice_days else "approve")
        )
        svc.application_approve(
            actor=deciders[level.role],
            application=application,
            opinion="材料齐全，符合条件。",
            step=step,
            on=on,
        )
        application.refresh_from_db()


def _course(
    application: Any, course: str, *, deciders: Any, staff: Any, head: Any, company: Any, on: Any, today: Any
) -> None:
    step_day = min(on + dt.timedelta(days=3), today)
    try:
        if course in ("employer_waiting",):
            return
        if application.scheme.employer_confirms:
            employer_user = _company_user(application, company)
            if course == "employer_declined":
                svc.application_employer_decline(
                    actor=employer_user, application=application, reason="该员工已于上月离职。"
                )
                return
            svc.application_employer_confirm(
                actor=employer_user, application=application, opinion="情况属实。"
            )
            application.refresh_from_db()
        if course == "in_review":
            return
        if course == "level_one":
            if application.scheme.levels.count() > 1:
                svc.application_approve(
                    actor=staff, application=application, opinion="初审通过。", step="approve_level"
                )
            return
        if course in ("supplement", "resubmitted", "withdrawn"):
            svc.application_request_supplement(
                actor=staff, application=application, reason="请补充本区社保缴费证明。"
            )
            return
        if course == "refused":
            svc.application_refuse(
                actor=staff, application=application, reason="学历学位证书与学信网记录不一致。"
            )
            return
        notice_day = today - dt.timedelta(days=2) if course in ("on_notice", "objection") else step_day
        _approve_all(application, deciders, notice_day)
        if course == "objection" or course == "objection_upheld":
            svc.application_record_objection(
                actor=staff,
                application=application,
                objector="匿名来电",
                content="反映申请人实际不在本区工作。",
                received_on=min(notice_day + dt.timedelta(days=1), today),
            )
            application.refresh_from_db()
            if course == "objection_upheld":
                svc.application_answer_objection(
                    actor=head,
                    application=application,
                    objection=application.objections.get(),
                    answer="经核实，申请人社保已转出本区，异议成立。",
                    upheld=True,
                )
            return
        if application.state == "on_notice" and course in ("approved", "award_approved"):
            svc.close_notices(today)
    except (TransitionError, ValidationError):  # a step the data does not allow: the case stays where it is
        return


def _citizen(citizen: Any, schemes: dict[str, SubsidyScheme], *, staff: Any, today: dt.date) -> None:
    """The demo citizen's own applications: one returned for a supplement, one approved, one withdrawn."""
    person = citizen.person
    common = {
        "bank_name": "中国建设银行",
        "account_name": person.name,
        "account_number": "6217000010001234567",
    }
    try:
        withdrawn = svc.application_submit(
            actor=citizen, scheme=schemes[TALENT_HOUSING], person=person, **common
        )
        svc.application_withdraw(actor=citizen, application=withdrawn, reason="已自行购房。")
        returned = svc.application_submit(actor=citizen, scheme=schemes[HOUSING], person=person, **common)
        svc.application_request_supplement(actor=staff, application=returned, reason="请上传无房证明。")
        internship = svc.application_submit(
            actor=citizen, scheme=schemes[INTERNSHIP], person=person, degree="master", months=4, **common
        )
        svc.application_approve(actor=staff, application=internship, opinion="符合条件。", step="approve")
    except (TransitionError, ValidationError):
        return
