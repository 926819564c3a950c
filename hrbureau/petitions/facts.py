"""What the petitions office knows about enterprises and people, for every line that needs it
(``core.facts``): the labour-risk score counts the work orders about an enterprise."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hrbureau.core.facts import ENTERPRISE, PERSON, Fact, declare
from hrbureau.petitions.models import WorkOrder

COMPLAINTS = declare(
    Fact(
        "petitions.complaints",
        ENTERPRISE,
        _("complaints and work orders about the enterprise in the last year"),
        rows=lambda: WorkOrder.objects.all(),
        via="enterprise",
        window_days=365,
        since_field="received_at",
        since_is_moment=True,
    )
)
COMPLAINTS_90D = declare(
    Fact(
        "petitions.complaints_90d",
        ENTERPRISE,
        _("complaints and work orders about the enterprise in the last 90 days"),
        rows=lambda: WorkOrder.objects.all(),
        via="enterprise",
        window_days=90,
        since_field="received_at",
        since_is_moment=True,
    )
)
WORK_ORDERS_90D = declare(
    Fact(
        "petitions.work_orders_90d",
        PERSON,
        _("work orders raised in the last 90 days"),
        rows=lambda: WorkOrder.objects.all(),
        via="person",
        window_days=90,
        since_field="received_at",
        since_is_moment=True,
    )
)
