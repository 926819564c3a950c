"""What was paid (发放统计): the yuan paid by scheme, by period (the month or year the bank's result was
reconciled) and by street, in Decimal yuan to the fen, over the payments the reader may see.

``core.figures`` holds whole numbers only: the dashboard gets the count of payments and the yuan paid
rounded down to the yuan; the totals page shows the exact Decimal sums from here."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures
from hrbureau.talent.choices import PaymentState
from hrbureau.talent.models import Payment

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class TotalRow:
    key: Any
    label: str
    count: int
    total: Decimal


def paid(user: Any, *, year: int | None = None) -> Any:
    rows = Payment.objects.for_user(user).filter(state=PaymentState.PAID)
    if year is not None:
        rows = rows.filter(reconciled_at__year=year)
    return rows


def _rows(rows: Any, key: str, label: str) -> list[TotalRow]:
    grouped = rows.order_by().values(key, label).annotate(n=Count("id"), s=Sum("amount")).order_by(label, key)
    return [TotalRow(r[key], str(r[label] or "—"), r["n"], r["s"] or ZERO) for r in grouped]


def by_scheme(user: Any, *, year: int | None = None) -> list[TotalRow]:
    return _rows(
        paid(user, year=year), "instalment__application__scheme_id", "instalment__application__scheme__name"
    )


def by_street(user: Any, *, year: int | None = None) -> list[TotalRow]:
    return _rows(
        paid(user, year=year), "instalment__application__street_id", "instalment__application__street__name"
    )


def by_month(user: Any, *, year: int | None = None) -> list[TotalRow]:
    grouped = (
        paid(user, year=year)
        .order_by()
        .annotate(y=ExtractYear("reconciled_at"), m=ExtractMonth("reconciled_at"))
        .values("y", "m")
        .annotate(n=Count("id"), s=Sum("amount"))
        .order_by("y", "m")
    )
    return [TotalRow((r["y"], r["m"]), f"{r['y']}-{r['m']:02d}", r["n"], r["s"] or ZERO) for r in grouped]


def by_year(user: Any) -> list[TotalRow]:
    months = by_month(user)
    years: OrderedDict[int, TotalRow] = OrderedDict()
    for row in months:
        y = row.key[0]
        held = years.get(y)
        years[y] = TotalRow(
            y, str(y), row.count + (held.count if held else 0), row.total + (held.total if held else ZERO)
        )
    return list(years.values())


def grand_total(user: Any, *, year: int | None = None) -> TotalRow:
    found = paid(user, year=year).aggregate(n=Count("id"), s=Sum("amount"))
    return TotalRow(None, "", found["n"], found["s"] or ZERO)


def _by_street_int(user: Any, aggregate: Any) -> dict[Any, int]:
    return {
        street: int(value or 0)
        for street, value in paid(user)
        .order_by()
        .values("instalment__application__street_id")
        .annotate(v=aggregate)
        .values_list("instalment__application__street_id", "v")
    }


figures.register(
    figures.Figure(
        "talent.payments_paid",
        _("Talent subsidy payments made"),
        count=lambda user: paid(user).count(),
        by_street=lambda user: _by_street_int(user, Count("id")),
    )
)
figures.register(
    figures.Figure(
        "talent.yuan_paid",
        _("Yuan of talent subsidies paid (whole yuan)"),
        count=lambda user: int(paid(user).aggregate(s=Sum("amount"))["s"] or 0),
        by_street=lambda user: _by_street_int(user, Sum("amount")),
    )
)
