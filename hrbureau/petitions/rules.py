"""The rules of DOMAIN.md §3 as functions of the data: which time limit is in force, when a review may
still be asked for, where an order should go, which orders look like the same matter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.core.dated import in_force
from hrbureau.petitions.choices import CategoryKind, Track, WorkOrderState
from hrbureau.petitions.choices import TimeLimitKey as K
from hrbureau.petitions.models import TimeLimit, WorkOrder

CLOCK_ACCEPTANCE = "acceptance"  # petitions: register and tell whether accepted (15 days)
CLOCK_HANDLING = "handling"  # 12345: 2 / 10 / 15 working days from receipt; petitions: 60 days
CLOCK_SIGN = "sign"  # sign for it or return it (2 working days from dispatch)
CLOCK_REVIEW = "review"  # answer a review or a re-review (30 days)

HOTLINE_LIMIT = {
    CategoryKind.ENQUIRY: K.ENQUIRY,
    CategoryKind.HELP: K.HELP,
    CategoryKind.SUGGESTION: K.SUGGESTION,
    CategoryKind.COMPLAINT: K.COMPLAINT,
    CategoryKind.REPORT: K.REPORT,
}


def limit_in_force(key: str, on: dt.date) -> TimeLimit:
    """The time-limit row for ``key`` valid on ``on`` (the newest that started on or before it)."""
    return in_force(TimeLimit.objects.filter(key=key), on, what=f"time limit {key!r}")


def first_limit(order: WorkOrder) -> tuple[str, TimeLimit]:
    """The clock a new order starts with and its limit: 12345 handling by kind, or petition acceptance."""
    received = order.received_at.date()
    if order.track == Track.PETITION:
        return CLOCK_ACCEPTANCE, limit_in_force(K.PETITION_ACCEPTANCE, received)
    return CLOCK_HANDLING, limit_in_force(HOTLINE_LIMIT[CategoryKind(order.category.kind)], received)


def due_date(limit: TimeLimit, start: dt.date) -> dt.date:
    return limit.due_from(start)


def review_window_open(order: WorkOrder, *, today: dt.date) -> str | None:
    """信访工作条例: a review may be asked for within 30 days of the reply (once)."""
    if order.track != Track.PETITION:
        return _("Only petitions can be reviewed.")
    if order.reviews > 0:
        return _("A review was already requested.")
    if order.replied_at is None:
        return _("There is no reply to review.")
    limit = limit_in_force(K.REVIEW_REQUEST, today)
    last_day = due_date(limit, order.replied_at.date())
    if today > last_day:
        return _("The review had to be requested by %(day)s.") % {"day": last_day.isoformat()}
    return None


def rereview_window_open(order: WorkOrder, *, today: dt.date) -> str | None:
    """A re-review within 30 days of the review's answer; after it, the same facts are not accepted."""
    if order.track != Track.PETITION:
        return _("Only petitions can be reviewed.")
    if order.reviews >= 2:
        return _("The re-review was final; the same facts are not accepted again.")
    if order.reviews != 1 or order.closed_at is None:
        return _("A re-review follows a review.")
    limit = limit_in_force(K.REREVIEW_REQUEST, today)
    last_day = due_date(limit, order.closed_at.date())
    if today > last_day:
        return _("The re-review had to be requested by %(day)s.") % {"day": last_day.isoformat()}
    return None


def suggest_unit(order: WorkOrder) -> Any:
    """Where to dispatch: the street of the enterprise (or the person) for territorial matters, else
    the category's department."""
    if order.category.territorial:
        if order.street_id is not None:
            return order.street
        for record in (order.enterprise, order.person):
            street = getattr(record, "street", None) if record is not None else None
            if street is not None and street.kind == OrgUnitKind.STREET:
                return street
    return order.category.department


def possible_duplicates(order: WorkOrder, *, window_days: int | None = None) -> Any:
    """Open or recent orders of the same person (phone or ID) on the same category within the window."""
    if window_days is None:
        window_days = limit_in_force(K.DUPLICATE_WINDOW, order.received_at.date()).days
    since = order.received_at - dt.timedelta(days=window_days)
    same_person = Q(petitioner_phone=order.petitioner_phone)
    if order.person_id is not None:
        same_person |= Q(person_id=order.person_id)
    return (
        WorkOrder.objects.filter(same_person, category_id=order.category_id, received_at__gte=since)
        .exclude(pk=order.pk)
        .exclude(state__in=[WorkOrderState.MERGED, WorkOrderState.REDIRECTED])
        .order_by("received_at", "id")
    )
