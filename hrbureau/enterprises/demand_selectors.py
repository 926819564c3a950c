"""The reads of enterprise demands, always through ``for_user``, and the figures they give (``core.figures``):
demands received, key demands, the share replied on time and the enterprises' rating, over what the reader
may see and by street."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures
from hrbureau.enterprises.demand_choices import OPEN_DEMAND_STATES
from hrbureau.enterprises.models import EnterpriseDemand


def demands_for(*, user: Any) -> QuerySet[EnterpriseDemand]:
    return EnterpriseDemand.objects.for_user(user)


def overdue(today: dt.date) -> Q:
    """Demands not yet replied (nor withdrawn) past their reply day."""
    return Q(state__in=OPEN_DEMAND_STATES, due_on__lt=today)


def key_demands_open(*, user: Any) -> QuerySet[EnterpriseDemand]:
    """The key demands not yet answered: what leadership follows."""
    return demands_for(user=user).filter(is_key=True, state__in=OPEN_DEMAND_STATES)


def _on_time_pct(rows: QuerySet[EnterpriseDemand]) -> dict[Any, int]:
    """Per street: the replied demands answered within their period, as a whole percentage."""
    counted = (
        rows.filter(replied_on__isnull=False)
        .values_list("street_id")
        .annotate(n=Count("id"), on_time=Count("id", filter=Q(replied_on_time=True)))
        .order_by()
    )
    return {street: round(100 * on_time / n) for street, n, on_time in counted if n}


def on_time_pct(rows: QuerySet[EnterpriseDemand]) -> int:
    totals = rows.filter(replied_on__isnull=False).aggregate(
        n=Count("id"), on_time=Count("id", filter=Q(replied_on_time=True))
    )
    return round(100 * totals["on_time"] / totals["n"]) if totals["n"] else 0


def rating_score(rows: QuerySet[EnterpriseDemand]) -> int:
    """The average rating (1–5 stars) as points out of 100 (满意度得分: 5 stars = 100)."""
    average = rows.filter(rating__isnull=False).aggregate(a=Avg("rating"))["a"]
    return round(float(average) * 20) if average is not None else 0


def _rating_by_street(rows: QuerySet[EnterpriseDemand]) -> dict[Any, int]:
    averaged = rows.filter(rating__isnull=False).values_list("street_id").annotate(a=Avg("rating")).order_by()
    return {street: round(float(average) * 20) for street, average in averaged}


def _count_by_street(rows: QuerySet[EnterpriseDemand]) -> dict[Any, int]:
    return dict(rows.values_list("street_id").annotate(n=Count("id")).order_by())


figures.register(
    figures.Figure(
        "enterprises.demands_received",
        _("Enterprise demands received"),
        count=lambda user: demands_for(user=user).count(),
        by_street=lambda user: _count_by_street(demands_for(user=user)),
    )
)
figures.register(
    figures.Figure(
        "enterprises.key_demands",
        _("Key enterprise demands"),
        count=lambda user: demands_for(user=user).filter(is_key=True).count(),
        by_street=lambda user: _count_by_street(demands_for(user=user).filter(is_key=True)),
    )
)
figures.register(
    figures.Figure(
        "enterprises.demands_replied_on_time",
        _("Enterprise demands replied on time (%)"),
        count=lambda user: on_time_pct(demands_for(user=user)),
        by_street=lambda user: _on_time_pct(demands_for(user=user)),
    )
)
figures.register(
    figures.Figure(
        "enterprises.demand_rating",
        _("Enterprises' rating of the replies (average, out of 100)"),
        count=lambda user: rating_score(demands_for(user=user)),
        by_street=lambda user: _rating_by_street(demands_for(user=user)),
    )
)
