from django.utils.translation import gettext_lazy as _

# --- Matching and delivery ----------------------------------------------------------------------------
from hrbureau.accounts.choices import Role
from hrbureau.core.guides import Guide, PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "policy_matches",
        _("Policy matches"),
        "policies:matches",
        "target-arrow",
        "policies.view_policymatch",
        order=52,
    )
)
register(
    NavItem(
        "policies_for_you",
        _("Policies for you"),
        "policies:portal",
        "gift",
        "policies.view_policymatch",
        order=30,
        area="portal",
    )
)
guides_register(
    PortalService(
        "policies_for_you",
        _("Policies for you"),
        _("The policies your enterprise or you qualify for, why, and how to claim them."),
        "gift",
        "policies:portal",
        "policies.view_policymatch",
        guide=Guide(
            who=(_("Enterprises and residents with an account on the portal."),),
            materials=(_("Nothing to find them; each policy's claim guide lists what its claim needs."),),
            time_limits=(
                _("Policies are matched when they are published, every night, and when your record changes."),
            ),
            where=(_("On the portal, any time; the claim guide says where each policy is handled."),),
        ),
        order=30,
        roles=frozenset({Role.ENTERPRISE, Role.INDIVIDUAL}),
    )
)
guides_register(
    PortalService(
        "policy_calculator",
        _("Policy calculator"),
        _("Not registered yet? Answer a few questions and see which policies your enterprise may get."),
        "calculator",
        "policies:calculator",
        None,
        order=31,
    )
)
