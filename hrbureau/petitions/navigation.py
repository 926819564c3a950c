from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register

register(
    NavItem("workorders", _("Work orders"), "petitions:list", "headset", "petitions.view_workorder", order=30)
)
register(
    NavItem(
        "workorder_board",
        _("Supervision board"),
        "petitions:board",
        "chart-bar",
        "petitions.view_board",
        order=31,
    )
)
register(
    NavItem(
        "portal_workorders",
        _("My matters"),
        "petitions:portal_list",
        "message-report",
        "petitions.file_workorder",
        order=10,
        area="portal",
    )
)

# A notice about a work order opens, for the one who raised it, its page in the portal.
register_portal_page("petitions.workorder", lambda order: reverse("petitions:portal_detail", args=[order.pk]))
