"""Recruitment's menu entries, portal services, the person's to-do and where a notice opens."""

from __future__ import annotations

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

register(
    NavItem(
        "recruitment_plans",
        _("Recruitment plans"),
        "personnel:recruitment_plans",
        "school",
        "personnel.view_recruitment",
        order=70,
    )
)
register(
    NavItem(
        "recruitment_registrations",
        _("Recruitment registrations"),
        "personnel:recruitment_registrations",
        "id-badge",
        "personnel.review_registration",
        order=71,
    )
)
register(
    NavItem(
        "portal_recruitment",
        _("Public-institution recruitment"),
        "personnel:recruitment_portal",
        "school",
        "personnel.register",
        order=25,
        area="portal",
    )
)
register(
    NavItem(
        "portal_recruitment_registrations",
        _("My recruitment registrations"),
        "personnel:recruitment_portal_registrations",
        "id-badge",
        "personnel.register",
        order=26,
        area="portal",
    )
)
guides_register(
    PortalService(
        "recruitment_register",
        _("Public-institution recruitment"),
        _(
            "Register for a post of an open recruitment plan, follow the review, see your exam ticket and results."
        ),
        "school",
        "personnel:recruitment_portal",
        "personnel.register",
        guide=Guide(
            who=(_("Residents with a personal account on the portal; one registration per plan."),),
            materials=(
                _("Diplomas, degree certificates, ID card and title certificates, as the plan asks."),
            ),
            time_limits=(_("Within the plan's registration window; age is counted on its closing day."),),
            where=(_("On the portal; the qualification review is done by the talent department."),),
        ),
        order=35,
        roles=frozenset({Role.INDIVIDUAL}),
    )
)
guides_register(
    PortalService(
        "recruitment_public",
        _("Recruitment public notices"),
        _("The qualified candidates, the scores and ranks, and the shortlists for the medical check."),
        "list-numbers",
        "personnel:recruitment_public",
        None,
        order=63,
    )
)
# A notice about a registration opens, for the person, its page in the portal.
register_portal_page(
    "personnel.registration",
    lambda registration: reverse("personnel:recruitment_portal_registration", args=[registration.pk]),
)


def _supplements_asked(user: Any) -> list[TodoItem]:
    """A person's to-do in the portal: their registrations waiting for a supplement."""
    from django.utils.translation import gettext

    from hrbureau.personnel.recruitment_choices import RegistrationState
    from hrbureau.personnel.recruitment_models import Registration

    if not getattr(user, "is_portal_role", False):
        return []
    rows = (
        Registration.objects.for_user(user)
        .filter(state=RegistrationState.SUPPLEMENT)
        .select_related("plan")
        .order_by("id")[:20]
    )
    return [
        TodoItem(
            title=gettext("Supplement your registration %(number)s (%(plan)s)")
            % {"number": r.number, "plan": r.plan.name},
            url=reverse("personnel:recruitment_portal_registration", args=[r.pk]),
            kind=gettext("Recruitment registrations to supplement"),
            state=gettext("Supplement needed"),
        )
        for r in rows
    ]


todo_register(
    "recruitment supplements",
    _supplements_asked,
    label=_("Recruitment registrations to supplement"),
    portal=True,
)
