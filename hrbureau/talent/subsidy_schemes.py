"""Subsidy schemes as configuration (补贴项目配置): the department head writes a scheme — who may
apply (rules), the amount rule, the rates by degree with their age limits, the approval levels (each
a role), the window, the notice, the materials and the schemes it excludes — in one service."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import Role
from hrbureau.talent import rules
from hrbureau.talent.choices import AmountRule, Degree
from hrbureau.talent.models import SchemeLevel, SchemeRate, SubsidyScheme

DECIDING_ROLES = (Role.DEPT_STAFF, Role.DEPT_HEAD, Role.LEADER)


def parse_rates(text: str) -> list[tuple[str, Decimal, int | None]]:
    """Rates written one per line: "degree amount [age limit]" ("bachelor 15000 30")."""
    rates, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        parts = line.replace(",", "").split()
        if not parts:
            continue
        try:
            degree, amount = parts[0], Decimal(parts[1])
            age = int(parts[2]) if len(parts) > 2 else None
        except (IndexError, InvalidOperation, ValueError):
            errors.append(_("Line %(line)d: write “degree amount age-limit”.") % {"line": number})
            continue
        if degree not in Degree.values:
            errors.append(
                _("Line %(line)d: the degree is one of %(degrees)s.")
                % {"line": number, "degrees": ", ".join(Degree.values)}
            )
            continue
        if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            errors.append(_("Line %(line)d: the amount is positive, in yuan to the fen.") % {"line": number})
            continue
        rates.append((degree, amount, age))
    if len({r[0] for r in rates}) != len(rates):
        errors.append(_("Each degree has one rate."))
    if errors:
        raise ValidationError({"rates": errors})
    return rates


def parse_levels(text: str) -> list[str]:
    """Approval levels one per line, in order, each the role that decides it."""
    roles = [line.strip() for line in (text or "").splitlines() if line.strip()]
    wrong = [r for r in roles if r not in DECIDING_ROLES]
    if wrong or not roles:
        raise ValidationError(
            {
                "levels": [
                    _("One role per line, at least one: %(roles)s.")
                    % {"roles": ", ".join(str(r) for r in DECIDING_ROLES)}
                ]
            }
        )
    return roles


def rates_text(scheme: SubsidyScheme) -> str:
    return "\n".join(
        f"{r.degree} {r.amount} {r.age_below if r.age_below is not None else ''}".strip()
        for r in scheme.rates.all()
    )


def levels_text(scheme: SubsidyScheme) -> str:
    return "\n".join(level.role for level in scheme.levels.all())


def scheme_save(
    *,
    actor: Any,
    scheme: SubsidyScheme,
    rates: str = "",
    levels: str = "",
    excludes: Any = (),
) -> SubsidyScheme:
    """Save ``scheme`` (new or edited) with its rates, levels and excluded schemes, after checking the
    configuration holds together."""
    if not actor.has_perm("talent.manage_scheme"):
        raise PermissionDenied("talent.manage_scheme")
    errors: dict[str, list[str]] = {}
    try:
        rules.condition_of(scheme.eligibility)
    except ValidationError as error:
        errors.update(error.message_dict)
    parsed_rates: list[tuple[str, Decimal, int | None]] = []
    parsed_levels: list[str] = []
    if scheme.amount_rule == AmountRule.BY_DEGREE:
        try:
            parsed_rates = parse_rates(rates)
        except ValidationError as error:
            errors.update(error.message_dict)
    try:
        parsed_levels = parse_levels(levels)
    except ValidationError as error:
        errors.update(error.message_dict)
    if scheme.amount_rule == AmountRule.BY_DEGREE and not parsed_rates and "rates" not in errors:
        errors["rates"] = [_("A scheme by degree needs its rates.")]
    if scheme.amount_rule == AmountRule.FIXED and scheme.fixed_amount is None:
        errors["fixed_amount"] = [_("A fixed scheme needs its amount.")]
    if scheme.amount_rule == AmountRule.MONTHLY and (scheme.monthly_amount is None or not scheme.max_months):
        errors["monthly_amount"] = [
            _("A monthly scheme needs its amount per month and its cap on the months.")
        ]
    if scheme.opens_on and scheme.closes_on and scheme.closes_on < scheme.opens_on:
        errors["closes_on"] = [_("The window closes after it opens.")]
    if scheme.instalments < 1:
        errors["instalments"] = [_("At least one instalment.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        scheme.save()
        scheme.rates.all().delete()
        SchemeRate.objects.bulk_create(
            SchemeRate(scheme=scheme, degree=d, amount=a, age_below=age) for d, a, age in parsed_rates
        )
        scheme.levels.all().delete()
        SchemeLevel.objects.bulk_create(
            SchemeLevel(scheme=scheme, number=n, role=role) for n, role in enumerate(parsed_levels, start=1)
        )
        scheme.excludes.set([s for s in excludes if s.pk != scheme.pk])
    return scheme
