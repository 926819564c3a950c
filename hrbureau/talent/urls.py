"""Talent services' pages, one block per part of the line."""

from django.urls import path

app_name = "talent"

urlpatterns: list = []

# --- internship ---
from hrbureau.talent import internship_views  # noqa: E402
from hrbureau.talent.internship_lists import BASES, INTERNSHIPS  # noqa: E402

urlpatterns += [
    path("internship/bases/", BASES.view, name="internship_bases"),
    path("internship/bases/new/", internship_views.base_create, name="internship_base_create"),
    path("internships/", INTERNSHIPS.view, name="internships"),
    path("internships/new/", internship_views.register, name="internship_register"),
    path("internships/<int:pk>/", internship_views.internship_detail, name="internship"),
    path("internships/<int:pk>/months/", internship_views.month_record, name="internship_month_record"),
    path(
        "internships/months/<int:pk>/approve/",
        internship_views.month_approve,
        name="internship_month_approve",
    ),
    path("my/internships/", internship_views.portal, name="internship_portal"),
    path("my/internships/import/", internship_views.portal_import, name="internship_portal_import"),
]
