from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.guides import PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.petitions import guides

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

# What the petitions office offers on the portal home, each with its service guide (办事指南).
guides_register(
    PortalService(
        "petitions_file",
        _("File a petition or complaint"),
        _("Complaints, reports, requests for help, enquiries and suggestions to the HR bureau (12345)."),
        "message-report",
        "petitions:portal_file",
        "petitions.file_workorder",
        guide=guides.FILE,
        order=10,
    )
)
guides_register(
    PortalService(
        "petitions_track",
        _("Follow a work order"),
        _("Where your matter stands, with its number and the phone you gave."),
        "route",
        "petitions:track",
        None,
        guide=guides.TRACK,
        order=45,
    )
)
