"""Reads of work orders, always through ``for_user`` scoping; the supervision board's figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.filters import days_between
from hrbureau.core.identifiers import normalize_phone
from hrbureau.core.language import in_language
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.petitions.choices import OPEN_STATES, Satisfaction, WorkOrderState
from hrbureau.petitions.models import Category, WorkOrder

SOON_DAYS = 2  # "soon due" on the board: due within this many days


def workorder_list(*, user: Any) -> QuerySet[WorkOrder]:
    """The work orders the user may see; the list's filters and search are declared in ``lists.py``."""
    return WorkOrder.objects.for_user(user)


def _open() -> Q:
    return Q(state__in=OPEN_STATES)


# Each figure on the board is a condition; the same condition filters the list its link opens, so the
# count and the rows behind it can never disagree.
FIGURES: dict[str, Any] = {
    "received": lambda today: ~Q(state__in=[WorkOrderState.MERGED, WorkOrderState.REDIRECTED]),
    "open": lambda today: _open(),
    "overdue": lambda today: _open() & Q(due_on__lt=today),
    "soon": lambda today: _open() & Q(due_on__gte=today, due_on__lte=today + dt.timedelta(days=SOON_DAYS)),
    "closed": lambda today: Q(state=WorkOrderState.CLOSED),
    "replied": lambda today: Q(replied_on_time__isnull=False),
    "on_time": lambda today: Q(replied_on_time=True),
    "rated": lambda today: ~Q(satisfaction=""),
    "satisfied": lambda today: Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC]),
    "returned": lambda today: Q(bounces__gt=0) | Q(state=WorkOrderState.RETURNED),
}


def workorder_detail(*, user: Any, pk: int) -> WorkOrder:
    return get_for_user_or_404(
        WorkOrder.objects.select_related(
            "category", "street", "handling_unit", "assigned_unit", "enterprise", "person", "repeat_of"
        ),
        user,
        pk=pk,
    )


def workorder_track(*, number: str, phone: str) -> WorkOrder | None:
    """The public follow-up: an order is shown to whoever knows both its number and the phone it was
    filed with (the phone is compared normalised)."""
    try:
        phone = normalize_phone(phone)
    except Exception:
        return None
    return (
        WorkOrder.objects.select_related("category")
        .filter(number=number.strip(), petitioner_phone=phone)
        .first()
    )


def active_categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True).select_related("department")


@dataclass
class RateRow:
    key: Any
    label: str
    received: int = 0
    closed: int = 0
    replied: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    open: int = 0
    overdue: int = 0
    soon: int = 0

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 2) if whole else None

    @property
    def on_time_rate(self) -> float | None:
        return self._rate(self.on_time, self.replied)

    @property
    def closure_rate(self) -> float | None:
        return self._rate(self.closed, self.received)

    @property
    def satisfaction_rate(self) -> float | None:
        return self._rate(self.satisfied, self.rated)


@dataclass
class Board:
    period_from: dt.date | None
    period_to: dt.date | None
    by: str
    rows: list[RateRow] = field(default_factory=list)
    total: RateRow = field(default_factory=lambda: RateRow(key=None, label=""))


BOARD_GROUPS = {
    "unit": ("handling_unit", "handling_unit__name"),
    "channel": ("channel", None),
    "category": ("category", "category__name"),
    "street": ("street", "street__name"),
}
# The English names of the groups that have one, shown on English pages (falling back to the Chinese).
BOARD_GROUPS_EN = {
    "unit": "handling_unit__name_en",
    "category": "category__name_en",
    "street": "street__name_en",
}


def supervision_board(
    *, user: Any, by: str = "unit", period_from: dt.date | None = None, period_to: dt.date | None = None
) -> Board:
    """Rates by ``by`` over orders received in the period: on-time reply (replied within the limit /
    replied), closure (closed / received, merged and redirected excluded), satisfaction (satisfied or
    basically satisfied / rated); and open, overdue and soon-due orders. One grouped query."""
    from hrbureau.petitions.choices import Channel

    if by not in BOARD_GROUPS:
        by = "unit"
    key, label_field = BOARD_GROUPS[by]
    today = timezone.localdate()
    # The period read as the list's "received from/until" filters read it, so a figure's link lists the
    # rows it counts.
    orders = workorder_list(user=user).filter(
        days_between("received_at", period_from, period_to, model=WorkOrder)
    )
    aggregates = {
        name: Count("id", filter=FIGURES[name](today))
        for name in (
            "received",
            "closed",
            "replied",
            "on_time",
            "rated",
            "satisfied",
            "open",
            "overdue",
            "soon",
        )
    }
    label_en = BOARD_GROUPS_EN.get(by)
    values = [key] + ([label_field] if label_field else []) + ([label_en] if label_en else [])
    board = Board(period_from=period_from, period_to=period_to, by=by)
    for row in orders.order_by().values(*values).annotate(**aggregates).order_by(key):
        if label_field:
            name = in_language(row[label_field] or "", row[label_en] or "") if label_en else row[label_field]
            label = name or (str(_("Not dispatched yet")) if by == "unit" else "—")
        else:
            label = str(Channel(row[key]).label) if row[key] in Channel.values else row[key]
        rate_row = RateRow(key=row[key], label=label, **{name: row[name] for name in aggregates})
        board.rows.append(rate_row)
        for name in aggregates:
            setattr(board.total, name, getattr(board.total, name) + row[name])
    return board
