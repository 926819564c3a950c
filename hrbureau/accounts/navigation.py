from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(NavItem("workbench", _("Workbench"), "workbench", "layout-dashboard", "core.use_workbench", order=0))
register(NavItem("portal", _("My portal"), "portal", "home", "core.use_portal", order=0, area="portal"))
register(NavItem("todo", _("My to-do"), "core:todo", "checklist", "core.use_workbench", order=1))
register(NavItem("inbox", _("Messages"), "core:inbox", "bell", "core.use_workbench", order=2))
register(
    NavItem("portal_inbox", _("Messages"), "core:inbox", "bell", "core.use_portal", order=2, area="portal")
)
register(
    NavItem(
        "orgunits", _("Organisation"), "accounts:orgunit_list", "sitemap", "accounts.view_orgunit", order=80
    )
)
register(
    NavItem("audit", _("Audit log"), "core:audit_list", "shield-check", "core.view_auditevent", order=90)
)
