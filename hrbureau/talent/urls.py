"""Talent services' pages, one block per part of the line."""

from django.urls import path

app_name = "talent"

urlpatterns: list = []

# --- certification ---
from hrbureau.talent import certification_views  # noqa: E402
from hrbureau.talent.certification_lists import CATEGORIES, CERTIFICATIONS, INTAKES, REGISTER  # noqa: E402

urlpatterns += [
    path("intakes/", INTAKES.view, name="intakes"),
    path("intakes/<int:pk>/", certification_views.intake_detail, name="intake"),
    path("my/intakes/", certification_views.portal_intakes, name="portal_intakes"),
    path("my/intakes/new/", certification_views.intake_apply, name="intake_apply"),
    path("my/intakes/<int:pk>/", certification_views.portal_intake, name="portal_intake"),
    path("certifications/", CERTIFICATIONS.view, name="certifications"),
    path("certifications/<int:pk>/", certification_views.certification_detail, name="certification"),
    path("certifications/expert/", certification_views.expert_reviews, name="expert_reviews"),
    path("categories/", CATEGORIES.view, name="categories"),
    path("categories/new/", certification_views.category_create, name="category_create"),
    path("categories/<int:pk>/", certification_views.category_edit, name="category_edit"),
    path("register/", REGISTER.view, name="register"),
    path("register/figures/", certification_views.register_figures, name="register_figures"),
    path("my/certifications/", certification_views.portal_certifications, name="portal_certifications"),
    path("my/certifications/new/", certification_views.certification_apply, name="certification_apply"),
    path(
        "my/certifications/<int:pk>/", certification_views.portal_certification, name="portal_certification"
    ),
]
