"""The internship subsidy (就业见习补贴, DOMAIN.md §5) [local, configurable]: who may be an intern, what a
month pays, and the writes — registering an internship, the base's monthly claims and their approval,
which makes the month an instalment of the internship's subsidy application (paid through the
disbursement batches).

- An intern is a graduate within 2 years of graduating, or a registered-unemployed person aged 16–24,
  both judged on the internship's start day.
- The base must pay its intern at least 80 % of the minimum wage; the subsidy per person-month is then
  min(minimum wage, amount paid), else nothing.
- The minimum wage is the one in force in the month (on its first day), read through
  ``core.references`` from the table the arbitration line keeps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import counters, references
from hrbureau.core.money import FEN
from hrbureau.core.workflow import create_case, transition
from hrbureau.people.choices import EmploymentStatus
from hrbureau.talent.choices import AmountRule, ApplicationState, Channel, InstalmentState, Payee
from hrbureau.talent.internship_choices import BaseState, InternGround, InternshipState, MonthState
from hrbureau.talent.models import (
    LIVE_APPLICATION,
    Instalment,
    Internship,
    InternshipBase,
    InternshipMonth,
    SubsidyApplication,
    SubsidyScheme,
)

GRADUATE_YEARS = 2  # graduates within 2 years of graduating
YOUTH_AGES = (16, 24)  # registered unemployed, aged 16 to 24 inclusive
PAY_SHARE = Decimal("0.8")  # the base pays at least 80 % of the minimum wage
DEFAULT_MAX_MONTHS = 12  # the scheme's "months at most" overrides it
SCHEME_CODE = "internship"
MINIMUM_WAGE = "minimum_wage"  # the reference value (core.references)
CLOSED = {InternshipState.REFUSED, InternshipState.WITHDRAWN}


# --- the rules ------------------------------------------------------------------------------------------


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February → 28 February in a common year)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years of age on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


@dataclass(frozen=True)
class Eligibility:
    ground: str  # an InternGround, or "" when refused
    reason: str  # why refused, "" when eligible

    @property
    def eligible(self) -> bool:
        return bool(self.ground)


def eligibility(*, person: Any, starts_on: dt.date, graduated_on: dt.date | None) -> Eligibility:
    """Whether ``person`` may be an intern on ``starts_on``: a graduate within 2 years of
    ``graduated_on``, or registered unemployed aged 16–24 that day."""
    if graduated_on is not None and graduated_on <= starts_on <= years_after(graduated_on, GRADUATE_YEARS):
        return Eligibility(InternGround.GRADUATE, "")
    age = age_on(person.birth_date, starts_on)
    low, high = YOUTH_AGES
    unemployed = person.employment_status == EmploymentStatus.UNEMPLOYED
    if unemployed and low <= age <= high:
        return Eligibility(InternGround.UNEMPLOYED_YOUTH, "")
    reasons = []
    if graduated_on is None:
        reasons.append(_("no graduation date is given"))
    elif graduated_on > starts_on:
        reasons.append(_("the internship starts before graduation"))
    else:
        reasons.append(_("graduated more than %(years)d years before the start") % {"years": GRADUATE_YEARS})
    if not unemployed:
        reasons.append(_("not registered unemployed"))
    else:
        reasons.append(
            _("aged %(age)d on the start day, not %(low)d–%(high)d") % {"age": age, "low": low, "high": high}
        )
    return Eligibility("", _("Not eligible: %(reasons)s.") % {"reasons": "; ".join(reasons)})


def month_floor(minimum_wage: Decimal) -> Decimal:
    """The least a base may pay for its month to count: 80 % of the minimum wage."""
    return minimum_wage * PAY_SHARE


def month_subsidy(paid: Decimal, minimum_wage: Decimal) -> Decimal:
    """The subsidy for one person-month, to the fen: min(minimum wage, paid) when the base paid at least
    80 % of the minimum wage, else nothing."""
    if paid < month_floor(minimum_wage):
        return Decimal("0.00")
    return min(minimum_wage, paid).quantize(FEN, rounding=ROUND_HALF_UP)


def month_zero_reason(paid: Decimal, minimum_wage: Decimal) -> str:
    """Why the month pays nothing ("" when it pays)."""
    if paid >= month_floor(minimum_wage):
        return ""
    return _("Paid %(paid)s yuan, below 80 %% of the minimum wage (%(floor)s of %(wage)s yuan).") % {
        "paid": paid,
        "floor": month_floor(minimum_wage).quantize(FEN, rounding=ROUND_HALF_UP),
        "wage": minimum_wage,
    }


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def parse_month(value: Any) -> dt.date | None:
    """A month as offices write it: a date, 2026-03, 2026/3, 202603, 2026年3月."""
    if isinstance(value, dt.datetime):
        return value.date().replace(day=1)
    if isinstance(value, dt.date):
        return value.replace(day=1)
    text = str(value or "").strip().replace("年", "-").replace("月", "").replace("/", "-").replace(".", "-")
    if text.isdigit() and len(text) == 6:
        text = f"{text[:4]}-{text[4:]}"
    parts = [p for p in text.split("-") if p]
    if len(parts) < 2 or not all(p.isdigit() for p in parts[:2]):
        return None
    try:
        return dt.date(int(parts[0]), int(parts[1]), 1)
    except ValueError:
        return None


def minimum_wage_of(month: dt.date) -> Decimal:
    """The minimum wage in force in ``month`` (on its first day)."""
    return Decimal(references.value(MINIMUM_WAGE, first_of_month(month)))


# --- configuration -------------------------------------------------------------------------------------


def internship_scheme() -> SubsidyScheme:
    """The internship subsidy's scheme (paid to the employer, per person-month); made on first use."""
    scheme, _created = SubsidyScheme.objects.get_or_create(
        code=SCHEME_CODE,
        defaults={
            "name": "就业见习补贴",
            "name_en": "Internship subsidy",
            "amount_rule": AmountRule.INTERNSHIP,
            "payee": Payee.EMPLOYER,
            "max_months": DEFAULT_MAX_MONTHS,
            "employer_confirms": True,
        },
    )
    return scheme


def max_months() -> int:
    return internship_scheme().max_months or DEFAULT_MAX_MONTHS


def months_between(start: dt.date, end: dt.date) -> int:
    """The calendar months an internship from ``start`` to ``end`` touches."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


# --- bases ---------------------------------------------------------------------------------------------


def base_save(*, actor: Any, base: InternshipBase) -> InternshipBase:
    """Create or update a base (the department keeps them); the street follows the enterprise's."""
    if not actor.has_perm("talent.manage_internship"):
        raise PermissionDenied("talent.manage_internship")
    base.street_id = base.enterprise.street_id
    base.full_clean()
    base.save()
    return base


# --- internships ---------------------------------------------------------------------------------------


def internship_register(
    *,
    actor: Any,
    person: Any,
    base: InternshipBase,
    post: str,
    starts_on: dt.date,
    ends_on: dt.date,
    graduated_on: dt.date | None = None,
) -> Internship:
    """Register an internship. Eligibility is checked on the start day: an intern who does not qualify
    is registered and refused at once, with the reason, so the refusal is on record."""
    if not actor.has_perm("talent.manage_internship"):
        raise PermissionDenied("talent.manage_internship")
    errors: dict[str, list[str]] = {}
    if base.state != BaseState.ACTIVE:
        errors.setdefault("base", []).append(_("This base is suspended and takes no new interns."))
    if ends_on < starts_on:
        errors.setdefault("ends_on", []).append(_("The end cannot be before the start."))
    elif months_between(starts_on, ends_on) > max_months():
        errors.setdefault("ends_on", []).append(
            _("An internship lasts %(months)d months at most.") % {"months": max_months()}
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        found = eligibility(person=person, starts_on=starts_on, graduated_on=graduated_on)
        held = Internship.objects.filter(person=person).exclude(state__in=CLOSED).first()
        internship = Internship(
            number=f"JX{starts_on.year}{counters.next_value(f'internship-{starts_on.year}'):05d}",
            person=person,
            base=base,
            employer_id=base.enterprise_id,
            street_id=base.street_id,
            post=post,
            starts_on=starts_on,
            ends_on=ends_on,
            graduated_on=graduated_on,
            ground=found.ground,
            registered_by=actor,
        )
        create_case(internship, actor=actor, data={"ground": found.ground})
        reason = found.reason
        if not reason and held is not None:
            reason = _("Not eligible: the person already has internship %(number)s.") % {
                "number": held.number
            }
        if reason:
            internship.refusal_reason = reason
            internship.save(update_fields=["refusal_reason"])
            transition(internship, "refuse", actor=actor, reason=reason)
    return internship


def internship_approve(*, actor: Any, internship: Internship, reason: str = "") -> Internship:
    """Approve an internship: its subsidy application (one per internship, the counter's channel) is
    opened approved, so that each approved month becomes one of its instalments."""
    with transaction.atomic():
        found = eligibility(
            person=internship.person, starts_on=internship.starts_on, graduated_on=internship.graduated_on
        )
        if not found.eligible:
            raise ValidationError(found.reason)
        today = timezone.localdate()
        scheme = internship_scheme()
        if SubsidyApplication.objects.filter(
            LIVE_APPLICATION, scheme=scheme, person=internship.person
        ).exists():
            raise ValidationError(_("This person already holds the internship subsidy."))
        application = SubsidyApplication.objects.create(
            number=f"SA{today.year}{counters.next_value(f'subsidy-application-{today.year}'):06d}",
            scheme=scheme,
            person=internship.person,
            employer_id=internship.employer_id,
            street_id=internship.street_id,
            channel=Channel.COUNTER,
            graduated_on=internship.graduated_on,
            months=0,
            amount=Decimal("0.00"),
            approved_on=today,
            filed_by=actor,
            state=ApplicationState.APPROVED,
        )
        transition(
            internship, "approve", actor=actor, reason=reason, fields={"application_id": application.pk}
        )
    return internship


# --- monthly claims ------------------------------------------------------------------------------------


def claimable(internship: Internship) -> bool:
    return internship.state in (InternshipState.APPROVED, InternshipState.ENDED)


def month_record(*, actor: Any, internship: Internship, month: dt.date, paid: Decimal) -> InternshipMonth:
    """Record what the base paid its intern in ``month`` (the base on the portal, or the department),
    with the minimum wage in force that month and the subsidy it gives. A month already approved is
    never changed; one only recorded is corrected."""
    if not actor.has_perm("talent.record_internship_month"):
        raise PermissionDenied("talent.record_internship_month")
    if not Internship.objects.for_user(actor).filter(pk=internship.pk).exists():
        raise PermissionDenied("internship outside the actor's scope")
    month = first_of_month(month)
    errors: dict[str, list[str]] = {}
    if not claimable(internship):
        errors.setdefault("month", []).append(_("Only an approved internship's months are claimed."))
    elif not first_of_month(internship.starts_on) <= month <= first_of_month(internship.ends_on):
        errors.setdefault("month", []).append(
            _("%(month)s is outside the internship (%(start)s to %(end)s).")
            % {"month": month.strftime("%Y-%m"), "start": internship.starts_on, "end": internship.ends_on}
        )
    elif month > first_of_month(timezone.localdate()):
        errors.setdefault("month", []).append(_("A month is claimed once it has begun."))
    if paid < 0:
        errors.setdefault("paid", []).append(_("The amount paid cannot be negative."))
    if errors:
        raise ValidationError(errors)
    wage = minimum_wage_of(month)
    with transaction.atomic():
        row = InternshipMonth.objects.select_for_update().filter(internship=internship, month=month).first()
        if row is not None and row.state != MonthState.RECORDED:
            raise ValidationError({"month": [_("This month's claim is already approved.")]})
        row = row or InternshipMonth(internship=internship, month=month)
        row.paid = paid.quantize(FEN, rounding=ROUND_HALF_UP)
        row.minimum_wage = wage
        row.subsidy = month_subsidy(row.paid, wage)
        row.zero_reason = month_zero_reason(row.paid, wage)
        row.recorded_by = actor
        row.save()
    return row


def month_approve(*, actor: Any, month: InternshipMonth) -> InternshipMonth:
    """Approve a month's claim: its subsidy becomes payable — a due instalment of the internship's
    application, period "YYYY-MM", which the next disbursement batch pays to the base."""
    if not actor.has_perm("talent.manage_internship"):
        raise PermissionDenied("talent.manage_internship")
    with transaction.atomic():
        month = InternshipMonth.objects.select_for_update().select_related("internship").get(pk=month.pk)
        internship = month.internship
        if month.state != MonthState.RECORDED:
            raise ValidationError(_("This month's claim is already approved."))
        if not claimable(internship) or internship.application_id is None:
            raise ValidationError(_("Only an approved internship's months are paid."))
        if month.subsidy <= 0:
            raise ValidationError(
                _("Nothing is payable for this month: %(reason)s") % {"reason": month.zero_reason}
            )
        application = SubsidyApplication.objects.select_for_update().get(pk=internship.application_id)
        number = (
            application.instalments.order_by("-number").values_list("number", flat=True).first() or 0
        ) + 1
        today = timezone.localdate()
        month.instalment = Instalment.objects.create(
            application=application,
            number=number,
            period=month.period,
            amount=month.subsidy,
            due_on=today,
            state=InstalmentState.DUE,
        )
        month.state = MonthState.APPROVED
        month.approved_by = actor
        month.approved_on = today
        month.save(update_fields=["instalment", "state", "approved_by", "approved_on", "updated_at"])
        application.months = (application.months or 0) + 1
        application.amount = (application.amount or Decimal("0.00")) + month.subsidy
        application.save(update_fields=["months", "amount", "updated_at"])
    return month
