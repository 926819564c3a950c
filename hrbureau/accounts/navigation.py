from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(NavItem("workbench", _("Workbench"), "workbench", "layout-dashboard", "core.use_workbench", order=0))
register(NavItem("portal", _("My portal"), "portal", "home", "core.use_portal", order=0, area="portal"))
register(
    NavItem(
        "orgunits", _("Organisation"), "accounts:orgunit_list", "sitemap", "accounts.view_orgunit", order=80
    )
)
register(
    NavItem("audit", _("Audit log"), "core:audit_list", "shield-check", "core.view_auditevent", order=90)
)
