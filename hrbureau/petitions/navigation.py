from django.utils.translation import gettext_lazy as _

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
