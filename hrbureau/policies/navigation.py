from django.utils.translation import gettext_lazy as _

from hrbureau.core.guides import PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.navigation import NavItem, register

# --- the policy library (library) ---
register(
    NavItem("policy_library", _("Policy library"), "policies:items", "book", "policies.view_item", order=49)
)
# The published library is public: the portal home and the public pages' header link to it.
guides_register(
    PortalService(
        "policy_library",
        _("Policies for enterprises and people"),
        _("Every policy in force: what it gives, who qualifies and how to claim it."),
        "book",
        "policies:public_library",
        None,
        order=62,
    )
)
