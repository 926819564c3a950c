"""The law of DOMAIN.md §2 as functions of the data: periods in force, the final-award test per item,
limitation, service dates, the hearing-notice and postponement windows."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from hrbureau.arbitration.choices import (
    FINAL_ALWAYS,
    FINAL_BY_AMOUNT,
    ClaimKind,
    ServiceMethod,
)
from hrbureau.arbitration.choices import TimeLimitKey as K
from hrbureau.arbitration.models import MinimumWage, TimeLimit
from hrbureau.core import calendar
from hrbureau.core.dated import in_force
from hrbureau.core.models import DayKind

CLOCK_ACCEPTANCE = "acceptance"  # decide on acceptance: 5 days from receipt [law Art.29]
CLOCK_TRIBUNAL = "tribunal"  # form the tribunal and tell the parties: 5 days from acceptance
CLOCK_COPY = "respondent_copy"  # the application to the respondent: 5 days from acceptance
CLOCK_DEFENCE = "defence"  # the respondent's defence: 10 days from receiving the copy
CLOCK_AWARD = "award"  # 45 days from acceptance, + at most 15 once [law Art.43]

FINAL_MONTHS = 12  # each final-by-amount item ≤ 12 × the monthly minimum wage [law Art.47(1)]


def limit_in_force(key: str, on: dt.date) -> TimeLimit:
    return in_force(TimeLimit.objects.filter(key=key), on, what=f"arbitration time limit {key!r}")


def minimum_wage_on(day: dt.date) -> MinimumWage:
    return in_force(MinimumWage.objects.all(), day, what="minimum wage")


def final_threshold(award_day: dt.date) -> Decimal:
    """The most one item may award and still be final: 12 × the minimum wage in force that day."""
    return FINAL_MONTHS * minimum_wage_on(award_day).monthly_amount


def claim_is_final(kind: str, awarded: Decimal | None, award_day: dt.date) -> bool:
    """Whether one awarded item is final (终局) — on the amount *awarded*, per item, with the minimum wage
    of the award date (DOMAIN.md §2.4)."""
    if kind in FINAL_ALWAYS:
        return True
    if kind in FINAL_BY_AMOUNT:
        return (awarded or Decimal("0")) <= final_threshold(award_day)
    return False


# --- limitation (DOMAIN.md §2.1) -------------------------------------------------------------------


def one_year_after(start: dt.date) -> dt.date:
    """The last day of a one-year period from ``start``: the same date a year later (the last day of
    February for 29 February), moved to the next working day when it is a rest day."""
    year = start.year + 1
    day = min(start.day, month_calendar.monthrange(year, start.month)[1])
    return calendar.next_working_day(dt.date(year, start.month, day))


def limitation_warning(
    *,
    filed_on: dt.date,
    known_on: dt.date | None,
    employment_ended_on: dt.date | None,
    claim_kinds: list[str],
) -> str:
    """A warning when the one-year limitation looks expired; empty when it does not. It never refuses:
    interruptions and suspensions the clerk does not know of yet may still save the claim."""
    warnings = []
    wage_kinds = {ClaimKind.WAGES, ClaimKind.OVERTIME}
    other_kinds = [k for k in claim_kinds if k not in wage_kinds]
    if any(k in wage_kinds for k in claim_kinds) and employment_ended_on is not None:
        # Unpaid wages are not time-barred while the job lasts; within a year after it ends.
        last = one_year_after(employment_ended_on)
        if filed_on > last:
            warnings.append(
                _(
                    "Wage claims had to be made within one year after the employment ended "
                    "(%(ended)s), that is by %(last)s."
                )
                % {"ended": employment_ended_on.isoformat(), "last": last.isoformat()}
            )
    if other_kinds and known_on is not None:
        last = one_year_after(known_on)
        if filed_on > last:
            warnings.append(
                _(
                    "The one-year limitation from %(known)s (when the applicant knew of the "
                    "infringement) ended on %(last)s, unless it was interrupted or suspended."
                )
                % {"known": known_on.isoformat(), "last": last.isoformat()}
            )
    return " ".join(warnings)


# --- service and hearing dates (DOMAIN.md §2.2, §2.6) ------------------------------------------------


def _after(key: str, start: dt.date) -> dt.date:
    """``start`` plus the period ``key`` — a plain count, not moved off rest days (a deemed date or a
    minimum notice, not a deadline for someone to act)."""
    limit = limit_in_force(key, start)
    if limit.day_kind == DayKind.CALENDAR:
        return start + dt.timedelta(days=limit.days)
    return calendar.add_working_days(start, limit.days)


def deemed_service_date(method: str, on: dt.date) -> dt.date | None:
    """When a document left at the premises or published is deemed served; None for other methods
    (their service date is the day the document reached the party)."""
    if method == ServiceMethod.LEFT_AT_PREMISES:
        return _after(K.LEFT_AT_PREMISES, on)
    if method == ServiceMethod.PUBLIC_NOTICE:
        return _after(K.PUBLIC_NOTICE, on)
    return None


def max_extension_days(on: dt.date) -> int:
    """The most the award period may be extended, once [law Art.43: 15 days; dated, configurable]."""
    return limit_in_force(K.AWARD_EXTENSION, on).days


def hearing_notice_days(on: dt.date) -> int:
    """How many days before the hearing its notice must reach the parties (5 by default)."""
    return limit_in_force(K.HEARING_NOTICE, on).days


def earliest_hearing_day(notice_served_on: dt.date) -> dt.date:
    """The first day a hearing may be held when its notice is served on ``notice_served_on``: the notice
    must come at least ``hearing_notice_days`` before the hearing."""
    return _after(K.HEARING_NOTICE, notice_served_on)


def latest_postponement_request(hearing_day: dt.date) -> dt.date:
    """The last day a party may ask to postpone: at least 3 days before the hearing."""
    limit = limit_in_force(K.POSTPONE_REQUEST, hearing_day)
    if limit.day_kind == DayKind.CALENDAR:
        return hearing_day - dt.timedelta(days=limit.days)
    day, left = hearing_day, limit.days
    while left:
        day -= calendar.ONE_DAY
        if calendar.is_working_day(day):
            left -= 1
    return day
