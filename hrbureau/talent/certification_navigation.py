"""The menu entries of talent intake and certification (staff's workbench and the person's portal)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "talent_intakes",
        _("Talent intake"),
        "talent:intakes",
        "home-move",
        "talent.view_intakeapplication",
        order=60,
    )
)
register(
    NavItem(
        "talent_certifications",
        _("Talent certification"),
        "talent:certifications",
        "certificate",
        "talent.view_certification",
        order=61,
    )
)
register(
    NavItem(
        "talent_register",
        _("Certified-talent register"),
        "talent:register",
        "id-badge-2",
        "talent.view_certified",
        order=62,
    )
)
register(
    NavItem(
        "my_talent_intakes",
        _("My talent intake"),
        "talent:portal_intakes",
        "home-move",
        "talent.apply_talent",
        order=40,
        area="portal",
    )
)
register(
    NavItem(
        "my_talent_certifications",
        _("My talent certification"),
        "talent:portal_certifications",
        "certificate",
        "talent.apply_talent",
        order=41,
        area="portal",
    )
)
