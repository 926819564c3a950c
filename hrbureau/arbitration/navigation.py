from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "disputes", _("Labour disputes"), "arbitration:list", "scale", "arbitration.view_dispute", order=35
    )
)
