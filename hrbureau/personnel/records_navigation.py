"""The personnel records' menu entries: staff records, 三龄一历 certification, grade promotion and
emergency duty."""

from django.utils.translation import gettext_lazy as _

from hrbureau.core.navigation import NavItem, register

register(
    NavItem(
        "personnel_staff",
        _("Personnel staff records"),
        "personnel:staff_list",
        "id-badge",
        "personnel.view_staffmember",
        order=80,
    )
)
register(
    NavItem(
        "personnel_certifications",
        _("Service-record certification"),
        "personnel:certifications",
        "certificate",
        "personnel.view_certificationrequest",
        order=81,
    )
)
register(
    NavItem(
        "personnel_promotions",
        _("Grade promotion"),
        "personnel:promotions",
        "stairs-up",
        "personnel.view_promotiondecision",
        order=82,
    )
)
register(
    NavItem(
        "personnel_emergency",
        _("Emergency duty"),
        "personnel:plans",
        "first-aid-kit",
        "personnel.view_deployment",
        order=83,
    )
)
