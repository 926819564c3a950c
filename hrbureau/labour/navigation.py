from django.utils.translation import gettext_lazy as _

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
