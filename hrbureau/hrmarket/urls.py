from django.urls import path

from hrbureau.core.redirects import moved
from hrbureau.hrmarket import views
from hrbureau.hrmarket.lists import AGENCIES, ENFORCEMENT, REPORT_PAGE, REPORTS

app_name = "hrmarket"

urlpatterns = [
    path("agencies/", AGENCIES.view, name="agencies"),
    path("agencies/new/", views.agency_create, name="create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("enforcement/", ENFORCEMENT.view, name="enforcement"),
    path("industry/", views.industry, name="industry"),
    path("industry/reports/", REPORTS.view, name="reports"),
    path("industry/reports/<int:pk>/", REPORT_PAGE.view, name="report"),
    path("portal/figures/", views.portal_reports, name="portal_reports"),
    path("portal/figures/open/<int:period>/", views.portal_report_open, name="portal_report_open"),
    path("portal/figures/<int:pk>/", views.portal_report, name="portal_report"),
]

# Where these pages were while they were part of labour (/labour/…, issue 16): permanent redirects.
MOVED_FROM_LABOUR = [
    path("agencies/", moved("hrmarket:agencies"), name="labour_agencies"),
    path("agencies/<int:pk>/", moved("hrmarket:agency"), name="labour_agency"),
]
