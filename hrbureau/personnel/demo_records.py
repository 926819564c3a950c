"""Demo personnel records, made through the services the pages use:

* 三龄一历: staff of non-district-managed units (some found in the people registry) with requests in
  every state — submitted, returned, reviewed, certified (some items corrected), refused — and one staff
  member certified twice (the first record superseded, kept);
* grade promotion: four grades of street management staff with their rules, ~50 street staff with
  grades and appraisal histories (a realistic eligible list this year), one promotion in effect, one
  approved, one proposed and one rejected;
* emergency duty: the seed's deployment — 120 party members sent to four streets, the district's
  prevention command, the airport and two quarantine hotels, in the waves of "01·31", "03·09" and
  "05·09".

Idempotent: the whole part is made in one transaction, once (the grades' codes mark it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.demo import DemoContext
from hrbureau.core.identifiers import generate_resident_id
from hrbureau.personnel import emergency, promotion, records
from hrbureau.personnel.records_choices import CertifiedItem, LowerResult, Outcome
from hrbureau.personnel.records_models import EmergencyPlan, PromotionRule, StaffGrade, StaffMember

GRADES = (
    ("JD-1", "一级科员", 1),
    ("JD-2", "四级主任科员", 2),
    ("JD-3", "三级主任科员", 3),
    ("JD-4", "二级主任科员", 4),
)
# (into grade, years, lowest result, excellent appraisals, a lower year)
RULES = (
    ("JD-2", 4, "competent", 0, LowerResult.BLOCK),
    ("JD-2", 3, "competent", 2, LowerResult.RESET),
    ("JD-3", 3, "competent", 0, LowerResult.BLOCK),
    ("JD-4", 3, "competent", 1, LowerResult.RESET),
)
UNITS = (
    "区税务局",
    "区公安分局",
    "区人民法院",
    "区人民检察院",
    "区市场监管局",
    "区规划和自然资源局",
    "区气象局",
)
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
)
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "军",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
    "桂英",
    "志强",
    "晓东",
    "建华",
    "丽娟",
    "海燕",
    "文博",
)
SCHOOLS = ("中山大学", "华南理工大学", "暨南大学", "深圳大学", "华南师范大学", "广东工业大学", "武汉大学")
PARTY_MEMBERS = 120


def _users() -> tuple[Any, Any] | None:
    for department in ("talent", "office", "labour_relations", "employment"):
        users = User.objects.filter(org_unit__code=department, is_active=True).order_by("id")
        staff, head = users.filter(role=Role.DEPT_STAFF).first(), users.filter(role=Role.DEPT_HEAD).first()
        if staff is not None and head is not None:
            return staff, head
    return None


def _name(rng: Any) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def _staff(
    rng: Any, *, birth: dt.date, unit: str, street: Any = None, post: str = "", party: bool = False
) -> StaffMember:
    id_number = generate_resident_id(rng, address="440305", birth_date=birth, male=rng.random() < 0.55)
    return records.staff_save(
        actor=None,
        name=_name(rng),
        id_number=id_number,
        unit_name=unit,
        post=post,
        street=street,
        party_member=party,
    )


def seed(ctx: DemoContext) -> None:
    if StaffGrade.objects.filter(code=GRADES[0][0]).exists():
        ctx.log("personnel records: already made")
        return
    found = _users()
    if found is None:
        ctx.log("personnel records: no department staff and head; skipped")
        return
    staff_user, head = found
    streets = list(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).order_by("path"))
    with transaction.atomic():
        _certifications(ctx, staff_user, head)
        _promotions(ctx, staff_user, head, streets)
        _emergency(ctx, staff_user, streets)


ALL_CONFIRMED = {
    item: {"outcome": Outcome.CONFIRMED, "reason": "与人事档案记载一致"} for item in CertifiedItem.values
}
# The course of each demo request, by its number: every state, and corrections.
COURSES = (
    "submitted",
    "submitted",
    "returned",
    "reviewed",
    "reviewed",
    "certified",
    "certified",
    "corrected",
    "corrected",
    "refused",
    "resubmitted",
    "twice",
)


def _certifications(ctx: DemoContext, staff_user: Any, head: Any) -> None:
    from hrbureau.people.models import Person

    rng = ctx.rng("personnel-certifications")
    today = timezone.localdate()
    registry = list(Person.objects.filter(birth_date__year__range=(1970, 1995)).order_by("id")[:6])
    for number, course in enumerate(COURSES):
        unit = UNITS[number % len(UNITS)]
        person = registry[number] if number < len(registry) else None
        if person is not None:  # half the staff are found in the people registry
            staff = records.staff_save(
                actor=None, name=person.name, id_number=person.id_number, unit_name=unit, post="科员"
            )
            birth = person.birth_date
        else:
            birth = dt.date(rng.randint(1968, 1994), rng.randint(1, 12), rng.randint(1, 28))
            staff = _staff(rng, birth=birth, unit=unit, post="科员")
        work_start = dt.date(birth.year + 22, 7, 1)
        party = (
            dt.date(birth.year + rng.randint(21, 30), rng.choice((1, 6, 7)), 1)
            if rng.random() < 0.7
            else None
        )
        school = rng.choice(SCHOOLS)
        submitted = today - dt.timedelta(days=5 + 3 * (len(COURSES) - number))
        for round_ in range(2 if course == "twice" else 1):
            request = records.certification_submit(
                actor=staff_user,
                staff=staff,
                requesting_unit=unit,
                claimed_birth_date=birth,
                claimed_work_start=work_start,
                claimed_party_joined=party,
                education=[
                    {
                        "school": school,
                        "degree": "bachelor",
                        "started_on": dt.date(birth.year + 18, 9, 1),
                        "ended_on": dt.date(birth.year + 22, 6, 30),
                    }
                ],
                on=submitted - dt.timedelta(days=200 * (1 - round_)) if course == "twice" else submitted,
            )
            if course in ("submitted",):
                continue
            if course in ("returned", "resubmitted"):
                records.certification_return(
                    actor=staff_user, request=request, reason="缺少学历学位证书复印件及学信网认证报告"
                )
                if course == "resubmitted":
                    records.certification_resubmit(actor=staff_user, request=request)
                continue
            if course == "refused":
                records.certification_refuse(
                    actor=head, request=request, reason="该人员不属于非区管政府线职员，不在认定范围"
                )
                continue
            records.certification_review(actor=staff_user, request=request, findings=ALL_CONFIRMED)
            if course == "reviewed":
                continue
            findings = dict(ALL_CONFIRMED)
            if course == "corrected" or (course == "twice" and round_ == 1):
                findings["work_start"] = {
                    "outcome": Outcome.CORRECTED,
                    "value": dt.date(birth.year + 22, 9, 1).isoformat(),
                    "reason": "以首份劳动合同及工资发放记录为准",
                }
            records.certification_decide(
                actor=head, request=request, findings=findings, on=request.submitted_on + dt.timedelta(days=3)
            )
        ctx.count("三龄一历 certification requests", 2 if course == "twice" else 1)


def _promotions(ctx: DemoContext, staff_user: Any, head: Any, streets: list[Any]) -> None:
    rng = ctx.rng("personnel-promotions")
    year = timezone.localdate().year
    grades = {
        code: StaffGrade.objects.create(code=code, name=name, order=order) for code, name, order in GRADES
    }
    for code, years, lowest, excellent, lower in RULES:
        PromotionRule.objects.create(
            grade=grades[code],
            years_required=years,
            lowest_result=lowest,
            excellent_required=excellent,
            lower_result=lower,
        )
    members = []
    for n in range(50):
        street = streets[n % len(streets)] if streets else None
        birth = dt.date(rng.randint(1975, 1996), rng.randint(1, 12), rng.randint(1, 28))
        staff = _staff(
            rng,
            birth=birth,
            unit=f"{street.name if street else '示范区'}综合管理办公室",
            street=street,
            post="街道管理岗位职员",
        )
        grade = grades[rng.choice(("JD-1", "JD-1", "JD-1", "JD-2", "JD-2", "JD-3"))]
        since = dt.date(year - rng.randint(1, 7), rng.choice((1, 7)), 1)
        promotion.grade_set(actor=None, staff=staff, grade=grade, since=since)
        for y in range(since.year - 2, year):
            roll = rng.random()
            result = "excellent" if roll < 0.2 else "basic" if roll > 0.93 else "competent"
            promotion.appraisal_record(actor=None, staff=staff, year=y, result=result)
        members.append(staff)
    ctx.count("street management staff", len(members))
    eligible = promotion.eligible_staff(year=year)
    # Last year's promotion, in effect; this year's: approved, proposed and rejected — the rest stay on
    # the eligible list.
    for found, course in zip(eligible, ("effective", "approved", "proposed", "rejected"), strict=False):
        decision = promotion.promotion_propose(actor=staff_user, staff=found.staff, year=year)
        if course == "rejected":
            promotion.promotion_reject(
                actor=head, decision=decision, reason="本年度晋升职数已满，列入下一批次"
            )
        elif course in ("effective", "approved"):
            effective = (
                timezone.localdate() - dt.timedelta(days=10)
                if course == "effective"
                else dt.date(year + 1, 1, 1)
            )
            promotion.promotion_approve(
                actor=head, decision=decision, effective_on=effective, reason="经局党组会研究同意"
            )
            if course == "effective":
                promotion.promotion_take_effect(actor=staff_user, decision=decision, on=effective)
        ctx.count("grade promotions", 1)


# The seed's deployment: 120 party members to four streets, the district's prevention command, the
# airport and quarantine hotels, in the waves of "01·31", "03·09" and "05·09".
WAVES = ((dt.date(2022, 1, 31), 21), (dt.date(2022, 3, 9), 28), (dt.date(2022, 5, 9), 14))
SITES = (
    ("other", "区疫情防控指挥办"),
    ("airport", "宝安国际机场"),
    ("hotel", "隔离酒店（一号）"),
    ("hotel", "隔离酒店（二号）"),
)
DEPARTMENTS = (
    "区人力资源局办公室",
    "人才服务科",
    "就业促进科",
    "劳动关系科",
    "劳动人事争议仲裁院",
    "信访办",
    "人力资源市场监管科",
)


def _emergency(ctx: DemoContext, staff_user: Any, streets: list[Any]) -> None:
    rng = ctx.rng("personnel-emergency")
    plan = emergency.plan_create(
        actor=staff_user,
        title="关于选派党员干部下沉一线参加疫情防控工作的通知",
        number="示人社〔2022〕8号",
        issued_on=dt.date(2022, 1, 30),
        summary="组成党员志愿先锋队，第一时间选派党员干部分赴4个街道，以及防控指挥办、机场、隔离酒店等战线参加疫情防控工作。",
    )
    posts = [
        emergency.post_add(
            actor=None, plan=plan, kind="street", street=s, duty="社区卡口值守、核酸检测秩序维护"
        )
        for s in streets[:4]
    ]
    posts += [
        emergency.post_add(actor=None, plan=plan, kind=kind, name=name, duty="综合协调与值守")
        for kind, name in SITES
    ]
    for n in range(PARTY_MEMBERS):
        birth = dt.date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28))
        member = _staff(rng, birth=birth, unit=DEPARTMENTS[n % len(DEPARTMENTS)], post="党员干部", party=True)
        start, length = WAVES[n % len(WAVES)]
        post = posts[n % len(posts)]
        first_end = start + dt.timedelta(days=length - 1)
        emergency.deployment_add(actor=None, post=post, staff=member, starts_on=start, ends_on=first_end)
        if n % 5 == 0:  # some went back for a second tour at another post, after a rest
            second = start + dt.timedelta(days=length + 7)
            emergency.deployment_add(
                actor=None,
                post=posts[(n + 3) % len(posts)],
                staff=member,
                starts_on=second,
                ends_on=second + dt.timedelta(days=13),
            )
    ctx.count("emergency plans", EmergencyPlan.objects.filter(pk=plan.pk).count())
    ctx.count("party members deployed", PARTY_MEMBERS)
