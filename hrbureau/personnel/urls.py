"""Personnel work's pages, one block per part of the line."""

from django.urls import path

app_name = "personnel"

urlpatterns: list = []

# --- personnel records (三龄一历, grade promotion, emergency duty) ---
from hrbureau.personnel import records_views  # noqa: E402
from hrbureau.personnel.records_lists import (  # noqa: E402
    CERTIFICATION_PAGE,
    CERTIFICATIONS,
    ELIGIBLE,
    PLANS,
    PROMOTION_PAGE,
    PROMOTIONS,
    ROSTER,
    STAFF,
)

urlpatterns += [
    path("staff/", STAFF.view, name="staff_list"),
    path("staff/new/", records_views.staff_create, name="staff_create"),
    path("staff/<int:pk>/", records_views.staff_detail, name="staff"),
    path("staff/<int:pk>/appraisal/", records_views.staff_appraisal, name="staff_appraisal"),
    path("staff/<int:pk>/grade/", records_views.staff_grade, name="staff_grade"),
    path("staff/<int:pk>/propose/", records_views.promotion_propose, name="promotion_propose"),
    path("certifications/", CERTIFICATIONS.view, name="certifications"),
    path("certifications/new/", records_views.certification_create, name="certification_create"),
    path("certifications/<int:pk>/", CERTIFICATION_PAGE.view, name="certification"),
    path("promotions/", PROMOTIONS.view, name="promotions"),
    path("promotions/eligible/", ELIGIBLE.view, name="eligible"),
    path("promotions/<int:pk>/", PROMOTION_PAGE.view, name="promotion"),
    path("emergency/", PLANS.view, name="plans"),
    path("emergency/new/", records_views.plan_create, name="plan_create"),
    path("emergency/<int:pk>/", records_views.plan_detail, name="plan"),
    path("emergency/<int:pk>/posts/new/", records_views.post_add, name="post_add"),
    path("emergency/<int:pk>/roster/new/", records_views.deployment_add, name="deployment_add"),
    path("emergency/roster/", ROSTER.view, name="roster"),
    path("emergency/figures/", records_views.deployment_figures, name="deployment_figures"),
]
