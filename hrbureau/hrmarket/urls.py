from django.urls import path

from hrbureau.core.redirects import moved
from hrbureau.hrmarket import views
from hrbureau.hrmarket.lists import AGENCIES, ENFORCEMENT

app_name = "hrmarket"

urlpatterns = [
    path("agencies/", AGENCIES.view, name="agencies"),
    path("agencies/new/", views.agency_create, name="create"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency"),
    path("enforcement/", ENFORCEMENT.view, name="enforcement"),
]

# Where these pages were while they were part of labour (/labour/…, issue 16): permanent redirects.
MOVED_FROM_LABOUR = [
    path("agencies/", moved("hrmarket:agencies"), name="labour_agencies"),
    path("agencies/<int:pk>/", moved("hrmarket:agency"), name="labour_agency"),
]
