"""The subsidy part's menu entries (workbench and portal), its portal page for notices, and the
person's to-do of supplements asked for."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.core.todo import TodoItem
from hrbureau.core.todo import register as todo_register

register(
    NavItem(
        "subsidy_applications",
        _("Subsidy applications"),
        "talent:applications",
        "file-dollar",
        "talent.review_subsidy",
        order=56,
    )
)
register(
    NavItem(
        "subsidy_queue",
        _("Subsidy approvals"),
        "talent:queue",
        "checklist",
        "talent.review_subsidy",
        order=57,
    )
)
register(
    NavItem(
        "subsidy_schemes",
        _("Subsidy schemes"),
        "talent:schemes",
        "settings",
        "talent.manage_scheme",
        order=58,
    )
)
register(
    NavItem(
        "portal_subsidies",
        _("Talent subsidies"),
        "talent:portal_schemes",
        "school",
        "talent.apply_subsidy",
        order=24,
        area="portal",
    )
)
register(
    NavItem(
        "portal_subsidy_applications",
        _("My subsidy applications"),
        "talent:portal_applications",
        "file-dollar",
        "talent.apply_subsidy",
        order=25,
        area="portal",
    )
)
register(
    NavItem(
        "portal_subsidy_confirmations",
        _("Employees' subsidy applications"),
        "talent:portal_confirmations",
        "user-check",
        "talent.confirm_subsidy",
        order=26,
        area="portal",
    )
)
# A notice about an application opens, for the person (or the employer), its page in the portal.
register_portal_page(
    "talent.subsidyapplication",
    lambda application: reverse("talent:portal_application", args=[application.pk]),
)


def _supplements_asked(user: Any) -> list[TodoItem]:
    """A person's to-do in the portal: their subsidy applications returned for a supplement."""
    from django.utils.translation import gettext

    from hrbureau.talent.choices import ApplicationState
    from hrbureau.talent.subsidy_applications import visible_applications

    if not getattr(user, "is_portal_role", False):
        return []
    rows = (
        visible_applications(user)
        .filter(state=ApplicationState.SUPPLEMENT)
        .select_related("scheme")
        .order_by("id")[:20]
    )
    return [
        TodoItem(
            title=gettext("Supplement your subsidy application %(number)s (%(scheme)s)")
            % {"number": application.number, "scheme": str(application.scheme)},
            url=reverse("talent:portal_application", args=[application.pk]),
            kind=gettext("Subsidy applications to supplement"),
            state=gettext("Supplement needed"),
        )
        for application in rows
    ]


todo_register(
    "subsidy supplements", _supplements_asked, label=_("Subsidy applications to supplement"), portal=True
)
