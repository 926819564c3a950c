from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register

# --- Applications, grant lists and grants ----------------------------------------------------------
register(
    NavItem(
        "policy_applications",
        _("Policy applications"),
        "policies:applications",
        "file-certificate",
        "policies.review_application",
        order=51,
    )
)
register(
    NavItem(
        "policy_grantlists",
        _("No-application lists"),
        "policies:grantlists",
        "list-check",
        "policies.manage_grant",
        order=52,
    )
)
register(
    NavItem(
        "policy_grants", _("Policy grants"), "policies:grants", "coin-yuan", "policies.export_grant", order=53
    )
)
register(
    NavItem(
        "portal_policy_applications",
        _("My policy applications"),
        "policies:portal_applications",
        "file-certificate",
        "policies.apply",
        order=21,
        area="portal",
    )
)
register(
    NavItem(
        "portal_policy_grants",
        _("My policy grants"),
        "policies:portal_grants",
        "coin-yuan",
        "policies.view_grant",
        order=22,
        area="portal",
    )
)
# A notice about an application opens, for the applicant, its page in the portal.
register_portal_page(
    "policies.policyapplication",
    lambda application: reverse("policies:portal_application", args=[application.pk]),
)
