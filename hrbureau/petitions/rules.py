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
    """信访工作条例 Art.35: a review may be asked for (once) within 30 days of the day the petitioner
    *received* the written reply — as soon as it is replied, without waiting for the return visit. Until
    the receipt is recorded the 30 days have not begun to run."""
    if order.track != Track.PETITION:
        return _("Only petitions can be reviewed.")
    if order.reviews > 0:
        return _("A review was already requested.")
    if order.replied_at is None:
        return _("There is no reply to review.")
    last_day = review_last_day(order)
    if last_day is not None and today > last_day:
        return _("The review had to be requested by %(day)s.") % {"day": last_day.isoformat()}
    return None


def rereview_window_open(order: WorkOrder, *, today: dt.date) -> str | None:
    """A re-review within 30 days of receiving the review opinion (Art.35); after it, the same facts are
    not accepted again."""
    if order.track != Track.PETITION:
        return _("Only petitions can be reviewed.")
    if order.reviews >= 2:
        return _("The re-review was final; the same facts are not accepted again.")
    if order.reviews != 1 or order.closed_at is None:
        return _("A re-review follows a review.")
    last_day = review_last_day(order)
    if last_day is not None and today > last_day:
        return _("The re-review had to be requested by %(day)s.") % {"day": last_day.isoformat()}
    return None


def review_last_day(order: WorkOrder) -> dt.date | None:
    """The last day to ask for the next review of ``order`` (a review after the reply, a re-review after
    the review opinion), counted from the day the petitioner received the answer under the limit in force
    on that day; None while the receipt is not recorded (or nothing more can be asked for)."""
    if order.reviews == 0:
        received, key = order.reply_received_on, K.REVIEW_REQUEST
    elif order.reviews == 1:
        received, key = order.review_received_on, K.REREVIEW_REQUEST
    else:
        return None
    if received is None:
        return None
    return due_date(limit_in_force(key, received), received)


def answer_awaiting_receipt(order: WorkOrder) -> str | None:
    """Which written answer of a petition waits for the petitioner's receipt to be recorded: "reply"
    (the reply, before any review), "review" (the review opinion) — or None."""
    if order.track != Track.PETITION:
        return None
    if (
        order.reviews == 0
        and order.replied_at is not None
        and order.reply_received_on is None
        and order.state in (WorkOrderState.REPLIED, WorkOrderState.CLOSED)
    ):
        return "reply"
    if order.reviews == 1 and order.state == WorkOrderState.CLOSED and order.review_received_on is None:
        return "review"
    return None


def final_rereview_of(order: WorkOrder) -> WorkOrder | None:
    """The earlier petition of the same petitioner (ID or phone) on the same category whose re-review was
    answered: the same matter is not accepted again, whenever it comes back (信访工作条例 Art.35)."""
    same_person = Q(petitioner_phone=order.petitioner_phone)
    if order.person_id is not None:
        same_person |= Q(person_id=order.person_id)
    return (
        WorkOrder.objects.filter(
            same_person,
            category_id=order.category_id,
            track=Track.PETITION,
            reviews__gte=2,
            state=WorkOrderState.CLOSED,
            received_at__lte=order.received_at,
        )
        .exclude(pk=order.pk)
        .order_by("-closed_at", "-id")
        .first()
    )


def not_accepted_again_reason(earlier: WorkOrder) -> str:
    """What the petitioner is told when a matter already re-reviewed comes back."""
    answered = earlier.closed_at.date().isoformat() if earlier.closed_at else ""
    return _(
        "The same matter was raised in petition %(number)s, whose re-review was answered on %(day)s; "
        "under Article 35 of the Regulations on Letters and Visits it is not accepted again."
    ) % {"number": earlier.number, "day": answered}


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
