from django.utils.translation import gettext_lazy as _

from hrbureau.core.guides import PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.navigation import NavItem, register

register(NavItem("my_visits", _("My visits"), "labour:visits", "map-pin", "labour.add_inspection", order=40))
register(
    NavItem("labour_risks", _("Labour risks"), "labour:risks", "alert-triangle", "labour.view_risk", order=41)
)
register(
    NavItem(
        "inspections",
        _("Inspections"),
        "labour:inspections",
        "clipboard-check",
        "labour.view_inspection",
        order=42,
    )
)
register(
    NavItem(
        "early_warning",
        _("Early warning"),
        "labour:warnings",
        "flame",
        "labour.view_enterpriseriskscore",
        order=43,
    )
)
register(NavItem("samples", _("Survey samples"), "labour:samples", "dice", "labour.survey_sample", order=44))
register(
    NavItem(
        "screening_statistics",
        _("Screening figures"),
        "labour:statistics",
        "chart-bar",
        "labour.view_statistics",
        order=45,
    )
)
register(
    NavItem(
        "employer_evaluations",
        _("Honest employers"),
        "labour:evaluations",
        "award",
        "labour.view_evaluation",
        order=46,
    )
)
register(
    NavItem("compliance", _("Compliance"), "labour:compliance", "school", "labour.view_compliance", order=47)
)
register(
    NavItem(
        "hr_agencies",
        _("HR-service agencies"),
        "labour:agencies",
        "briefcase",
        "labour.view_agency",
        order=48,
    )
)

# The published list is public: the portal home and the public pages' header link to it.
guides_register(
    PortalService(
        "honest_employers",
        _("Law-abiding honest employers"),
        _("The district's list of employers with a clean labour record, and the lists on public notice."),
        "award",
        "labour:honest",
        None,
        order=60,
    )
)
