"""Personnel work's pages, one block per part of the line."""

from django.urls import path

app_name = "personnel"

urlpatterns: list = []

# --- recruitment ---
from hrbureau.personnel import recruitment_views  # noqa: E402
from hrbureau.personnel.recruitment_lists import PLANS, POSTS, REGISTRATIONS  # noqa: E402

urlpatterns += [
    path("recruitment/plans/", PLANS.view, name="recruitment_plans"),
    path("recruitment/plans/new/", recruitment_views.plan_create, name="recruitment_plan_create"),
    path("recruitment/plans/<int:pk>/", recruitment_views.plan_detail, name="recruitment_plan"),
    path("recruitment/plans/<int:pk>/edit/", recruitment_views.plan_edit, name="recruitment_plan_edit"),
    path(
        "recruitment/plans/<int:pk>/posts/new/", recruitment_views.post_create, name="recruitment_post_create"
    ),
    path("recruitment/plans/<int:pk>/ranking/", recruitment_views.plan_ranking, name="recruitment_ranking"),
    path("recruitment/plans/<int:pk>/rank/", recruitment_views.plan_rank, name="recruitment_rank"),
    path(
        "recruitment/plans/<int:pk>/publish/<slug:kind>/",
        recruitment_views.plan_publish,
        name="recruitment_publish",
    ),
    path("recruitment/posts/", POSTS.view, name="recruitment_posts"),
    path("recruitment/posts/<int:pk>/", recruitment_views.post_detail, name="recruitment_post"),
    path("recruitment/posts/<int:pk>/edit/", recruitment_views.post_edit, name="recruitment_post_edit"),
    path("recruitment/registrations/", REGISTRATIONS.view, name="recruitment_registrations"),
    path(
        "recruitment/registrations/<int:pk>/",
        recruitment_views.registration_detail,
        name="recruitment_registration",
    ),
    path("recruitment/portal/", recruitment_views.portal_plans, name="recruitment_portal"),
    path(
        "recruitment/portal/plans/<int:pk>/register/",
        recruitment_views.portal_register,
        name="recruitment_register",
    ),
    path(
        "recruitment/portal/registrations/",
        recruitment_views.portal_registrations,
        name="recruitment_portal_registrations",
    ),
    path(
        "recruitment/portal/registrations/<int:pk>/",
        recruitment_views.portal_registration,
        name="recruitment_portal_registration",
    ),
    path("recruitment/public/", recruitment_views.public_plans, name="recruitment_public"),
    path(
        "recruitment/public/<int:pk>/<slug:kind>/",
        recruitment_views.public_list,
        name="recruitment_public_list",
    ),
]

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
