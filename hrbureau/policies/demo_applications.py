"""Demo applications and grants, made through the services the pages use: applications for the published
快申快享 items in every state (some asked for a supplement, some paid, refused or withdrawn), and for each
published 免申即享 item last year's grant list confirmed and announced, this year's generated and
waiting for its confirmation.

Items come from the policy library's demo; when there are none yet (this part loaded alone), one item of
each kind is made here, published as the library would publish it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import rules
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies import applications, grants
from hrbureau.policies.choices import ApplicationState, Beneficiary, DeliveryKind, ItemState
from hrbureau.policies.models import GrantList, PolicyApplication, PolicyItem
from hrbureau.policies.rules import ENTERPRISE_SUBJECT

LINE = "policy-applications"
APPLICATIONS = 70
# The course each demo application takes, by its number: every state of the workflow.
COURSES = (
    "submitted",
    "supplement",
    "in_review",
    "approved",
    "paid",
    "paid",
    "refused",
    "withdrawn",
    "resubmitted",
)
GUIDE = {
    "guide_materials": "营业执照复印件；社保缴费证明；申请表（加盖公章）",
    "guide_steps": "1. 在企业服务平台在线申请并上传材料；2. 主管科室审核；3. 审核通过后拨付至企业对公账户",
    "guide_where": "区人力资源和社会保障局政务服务窗口（工作日 9:00–17:00）",
    "guide_contact": "0755-12333",
}


def _staff() -> tuple[Any, Any] | None:
    for department in ("employment", "labour_relations", "talent"):
        users = User.objects.filter(org_unit__code=department, is_active=True).order_by("id")
        staff = users.filter(role=Role.DEPT_STAFF).first()
        head = users.filter(role=Role.DEPT_HEAD).first()
        if staff is not None and head is not None:
            return staff, head
    return None


def _items(staff: Any) -> tuple[list[PolicyItem], list[PolicyItem]]:
    published = PolicyItem.objects.filter(state=ItemState.PUBLISHED, beneficiary=Beneficiary.ENTERPRISE)
    if not PolicyItem.objects.exists():
        today = timezone.localdate()
        common = {"state": ItemState.PUBLISHED, "published_on": today, "department": staff.org_unit, **GUIDE}
        PolicyItem.objects.create(
            number="DEMO-A-001",
            title="小微企业吸纳就业社保补贴",
            benefit="按新招用人数给予一次性社保补贴。",
            kind=DeliveryKind.APPLY,
            amount_rule="per_employee",
            amount=Decimal("1000"),
            amount_cap=Decimal("50000"),
            approval_levels=2,
            **common,
        )
        PolicyItem.objects.create(
            number="DEMO-E-001",
            title="稳岗返还（免申即享）",
            benefit="上年度未裁员或裁员率低于标准的企业，按上年度缴纳失业保险费的一定比例返还。",
            kind=DeliveryKind.EXEMPT,
            amount_rule="per_employee",
            amount=Decimal("300"),
            amount_cap=Decimal("200000"),
            eligibility={"field": "employees", "op": "gte", "value": 1},
            **common,
        )
    apply = list(published.filter(kind=DeliveryKind.APPLY).order_by("number")[:6])
    exempt = list(published.filter(kind=DeliveryKind.EXEMPT).order_by("number")[:3])
    return apply, exempt


def seed(ctx: DemoContext) -> None:
    found = _staff()
    if found is None:
        ctx.log("policy applications: no department staff and head; skipped")
        return
    staff, head = found
    apply_items, exempt_items = _items(staff)
    if not apply_items and not exempt_items:
        return
    qualifying: dict[int, list[int]] = {}
    for item in apply_items:
        condition = rules.validate(ENTERPRISE_SUBJECT, item.eligibility or {"all": []})
        qualifying[item.pk] = list(
            rules.matching(ENTERPRISE_SUBJECT, condition, Enterprise.objects.all())
            .order_by("pk")
            .values_list("pk", flat=True)[:2000]
        )
    owners = {
        u.enterprise_id: u
        for u in User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False, is_active=True)
    }
    today = timezone.localdate()

    def make(number: int) -> None:
        rng = ctx.case_rng(LINE, number)
        items = [i for i in apply_items if qualifying.get(i.pk)]
        if not items:
            return
        item = rng.choice(items)
        course = COURSES[number % len(COURSES)]
        # A withdrawal is the applicant's own act: the demo's enterprise logins withdraw theirs.
        pool = (
            [pk for pk in qualifying[item.pk] if pk in owners]
            if course == "withdrawn"
            else qualifying[item.pk]
        )
        if not pool:
            course, pool = "refused", qualifying[item.pk]
        enterprise = Enterprise.objects.get(pk=rng.choice(pool))
        owner = owners.get(enterprise.pk)
        on = today - dt.timedelta(days=rng.randint(5, 120))
        try:
            application = applications.application_submit(
                actor=owner,
                item=item,
                enterprise=enterprise,
                statement="按办事指南申请，材料已上传。",
                amount_requested=item.amount_for(employees=enterprise.employees),
                on=on,
            )
        except ValidationError:  # already applied or granted this period: this number makes none
            return
        _course(application, course, staff=staff, head=head, owner=owner, on=on, today=today, rng=rng)

    ctx.cases(LINE, APPLICATIONS, what="policy applications", started=PolicyApplication.objects.exists).run(
        make
    )
    for item in exempt_items:
        _grant_lists(ctx, item, staff=staff, head=head, today=today)


def _course(
    application: Any, course: str, *, staff: Any, head: Any, owner: Any, on: Any, today: Any, rng: Any
) -> None:
    step = on + dt.timedelta(days=rng.randint(1, 3))
    if course == "submitted":
        return
    if course in ("supplement", "resubmitted"):
        applications.application_request_supplement(
            actor=staff, application=application, reason="请补充近三个月社保缴费明细。", on=min(step, today)
        )
        if course == "supplement":
            return
        applications.application_resubmit(
            actor=staff,
            application=application,
            statement="窗口补交社保缴费明细。",
            at_counter=True,
            on=min(step + dt.timedelta(days=3), today),
        )
        return
    if course == "withdrawn":
        applications.application_withdraw(actor=owner, application=application, reason="企业决定暂不申请。")
        return
    applications.application_start_review(actor=staff, application=application)
    if course == "refused":
        applications.application_refuse(
            actor=staff, application=application, reason="申报人数与社保缴费记录不符。"
        )
        return
    if course == "in_review":
        return
    levels = application.item.approval_levels
    for level in range(1, levels + 1):
        reviewer = staff if level == 1 else head
        applications.application_approve(
            actor=reviewer, application=application, opinion="材料齐全，符合条件。", final=level == levels
        )
        if level >= 2 and levels > 2:
            break  # a third level needs a second head: left in review
    if course == "approved" or application.state != ApplicationState.APPROVED:
        return
    amount = application.amount_approved or application.amount_requested or Decimal("1000")
    applications.application_pay(
        actor=staff,
        application=application,
        amount=amount,
        reference=f"GK{application.number[-6:]}",
        paid_on=min(on + dt.timedelta(days=rng.randint(10, 60)), today),
    )


def _grant_lists(ctx: DemoContext, item: PolicyItem, *, staff: Any, head: Any, today: dt.date) -> None:
    if GrantList.objects.filter(item=item).exists():
        return
    last_year = grants.grantlist_generate(
        actor=staff, item=item, year=today.year - 1, on=today - dt.timedelta(days=30)
    )
    entry = last_year.entries.order_by("id").first()
    if entry is not None:
        grants.grantlist_strike(
            actor=staff, grant_list=last_year, entry=entry, reason="企业已注销，不予发放。"
        )
    grants.grantlist_confirm(actor=head, grant_list=last_year, on=today - dt.timedelta(days=20))
    grants.grantlist_announce(actor=head, grant_list=last_year, on=today - dt.timedelta(days=15))
    grants.grantlist_generate(actor=staff, item=item, year=today.year, on=today)
    ctx.count("grant lists", 2)
