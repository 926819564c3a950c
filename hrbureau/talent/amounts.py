"""A subsidy scheme's amount rule and the instalments an approved application is owed (DOMAIN.md §5).

- BY_DEGREE: the amount of the applicant's degree (``SchemeRate``), refused when the applicant is not
  younger than the degree's age limit on the day of the application (living subsidy: bachelor 15,000
  under 30, master 25,000 under 35, PhD 30,000 under 40);
- FIXED: the scheme's amount;
- MONTHLY: the monthly amount × the months, at most the scheme's cap on the months;
- INTERNSHIP: worked out by the internship part (the application carries its amount).

The amount is paid in the scheme's number of equal yearly instalments, in yuan to the fen, the
remainder fen on the last one so the instalments add up exactly. ``schedule`` writes them at approval:
the first DUE on the day of approval, each later one WAITING a year after the one before; where the
scheme re-verifies, a later instalment becomes DUE only when staff confirm the person still works in
the district (``instalment_reverify``), and a failed re-verification stops it and every later one; for
the other schemes the periodic sweep (``make_due``) makes it DUE when its day arrives.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.money import FEN
from hrbureau.talent.choices import AmountRule, Degree, InstalmentState
from hrbureau.talent.models import Instalment, SubsidyApplication, SubsidyScheme
from hrbureau.talent.rules import age_on

IS = InstalmentState


def amount_for(
    scheme: SubsidyScheme,
    *,
    degree: str = "",
    birth_date: dt.date | None = None,
    on: dt.date,
    months: int | None = None,
    given: Decimal | None = None,
) -> Decimal:
    """The amount ``scheme`` grants an applicant with ``degree`` born on ``birth_date``, applying on
    ``on`` (for ``months`` on a monthly scheme); a ValidationError says why nothing is due."""
    rule = scheme.amount_rule
    if rule == AmountRule.BY_DEGREE:
        rate = scheme.rates.filter(degree=degree).first() if degree else None
        if rate is None:
            raise ValidationError(
                {
                    "degree": [
                        _("This scheme grants nothing for the degree %(degree)s.")
                        % {"degree": Degree(degree).label if degree in Degree.values else degree or "—"}
                    ]
                }
            )
        if rate.age_below is not None:
            age = age_on(birth_date, on)
            if age is None or age >= rate.age_below:
                raise ValidationError(
                    _(
                        "For %(degree)s the applicant must be younger than %(limit)d on the day of the "
                        "application (here: %(age)s)."
                    )
                    % {
                        "degree": rate.get_degree_display(),
                        "limit": rate.age_below,
                        "age": age if age is not None else "—",
                    }
                )
        return rate.amount.quantize(FEN)
    if rule == AmountRule.FIXED:
        if scheme.fixed_amount is None:
            raise ValidationError(_("The scheme has no fixed amount set."))
        return scheme.fixed_amount.quantize(FEN)
    if rule == AmountRule.MONTHLY:
        if scheme.monthly_amount is None:
            raise ValidationError(_("The scheme has no amount per month set."))
        if not months or months < 1:
            raise ValidationError({"months": [_("The number of months is needed.")]})
        counted = min(months, scheme.max_months) if scheme.max_months else months
        return (scheme.monthly_amount * counted).quantize(FEN)
    # The internship subsidy is worked out month by month by its own part.
    if given is None:
        raise ValidationError(_("The amount of this application is worked out by the internship subsidy."))
    return given.quantize(FEN)


def split(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` in ``parts`` equal instalments to the fen; the remainder fen go on the last one, so the
    instalments add up to ``total`` exactly (100,000.01 in 3: 33,333.33 + 33,333.33 + 33,333.35)."""
    parts = max(1, parts)
    share = (total / parts).quantize(FEN, rounding=ROUND_DOWN)
    return [share] * (parts - 1) + [total - share * (parts - 1)]


def _year_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without it
        return day.replace(year=day.year + years, day=28)


def schedule(application: SubsidyApplication, on: dt.date) -> list[Instalment]:
    """Write the instalments of an approved application: the first DUE on ``on`` (the day of approval),
    each later one WAITING, due a year after the one before."""
    if application.amount is None:
        raise ValidationError(_("The application has no amount to pay."))
    if application.instalments.exists():
        return list(application.instalments.all())
    shares = split(application.amount, application.scheme.instalments)
    rows = []
    for index, share in enumerate(shares):
        due_on = _year_later(on, index)
        rows.append(
            Instalment(
                application=application,
                number=index + 1,
                period=str(due_on.year),
                amount=share,
                due_on=due_on,
                state=IS.DUE if index == 0 else IS.WAITING,
            )
        )
    return Instalment.objects.bulk_create(rows)


def instalment_reverify(
    *, actor: Any, instalment: Instalment, still_works: bool, reason: str = "", on: dt.date | None = None
) -> Instalment:
    """The year's re-verification of a waiting instalment (a scheme that asks for it): the person still
    works in the district — the instalment is DUE; no longer — it and every later one are STOPPED with
    the reason."""
    on = on or timezone.localdate()
    application = instalment.application
    if not actor.has_perm("talent.review_subsidy"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("talent.review_subsidy")
    if not application.scheme.reverify:
        raise ValidationError(_("This scheme does not re-verify its instalments."))
    with transaction.atomic():
        locked = Instalment.objects.select_for_update().get(pk=instalment.pk)
        if locked.state != IS.WAITING:
            raise ValidationError(_("Only a waiting instalment is re-verified."))
        earlier = application.instalments.filter(number__lt=locked.number, state=IS.WAITING).exists()
        if earlier:
            raise ValidationError(_("Re-verify the earlier instalment first."))
        if still_works:
            if on < locked.due_on:
                raise ValidationError(
                    _("This instalment is due on %(day)s; it is re-verified from that day.")
                    % {"day": locked.due_on}
                )
            locked.state, locked.verified_on, locked.verified_by = IS.DUE, on, actor
            locked.save(update_fields=["state", "verified_on", "verified_by", "updated_at"])
        else:
            if not (reason or "").strip():
                raise ValidationError({"reason": [_("Say why the instalments stop.")]})
            application.instalments.filter(number__gte=locked.number, state=IS.WAITING).update(
                state=IS.STOPPED,
                stop_reason=reason.strip(),
                verified_on=on,
                verified_by=actor,
                updated_at=timezone.now(),
            )
            locked.refresh_from_db()
    return locked


def make_due(today: dt.date) -> str | None:
    """The periodic sweep: waiting instalments of schemes that do not re-verify become DUE on their day."""
    changed = Instalment.objects.filter(
        state=IS.WAITING, due_on__lte=today, application__scheme__reverify=False
    ).update(state=IS.DUE, updated_at=timezone.now())
    return f"{changed} instalments due" if changed else None
