"""What arbitration adds to the shared registries: its menu entries, its services on the portal home
(with their guides), where a notice about a dispute opens for a party, which of a dispute's files are a
party's own, and what waits for a party in the portal."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration import guides
from hrbureau.core.attachments import register_party_files
from hrbureau.core.guides import PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.core.todo import TodoItem
from hrbureau.core.todo import register as todo_register

register(
    NavItem(
        "disputes", _("Labour disputes"), "arbitration:list", "scale", "arbitration.view_dispute", order=35
    )
)
register(
    NavItem(
        "dispute_statistics",
        _("Arbitration statistics"),
        "arbitration:statistics",
        "chart-pie",
        "arbitration.view_statistics",
        order=36,
    )
)
register(
    NavItem(
        "portal_disputes",
        _("My disputes"),
        "arbitration:portal_list",
        "scale",
        "arbitration.view_dispute",
        order=12,
        area="portal",
    )
)
register(
    NavItem(
        "hearing_rooms",
        _("Hearing rooms"),
        "arbitration:rooms",
        "calendar",
        "arbitration.schedule_dispute",
        order=38,
    )
)
register(
    NavItem(
        "appointment_desk",
        _("Counter appointments"),
        "arbitration:appointment_desk",
        "calendar-event",
        "arbitration.manage_appointments",
        order=37,
    )
)
register(
    NavItem(
        "portal_appointments",
        _("Book a visit"),
        "arbitration:appointments",
        "calendar-event",
        "arbitration.book_appointment",
        order=13,
        area="portal",
    )
)

# A notice about a dispute opens, for a party, its page in the portal (staff get the case page).
register_portal_page(
    "arbitration.dispute", lambda dispute: reverse("arbitration:portal_detail", args=[dispute.pk])
)

# What the arbitration offers on the portal home, each with its service guide (办事指南).
guides_register(
    PortalService(
        "arbitration_apply",
        _("Apply for labour-dispute arbitration"),
        _("A dispute with your employer or employee over pay, dismissal, social insurance or hours."),
        "scale",
        "arbitration:portal_file",
        "arbitration.file_dispute",
        guide=guides.APPLY,
        order=20,
    )
)
guides_register(
    PortalService(
        "arbitration_appointment",
        _("Book a counter appointment"),
        _("Choose a time at the arbitration counter instead of queueing."),
        "calendar-event",
        "arbitration:appointments",
        "arbitration.book_appointment",
        guide=guides.APPOINTMENT,
        order=30,
    )
)
guides_register(
    PortalService(
        "arbitration_query",
        _("Query an arbitration case"),
        _("The state and time limits of a case, with its number and a party's ID number or USCC."),
        "file-search",
        "arbitration:query",
        None,
        guide=guides.QUERY,
        order=40,
    )
)


def _served_on(dispute: Any, user: Any) -> set[int]:
    """The files of the documents served on the reader's own party: theirs to open (and to sign for)."""
    from hrbureau.arbitration.services import party_is_user

    served = dispute.services.filter(attachment__isnull=False).select_related("party")
    return {s.attachment_id for s in served if party_is_user(user, s.party)}


register_party_files("arbitration.dispute", _served_on)


def _waiting_for_party(user: Any) -> list[TodoItem]:
    """A party's to-do in the portal: documents served on them to read and sign for, and materials
    they were asked to supplement."""
    from django.utils.translation import gettext

    from hrbureau.arbitration import selectors

    if not getattr(user, "is_portal_role", False):
        return []
    items = [
        TodoItem(
            title=gettext("Read and sign for: %(document)s (%(case)s)")
            % {"document": service.get_document_display(), "case": service.dispute},
            url=reverse("arbitration:portal_document", args=[service.dispute_id, service.pk]),
            kind=gettext("Documents to sign for"),
            state=gettext("to sign"),
        )
        for service in selectors.documents_to_sign(user=user)
    ]
    items += [
        TodoItem(
            title=gettext("Supplement the materials of your application %(case)s") % {"case": dispute},
            url=reverse("arbitration:portal_detail", args=[dispute.pk]),
            kind=gettext("Documents to sign for"),
            state=str(dispute.get_state_display()),
        )
        for dispute in selectors.supplements_asked(user=user)
    ]
    return items


todo_register("arbitration documents", _waiting_for_party, label=_("Documents to sign for"), portal=True)
