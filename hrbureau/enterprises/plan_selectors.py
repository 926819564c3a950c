"""Reads of key-enterprise services and labour-demand lists: the key enterprises with their officer and
plan, the coverage and on-time rules the figures count, and the open demand by industry and street. Every
read starts from ``for_user`` (the reader's scope)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from hrbureau.core.dated import in_force_or_none
from hrbureau.enterprises.models import (
    Enterprise,
    EnterpriseOfficer,
    LabourDemand,
    ServicePlan,
    ServicePlanItem,
    ServiceSetting,
    ServiceVisit,
)
from hrbureau.enterprises.plan_choices import (
    KEY_ENTERPRISE_TAG,
    OPEN_DEMAND_STATES,
    OPEN_ITEM_STATES,
    DemandState,
    ItemState,
)

SOON_DAYS_WITHOUT_SETTING = 14  # only when no dated setting is in force (the migration installs one)


def this_year() -> int:
    return timezone.localdate().year


def soon_days(on: dt.date | None = None) -> int:
    row = in_force_or_none(ServiceSetting.objects.all(), on or timezone.localdate())
    return row.soon_days if row is not None else SOON_DAYS_WITHOUT_SETTING


def key_enterprises(user: Any) -> QuerySet[Enterprise]:
    """The key enterprises (tagged) the reader may see."""
    return Enterprise.objects.for_user(user).filter(tags__code=KEY_ENTERPRISE_TAG)


def _count(rows: QuerySet[Any], group: str) -> Coalesce:
    return Coalesce(
        Subquery(
            rows.order_by().values(group).annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
        ),
        Value(0),
    )


def key_enterprise_rows(
    user: Any, *, year: int | None = None, today: dt.date | None = None
) -> QuerySet[Enterprise]:
    """The key enterprises with their officer, this year's plan (its id), its items counted (all, done,
    overdue) — a fixed number of subqueries, whatever the number of plans and items."""
    year = year or this_year()
    today = today or timezone.localdate()
    plans = ServicePlan.objects.filter(enterprise=OuterRef("pk"), year=year)
    items = ServicePlanItem.objects.filter(plan__enterprise=OuterRef("pk"), plan__year=year)
    overdue = items.filter(state__in=OPEN_ITEM_STATES, due_on__lt=today)
    return key_enterprises(user).annotate(
        officer_name=Subquery(
            EnterpriseOfficer.objects.filter(enterprise=OuterRef("pk")).values("officer__full_name")[:1]
        ),
        officer_user=Subquery(
            EnterpriseOfficer.objects.filter(enterprise=OuterRef("pk")).values("officer_id")[:1]
        ),
        plan_pk=Subquery(plans.values("pk")[:1]),
        has_plan=Exists(plans),
        has_overdue=Exists(overdue),
        items_total=_count(items.exclude(state=ItemState.DROPPED), "plan__enterprise"),
        items_done=_count(items.filter(state=ItemState.DONE), "plan__enterprise"),
        items_overdue=_count(overdue, "plan__enterprise"),
    )


def officer_choices(empty: str) -> list[tuple[Any, str]]:
    """The staff who are service officers, for the key enterprises' filter."""
    rows = (
        EnterpriseOfficer.objects.order_by()
        .values_list("officer_id", "officer__full_name", "officer__username")
        .distinct()
    )
    return [("", empty), *sorted(((pk, name or username) for pk, name, username in rows), key=lambda r: r[1])]


# --- the rules the figures count ---------------------------------------------------------------------


def planned(user: Any, *, year: int | None = None) -> QuerySet[Enterprise]:
    """Key enterprises with a plan for ``year`` (coverage's numerator)."""
    year = year or this_year()
    return key_enterprises(user).filter(
        Exists(ServicePlan.objects.filter(enterprise=OuterRef("pk"), year=year))
    )


def items_due(
    user: Any, *, year: int | None = None, today: dt.date | None = None
) -> QuerySet[ServicePlanItem]:
    """The items of ``year``'s plans that count for "done on time": those due by ``today`` and those
    already done (early or late); a dropped item counts for nothing."""
    year = year or this_year()
    today = today or timezone.localdate()
    return (
        ServicePlanItem.objects.for_user(user)
        .filter(plan__year=year, plan__enterprise__tags__code=KEY_ENTERPRISE_TAG)
        .exclude(state=ItemState.DROPPED)
        .filter(Q(due_on__lte=today) | Q(state=ItemState.DONE))
    )


def items_on_time(
    user: Any, *, year: int | None = None, today: dt.date | None = None
) -> QuerySet[ServicePlanItem]:
    """Of ``items_due``, those done no later than their due day (``done_on <= due_on``)."""
    return items_due(user, year=year, today=today).filter(state=ItemState.DONE, done_on__lte=F("due_on"))


def visits(user: Any, *, year: int | None = None) -> QuerySet[ServiceVisit]:
    return ServiceVisit.objects.for_user(user).filter(visited_on__year=year or this_year())


def demands_counted(user: Any) -> QuerySet[LabourDemand]:
    """The labour demands the lists' figures count: every one but the withdrawn."""
    return LabourDemand.objects.for_user(user).exclude(state=DemandState.WITHDRAWN)


def key_with_demands(user: Any) -> QuerySet[Enterprise]:
    """Key enterprises covered by a labour-demand list (at least one demand, withdrawn ones aside)."""
    return key_enterprises(user).filter(
        Exists(LabourDemand.objects.filter(enterprise=OuterRef("pk")).exclude(state=DemandState.WITHDRAWN))
    )


def fill_totals(rows: QuerySet[LabourDemand]) -> tuple[int, int]:
    """(filled, headcount) over ``rows``."""
    totals = rows.order_by().aggregate(filled=Sum("filled"), headcount=Sum("headcount"))
    return int(totals["filled"] or 0), int(totals["headcount"] or 0)


def rate(part: int, whole: int) -> int:
    """A whole percentage, 0 of nothing."""
    return round(100 * part / whole) if whole else 0


def by_street(rows: QuerySet[Any], street: str) -> dict[Any, int]:
    return dict(rows.order_by().values_list(street).annotate(n=Count("pk", distinct=True)))


def rate_by_street(part: dict[Any, int], whole: dict[Any, int]) -> dict[Any, int]:
    return {street: rate(part.get(street, 0), n) for street, n in whole.items()}


def fill_by_street(user: Any) -> dict[Any, int]:
    rows = (
        demands_counted(user)
        .order_by()
        .values_list("enterprise__street_id")
        .annotate(filled=Sum("filled"), headcount=Sum("headcount"))
    )
    return {street: rate(int(filled or 0), int(headcount or 0)) for street, filled, headcount in rows}


# --- open demand by industry and street --------------------------------------------------------------


def open_demand_table(rows: QuerySet[LabourDemand]) -> dict[str, Any]:
    """Open headcount (needed less hired) of the open demands among ``rows``, by industry section and
    street: {"streets": [(id, name)], "rows": [(section, [n per street], total)], "totals": [...]}."""
    from hrbureau.accounts.models import OrgUnit

    cells = (
        rows.filter(state__in=OPEN_DEMAND_STATES)
        .order_by()
        .values_list("enterprise__industry_section", "enterprise__street_id")
        .annotate(n=Sum(F("headcount") - F("filled")))
    )
    table: dict[str, dict[Any, int]] = defaultdict(dict)
    street_ids: set[Any] = set()
    for section, street, n in cells:
        table[section or ""][street] = int(n or 0)
        street_ids.add(street)
    names = dict(OrgUnit.objects.filter(pk__in=[s for s in street_ids if s]).values_list("pk", "name"))
    streets = sorted(((s, names.get(s, "—")) for s in street_ids), key=lambda s: (s[0] is None, s[1]))
    from hrbureau.core.tables import choice_labels
    from hrbureau.enterprises.choices import IndustrySection

    labels = choice_labels(IndustrySection)
    out = []
    for section in sorted(table, key=lambda s: (-sum(table[s].values()), s)):
        counts = [table[section].get(s, 0) for s, _ in streets]
        out.append((labels.get(section) or "—", counts, sum(counts)))
    totals = [sum(table[sec].get(s, 0) for sec in table) for s, _ in streets]
    return {"streets": streets, "rows": out, "totals": totals, "total": sum(totals)}
