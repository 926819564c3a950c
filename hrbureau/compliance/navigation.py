from django.utils.translation import gettext_lazy as _

from hrbureau.core.guides import PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "employer_evaluations",
        _("Honest employers"),
        "compliance:evaluations",
        "award",
        "compliance.view_evaluation",
        order=46,
    )
)
register(
    NavItem(
        "compliance", _("Compliance"), "compliance:events", "school", "compliance.view_compliance", order=47
    )
)
# The published list is public: the portal home and the public pages' header link to it.
guides_register(
    PortalService(
        "honest_employers",
        _("Law-abiding honest employers"),
        _("The district's list of employers with a clean labour record, and the lists on public notice."),
        "award",
        "compliance:honest",
        None,
        order=60,
    )
)
