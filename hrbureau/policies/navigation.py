from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.guides import Guide, PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.core.todo import TodoItem
from hrbureau.core.todo import register as todo_register

# --- Matching and delivery ----------------------------------------------------------------------------

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
        "policy_grants", _("Policy grants"), "policies:grants", "coin-yuan", "policies.view_grant", order=53
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


def _supplements_asked(user: Any) -> list[TodoItem]:
    """An applicant's to-do in the portal: its policy applications waiting for a supplement."""
    from django.utils.translation import gettext

    from hrbureau.policies.choices import ApplicationState
    from hrbureau.policies.models import PolicyApplication

    if not getattr(user, "is_portal_role", False):
        return []
    rows = (
        PolicyApplication.objects.for_user(user)
        .filter(state=ApplicationState.SUPPLEMENT)
        .select_related("item")
        .order_by("id")[:20]
    )
    return [
        TodoItem(
            title=gettext("Supplement your policy application %(number)s (%(item)s)")
            % {"number": application.number, "item": application.item.title},
            url=reverse("policies:portal_application", args=[application.pk]),
            kind=gettext("Policy applications to supplement"),
            state=gettext("Supplement needed"),
        )
        for application in rows
    ]


todo_register(
    "policy supplements", _supplements_asked, label=_("Policy applications to supplement"), portal=True
)


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
