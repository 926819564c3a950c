from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register

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
register_portal_page("arbitration.dispute", lambda dispute: reverse("arbitration:portal_detail", args=[dispute.pk]))
