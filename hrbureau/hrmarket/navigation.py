from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "hr_agencies",
        _("HR-service agencies"),
        "hrmarket:agencies",
        "briefcase",
        "hrmarket.view_agency",
        order=48,
    )
)
