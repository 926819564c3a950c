from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem("dashboard", _("Dashboard"), "reports:dashboard", "chart-bar", "reports.view_dashboard", order=5)
)
