"""Talent services' pages, one block per part of the line."""

from django.urls import path

app_name = "talent"

urlpatterns: list = []

# --- subsidies ---
from hrbureau.talent import subsidy_views  # noqa: E402
from hrbureau.talent.subsidy_lists import APPLICATIONS, QUEUE, SCHEMES  # noqa: E402

urlpatterns += [
    path("schemes/", SCHEMES.view, name="schemes"),
    path("schemes/new/", subsidy_views.scheme_create, name="scheme_create"),
    path("schemes/<int:pk>/", subsidy_views.scheme_detail, name="scheme"),
    path("schemes/<int:pk>/edit/", subsidy_views.scheme_edit, name="scheme_edit"),
    path("applications/", APPLICATIONS.view, name="applications"),
    path("applications/queue/", QUEUE.view, name="queue"),
    path("applications/counter/", subsidy_views.counter_apply, name="counter_apply"),
    path("applications/<int:pk>/", subsidy_views.application_detail, name="application"),
    path("instalments/<int:pk>/reverify/", subsidy_views.instalment_reverify, name="instalment_reverify"),
    path("my/schemes/", subsidy_views.portal_schemes, name="portal_schemes"),
    path("my/schemes/<int:pk>/apply/", subsidy_views.portal_apply, name="portal_apply"),
    path("my/applications/", subsidy_views.portal_applications, name="portal_applications"),
    path("my/applications/<int:pk>/", subsidy_views.portal_application, name="portal_application"),
    path("my/confirmations/", subsidy_views.portal_confirmations, name="portal_confirmations"),
]
