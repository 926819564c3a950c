"""What the work orders add to an enterprise's and a person's timeline (``core.timeline``): the orders
about them or raised by them that the reader may see, newest first. Staff see the complaints about an
enterprise on its page; the enterprise's own account sees only what it raised (``for_user``)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from hrbureau.core import timeline
from hrbureau.core.tables import choice_labels
from hrbureau.core.timeline import LIMIT, TimelineEntry
from hrbureau.petitions.choices import WorkOrderState
from hrbureau.petitions.models import WorkOrder


def _entries(orders: Any) -> list[TimelineEntry]:
    states = choice_labels(WorkOrderState)
    return [
        TimelineEntry(
            at=order.received_at,
            title=_("Work order %(number)s · %(state)s")
            % {"number": order.number, "state": states.get(order.state, order.state)},
            detail=order.title,
            url=order.get_absolute_url(),
            icon="headset",
        )
        for order in orders.order_by("-received_at", "-id").only(
            "id", "number", "state", "title", "received_at"
        )[:LIMIT]
    ]


def enterprise_orders(user: Any, enterprise: Any) -> list[TimelineEntry]:
    about_or_by = Q(enterprise=enterprise) | Q(filer_enterprise=enterprise)
    return _entries(WorkOrder.objects.for_user(user).filter(about_or_by))


def person_orders(user: Any, person: Any) -> list[TimelineEntry]:
    return _entries(WorkOrder.objects.for_user(user).filter(person=person))


timeline.register("enterprises.Enterprise", enterprise_orders)
timeline.register("people.Person", person_orders)
