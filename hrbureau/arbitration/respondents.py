"""Finding the enterprise a worker files against, in the enterprise registry.

A worker knows their employer's name, rarely its unified social credit code. At filing, a name that
exactly one registered enterprise bears is enough; an enterprise not in the district's register is named
by name and address. While typing, the portal's lookup suggests registered names — showing only what
the public may know of an enterprise (its name, its USCC masked, its street), a few at a time, for a query
long enough that the register cannot be read out through it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.ratelimit import Limit, hit_or_refuse

LOOKUP_MIN_CHARS = 4  # fewer characters match too much of the register to be a search for one employer
LOOKUP_MAX_RESULTS = 5
# Searches per user: enough to find one's employer while typing, too few to read the register
# (the rate "respondent-lookup-user" of settings.RATE_LIMITS, 30 in 10 minutes by default).
LOOKUP_BY_USER = Limit(
    "respondent-lookup-user",
    gettext_lazy("Too many searches. Type the full name, or wait a few minutes."),
)


def lookup_count(user: Any) -> None:
    """Count one search of ``user``; raise ``RateLimited`` once their allowance is used up."""
    hit_or_refuse((LOOKUP_BY_USER, f"user:{user.pk}"))


def enterprise_identifier(*, name: str, identifier: str, address: str, respondent: bool) -> str:
    """The USCC of the enterprise party named ``name``: the one given (normalised), else that of the
    only registered enterprise of that name; "" for a respondent not in the register, named with its
    address. A ValidationError says what is missing."""
    if (identifier or "").strip():
        return normalize_uscc(identifier)
    from hrbureau.enterprises.models import Enterprise

    found = list(Enterprise.objects.filter(name=name).values_list("uscc", flat=True)[:2])
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise ValidationError(_("Several registered enterprises bear this name: give its USCC."))
    if not respondent:
        raise ValidationError(_("Give the enterprise's USCC."))
    if not (address or "").strip():
        raise ValidationError(
            _(
                "No registered enterprise bears exactly this name: give its USCC, or its address if it is not registered in the district."
            )
        )
    return ""


def mask_uscc(uscc: str) -> str:
    """A USCC as a suggestion shows it: the first 6 and the last 4 characters."""
    return uscc[:6] + "*" * (len(uscc) - 10) + uscc[-4:] if len(uscc) > 10 else "*" * len(uscc)


def lookup(query: str) -> dict[str, Any]:
    """Registered enterprises whose name contains ``query``: at most LOOKUP_MAX_RESULTS, exact names
    first, each as {name, uscc (masked), street}; ``more`` when there are others (type more of the name)."""
    from hrbureau.core.textsearch import substring_filter
    from hrbureau.enterprises.models import Enterprise

    query = " ".join((query or "").split())[:100]
    if len(query) < LOOKUP_MIN_CHARS:
        return {"results": [], "more": False, "min_chars": LOOKUP_MIN_CHARS}
    columns = ("name", "uscc", "street_id")
    # Exact names first (a name a worker typed in full), then names that contain it.
    rows = list(
        Enterprise.objects.filter(name=query).order_by("id").values_list(*columns)[:LOOKUP_MAX_RESULTS]
    )
    containing = (
        substring_filter(Enterprise.objects.all(), Enterprise.text_index, query)
        .filter(name__contains=query)  # by the name only: never found by code or address
        .exclude(name=query)
        .order_by("name", "id")
        .values_list(*columns)
    )
    rows += list(containing[: LOOKUP_MAX_RESULTS + 1])
    shown = rows[:LOOKUP_MAX_RESULTS]
    from hrbureau.accounts.models import OrgUnit

    streets = {
        unit.pk: unit.display_name for unit in OrgUnit.objects.filter(pk__in={r[2] for r in shown if r[2]})
    }
    return {
        "results": [
            {"name": name, "uscc": mask_uscc(uscc), "street": streets.get(street_id, "")}
            for name, uscc, street_id in shown
        ],
        "more": len(rows) > LOOKUP_MAX_RESULTS,
        "min_chars": LOOKUP_MIN_CHARS,
    }
