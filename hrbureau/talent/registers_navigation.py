"""The talent registers' menu entries: stations, the park, agreements and contests on the workbench (each
list links to its postdocs, actions and entrants), and an enterprise's own park residency on the portal."""

from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "talent_stations",
        _("Postdoctoral stations"),
        "talent:stations",
        "school",
        "talent.view_register",
        order=60,
    )
)
register(
    NavItem(
        "talent_park",
        _("Returned-students park"),
        "talent:park",
        "building-skyscraper",
        "talent.view_register",
        order=61,
    )
)
register(
    NavItem(
        "talent_entrants",
        _("Contest projects"),
        "talent:entrants",
        "trophy",
        "talent.view_register",
        order=62,
    )
)
register(
    NavItem(
        "talent_agreements",
        _("Talent agreements"),
        "talent:agreements",
        "heart-handshake",
        "talent.view_cooperation",
        order=63,
    )
)
register(
    NavItem(
        "talent_contests",
        _("Talent contests"),
        "talent:contests",
        "award",
        "talent.view_cooperation",
        order=64,
    )
)
# An enterprise sees its own residency, never the registers: its portal entry alone.
register(
    NavItem(
        "portal_talent_park",
        _("Our park residency"),
        "talent:portal_park",
        "building-skyscraper",
        "talent.view_parkresidency",
        order=40,
        area="portal",
    )
)
