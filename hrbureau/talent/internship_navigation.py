"""The internship subsidy in the menu: the internships and bases on the workbench, a base's interns on
the portal."""

from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

# --- internship ---
register(
    NavItem(
        "internships", _("Internships"), "talent:internships", "school", "talent.view_internship", order=70
    )
)
register(
    NavItem(
        "internship_bases",
        _("Internship bases"),
        "talent:internship_bases",
        "building-community",
        "talent.manage_internship",
        order=71,
    )
)
register(
    NavItem(
        "portal_internships",
        _("Our interns"),
        "talent:internship_portal",
        "school",
        "talent.record_internship_month",
        order=40,
        area="portal",
    )
)
