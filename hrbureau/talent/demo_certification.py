"""Demo talent intake and high-level talent certification, made through the services the pages use:
categories A, B and C with their criteria in the rules language; intake applications in every state
(reviewed, approved, registered with the public-security side's number, asked for a supplement and
resubmitted, refused, withdrawn); certifications in every state (waiting, with the experts, reviewed,
certified, refused by the rules or by the head, withdrawn, expired, and a renewal filed within its
window). The demo's citizen has an intake and a certificate of their own on the portal.

Idempotent: the categories are kept by code and each case line continues where it stopped
(``DemoContext.cases``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.demo import DemoContext
from hrbureau.core.workflow import transition
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent import certification as services
from hrbureau.talent.certification_models import Certification, IntakeApplication, TalentCategory

INTAKES, CERTIFICATIONS = 30, 36
INTAKE_COURSES = (
    "submitted",
    "reviewed",
    "approved",
    "registered",
    "registered",
    "supplement",
    "resubmitted",
    "refused",
    "withdrawn",
)
CERTIFICATION_COURSES = (
    "submitted",
    "expert_review",
    "reviewed",
    "certified",
    "certified",
    "unmet",
    "refused",
    "withdrawn",
    "expired",
    "renewal",
    "below_mark",
    "certified",
)
QUALIFICATIONS = {
    "degree": ("工学博士", "理学硕士", "管理学硕士"),
    "title": ("高级工程师", "副主任医师", "高级经济师"),
    "skill": ("高级技师", "技师"),
}

CATEGORIES = (
    {
        "code": "district-a",
        "name": "A类：领军人才",
        "name_en": "A: leading talents",
        "level": "A",
        "description": "国家级奖项获得者或重大人才计划入选者，年薪不低于100万元。",
        "criteria": {
            "all": [
                {"field": "education", "op": "eq", "value": "doctor"},
                {
                    "any": [
                        {"field": "evidence.award", "op": "eq", "value": True},
                        {"field": "evidence.project", "op": "eq", "value": True},
                    ]
                },
                {"field": "annual_salary", "op": "gte", "value": "1000000"},
            ]
        },
        "materials": "学位证书\n获奖证书或人才计划入选文件\n劳动合同\n近一年个税记录",
        "experts_required": 3,
        "pass_mark": Decimal("80.00"),
        "validity_years": 5,
    },
    {
        "code": "district-b",
        "name": "B类：青年拔尖人才",
        "name_en": "B: outstanding young talents",
        "level": "B",
        "description": "45周岁以下的博士或硕士，持有发明专利或高级职称。",
        "criteria": {
            "all": [
                {"field": "education", "op": "in", "value": ["doctor", "master"]},
                {"field": "age", "op": "lt", "value": 45},
                {
                    "any": [
                        {"field": "evidence.patent", "op": "eq", "value": True},
                        {"field": "evidence.title", "op": "eq", "value": True},
                    ]
                },
            ]
        },
        "materials": "学位证书\n发明专利证书或高级职称证书\n劳动合同",
        "experts_required": 3,
        "pass_mark": Decimal("75.00"),
        "validity_years": 3,
    },
    {
        "code": "district-c",
        "name": "C类：骨干人才",
        "name_en": "C: key talents",
        "level": "C",
        "description": "本科以上学历，高级职称，上年度缴纳个人所得税不低于5万元。",
        "criteria": {
            "all": [
                {"field": "education", "op": "in", "value": ["bachelor", "master", "doctor"]},
                {"field": "evidence.title", "op": "eq", "value": True},
                {"field": "annual_tax", "op": "gte", "value": "50000"},
            ]
        },
        "materials": "学历证书\n高级职称证书\n个税完税证明",
        "experts_required": 3,
        "pass_mark": Decimal("70.00"),
        "validity_years": 3,
    },
)


def _categories() -> dict[str, TalentCategory]:
    found: dict[str, TalentCategory] = {}
    for spec in CATEGORIES:
        category, _created = TalentCategory.objects.get_or_create(code=str(spec["code"]), defaults=spec)
        found[str(spec["level"])] = category
    return found


def _people() -> tuple[Any, Any, list[User]] | None:
    users = {
        u.username: u for u in User.objects.filter(is_active=True, role__in=[Role.DEPT_STAFF, Role.DEPT_HEAD])
    }
    staff, head = users.get("talent_staff"), users.get("talent_head")
    panel = [users[n] for n in ("employment_staff", "labour_staff", "petitions_staff") if n in users]
    if staff is None or head is None or len(panel) < 3:
        return None
    return staff, head, panel


def seed(ctx: DemoContext) -> None:
    found = _people()
    if found is None:
        ctx.log(
            "talent certification: the talent department's staff, head and three experts are missing; skipped"
        )
        return
    staff, head, panel = found
    categories = _categories()
    today = timezone.localdate()
    people = list(Person.objects.order_by("id").values_list("pk", flat=True)[:400])
    employers = list(Enterprise.objects.order_by("id").values_list("pk", flat=True)[:200])
    if not people:
        ctx.log("talent certification: no people in the register; skipped")
        return
    citizen = User.objects.filter(role=Role.INDIVIDUAL, person__isnull=False).order_by("id").first()

    def person_for(number: int, line: str) -> Person:
        if number == 0 and citizen is not None and citizen.person is not None:
            return citizen.person
        rng = ctx.case_rng(line, number)
        return Person.objects.get(pk=rng.choice(people))

    def make_intake(number: int) -> None:
        rng = ctx.case_rng("talent-intakes", number)
        person = person_for(number, "talent-intakes")
        basis = rng.choice(list(QUALIFICATIONS))
        on = today - dt.timedelta(days=rng.randint(10, 200))
        try:
            application = services.intake_submit(
                actor=citizen if citizen is not None and citizen.person_id == person.pk else staff,
                person=person,
                basis=basis,
                qualification=rng.choice(QUALIFICATIONS[basis]),
                employer=Enterprise.objects.get(pk=rng.choice(employers)) if employers else None,
                family_members=rng.randint(0, 3),
                statement="申请人才引进入户，材料已上传。",
                on=on,
            )
        except ValidationError:  # the person already has one in progress: this number makes none
            return
        _intake_course(
            application,
            INTAKE_COURSES[number % len(INTAKE_COURSES)],
            staff=staff,
            head=head,
            owner=citizen if citizen is not None and citizen.person_id == person.pk else None,
            on=on,
            today=today,
        )

    ctx.cases(
        "talent-intakes", INTAKES, what="talent intake applications", started=IntakeApplication.objects.exists
    ).run(make_intake)

    def make_certification(number: int) -> None:
        rng = ctx.case_rng("talent-certifications", number)
        course = CERTIFICATION_COURSES[number % len(CERTIFICATION_COURSES)]
        if number == 0:
            course = "certified"
        level = rng.choice("ABC")
        if number == 0 and citizen is not None and citizen.person is not None:
            person = citizen.person
        else:
            found = None
            for option in dict.fromkeys([level, "C", "B", "A"]):  # the drawn level, else one that has someone
                found = _candidate(rng, level=option, fail=course == "unmet", today=today)
                if found is not None:
                    level = option
                    break
            if found is None:  # no one in the register fits this case: this number makes none
                return
            person = found
        on = today - dt.timedelta(days=rng.randint(20, 150))
        if course == "expired":
            on = today - dt.timedelta(days=365 * categories[level].validity_years + rng.randint(30, 200))
        if course == "renewal":
            on = today - dt.timedelta(days=365 * categories[level].validity_years - 30)
        evidence = {
            "A": ["degree", "award", "contract"],
            "B": ["degree", "patent"],
            "C": ["degree", "title", "tax"],
        }
        owner = citizen if citizen is not None and citizen.person_id == person.pk else None
        try:
            certification = services.certification_submit(
                actor=owner or staff,
                person=person,
                category=categories[level],
                employer=Enterprise.objects.get(pk=rng.choice(employers)) if employers else None,
                annual_salary=Decimal("450000" if course == "unmet" else rng.choice(["1200000", "1500000"]))
                if level == "A"
                else Decimal("360000"),
                annual_tax=Decimal(rng.choice(["62000", "85000"])) if level == "C" else Decimal("40000"),
                statement="申请区高层次人才认定。",
                evidence=[(kind, "", None) for kind in evidence[level]],
                on=on,
            )
        except ValidationError:
            return
        _certification_course(
            certification,
            course,
            staff=staff,
            head=head,
            panel=panel,
            owner=owner,
            on=on,
            today=today,
            rng=rng,
        )

    ctx.cases(
        "talent-certifications",
        CERTIFICATIONS,
        what="talent certifications",
        started=Certification.objects.exists,
    ).run(make_certification)
    services.certifications_expire(today)


# Who fits each level's criteria by education (the register's own data: the demo changes no person,
# so the other lines' matching over people is not disturbed).
FITS = {"A": ["doctor"], "B": ["doctor", "master"], "C": ["bachelor", "master", "doctor"]}


def _candidate(rng: Any, *, level: str, fail: bool, today: dt.date) -> Person | None:
    """A person of the register who meets the level's criteria on education and age (or, ``fail``,
    misses them on education)."""
    rows = Person.objects.all()
    if fail:
        rows = rows.exclude(education__in=FITS[level])
    else:
        rows = rows.filter(education__in=FITS[level])
        if level == "B":
            rows = rows.filter(birth_date__gt=today.replace(year=today.year - 44))
    ids = list(rows.order_by("id").values_list("pk", flat=True)[:300])
    return Person.objects.get(pk=rng.choice(ids)) if ids else None


def _intake_course(
    application: Any, course: str, *, staff: Any, head: Any, owner: Any, on: dt.date, today: dt.date
) -> None:
    if course == "submitted":
        return
    if course == "withdrawn":
        if owner is not None:
            transition(application, "withdraw", actor=owner, reason="个人原因，暂不迁入。")
        else:
            transition(application, "withdraw_at_counter", actor=staff, reason="申请人到窗口书面撤回。")
        return
    if course in ("supplement", "resubmitted"):
        services.intake_request_supplement(
            actor=staff, application=application, reason="请补充随迁家属户口簿。"
        )
        if course == "supplement":
            return
        if owner is None:
            transition(application, "refuse", actor=staff, reason="逾期未补正。")
            return
        services.intake_resubmit(actor=owner, application=application, statement="已补充户口簿。")
        return
    if course == "refused":
        transition(application, "refuse", actor=staff, reason="职称不在人才引进目录内。")
        return
    services.intake_review(actor=staff, application=application, opinion="材料齐全，符合条件。")
    if course == "reviewed":
        return
    approved_on = min(on + dt.timedelta(days=5), today)
    services.intake_approve(actor=head, application=application, opinion="同意引进。", on=approved_on)
    if course == "approved":
        return
    services.intake_register(
        actor=staff,
        application=application,
        registration_number=f"公户受〔{approved_on.year}〕{application.pk:05d}号",
        registered_on=min(approved_on + dt.timedelta(days=7), today),
    )


def _certification_course(
    certification: Any,
    course: str,
    *,
    staff: Any,
    head: Any,
    panel: list[Any],
    owner: Any,
    on: dt.date,
    today: dt.date,
    rng: Any,
) -> None:
    if course == "submitted":
        return
    if course == "withdrawn":
        if owner is not None:
            transition(certification, "withdraw", actor=owner, reason="个人原因撤回。")
        else:
            transition(certification, "withdraw_at_counter", actor=staff, reason="申请人到窗口书面撤回。")
        return
    services.certification_send_to_experts(actor=staff, certification=certification, experts=panel)
    certification.refresh_from_db()
    if course == "unmet" or certification.state != "expert_review":
        return
    high = course != "below_mark"
    for index, expert in enumerate(panel):
        if course == "expert_review" and index == len(panel) - 1:
            return
        score = rng.randint(82, 95) if high else rng.randint(50, 68)
        services.certification_score(
            actor=expert,
            certification=certification,
            score=score,
            opinion="业绩突出，符合认定条件。" if high else "业绩支撑不足。",
            on=on,
        )
        certification.refresh_from_db()
    if course == "reviewed":
        return
    decided_on = min(on + dt.timedelta(days=10), today)
    if course in ("refused", "below_mark"):
        services.certification_refuse(
            actor=head,
            certification=certification,
            reason="专家评审意见未达认定标准。" if course == "below_mark" else "用人单位不在本区，不予认定。",
        )
        return
    services.certification_certify(
        actor=head, certification=certification, opinion="同意认定。", on=decided_on
    )
    certification.refresh_from_db()
    if course == "renewal" and certification.valid_until is not None and certification.valid_until >= today:
        with contextlib.suppress(ValidationError):  # a renewal already filed: none more
            services.certification_submit(
                actor=owner or staff,
                person=certification.person,
                category=certification.category,
                employer=certification.employer,
                annual_salary=certification.annual_salary,
                annual_tax=certification.annual_tax,
                statement="认定期满续期申请。",
                evidence=[(e.kind, "", None) for e in certification.evidence.all()],
                renewal_of=certification,
                on=today,
            )
