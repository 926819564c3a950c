"""Disbursement in the staff's menu: the payment batches and the payments (the totals page is linked
from the batches' list)."""

from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "payment_batches",
        _("Payment batches"),
        "talent:batches",
        "building-bank",
        "talent.view_payment",
        order=57,
    )
)
register(
    NavItem(
        "talent_payments",
        _("Subsidy payments"),
        "talent:payments",
        "coin-yuan",
        "talent.view_payment",
        order=58,
    )
)
