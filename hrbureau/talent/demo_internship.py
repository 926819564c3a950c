"""Demo internship subsidy: three bases (the first at the demo enterprise login's enterprise, so its
portal page has interns), interns in every state, months claimed — one paid below 80 % of the minimum
wage, the others approved into due instalments. Made once: a second run finds the bases and adds
nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import references
from hrbureau.core.demo import DemoContext
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent import internship as service
from hrbureau.talent.internship_choices import BaseLevel, BaseState
from hrbureau.talent.models import Internship, InternshipBase

POSTS = ("行政文员", "电商运营助理", "机械制图员", "会计助理", "软件测试员")


def _months_back(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def seed(ctx: DemoContext) -> None:
    if InternshipBase.objects.exists():
        ctx.log("internships: already made")
        return
    staff = User.objects.filter(role=Role.DEPT_STAFF, is_active=True).order_by("pk").first()
    if staff is None:
        ctx.log("internships: no department staff; skipped")
        return
    today = timezone.localdate()
    start = _months_back(today, 5)
    try:
        references.value(service.MINIMUM_WAGE, start)
    except references.ReferenceMissing:
        ctx.log("internships: no minimum wage in force; skipped")
        return
    owner = User.objects.filter(role=Role.ENTERPRISE, enterprise__isnull=False).order_by("pk").first()
    enterprises = list(Enterprise.objects.order_by("pk")[:3])
    if owner is not None and owner.enterprise is not None and owner.enterprise not in enterprises:
        enterprises = [owner.enterprise, *enterprises[:2]]
    if not enterprises:
        return
    bases = []
    for n, enterprise in enumerate(enterprises):
        base = InternshipBase(
            enterprise=enterprise,
            level=(BaseLevel.CITY, BaseLevel.DISTRICT, BaseLevel.PROVINCE)[n % 3],
            approved_on=today - dt.timedelta(days=400 + 30 * n),
            posts="\n".join(POSTS[n : n + 3]),
            places=10 + 5 * n,
            contact=f"人事部 0755-8888000{n}",
            state=BaseState.SUSPENDED if n == 2 else BaseState.ACTIVE,
        )
        bases.append(service.base_save(actor=staff, base=base))
    youth = list(
        Person.objects.filter(
            birth_date__gt=_years_ago(start, 24), birth_date__lte=_years_ago(start, 18)
        ).order_by("pk")[:8]
    )
    if len(youth) < 6:
        ctx.log("internships: too few young people in the demo; bases only")
        return
    made = []

    def register(person: Any, base: InternshipBase, post: str, graduated_on: dt.date) -> Internship:
        case = service.internship_register(
            actor=staff,
            person=person,
            base=base,
            post=post,
            starts_on=start,
            ends_on=_months_back(start, -6) - dt.timedelta(days=1),
            graduated_on=graduated_on,
        )
        made.append(case)
        return case

    recent = start - dt.timedelta(days=120)
    first, second = bases[0], bases[1]
    running = [register(youth[i], first if i < 2 else second, POSTS[i], recent) for i in range(3)]
    for case in running:
        service.internship_approve(actor=staff, internship=case)
    # Months claimed: the first intern's three months approved, the second's third month paid below 80 %.
    for month_index in range(3):
        month = _months_back(start, -month_index)
        wage = service.minimum_wage_of(month)
        row = service.month_record(
            actor=staff, internship=running[0], month=month, paid=wage + Decimal("300")
        )
        service.month_approve(actor=staff, month=row)
        low = month_index == 2
        paid = (wage * Decimal("0.7")).quantize(Decimal("1")) if low else wage
        service.month_record(actor=staff, internship=running[1], month=month, paid=paid)
    ended = running[2]
    from hrbureau.core.workflow import transition

    transition(ended, "end", actor=staff, reason="见习人员提前被本单位正式录用")
    register(youth[3], first, POSTS[3], recent)  # registered, waiting for the department
    register(youth[4], second, POSTS[4], start - dt.timedelta(days=365 * 3))  # refused: graduated 3 years ago
    withdrawn = register(youth[5], first, POSTS[0], recent)
    transition(withdrawn, "withdraw", actor=staff, reason="本人放弃见习")
    ctx.count("internship bases", len(bases))
    ctx.count("internships", len(made))
    ctx.log(f"internships: {len(bases)} bases, {len(made)} internships")


def _years_ago(day: dt.date, years: int) -> dt.date:
    return service.years_after(day, -years)
