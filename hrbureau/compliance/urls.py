from django.urls import path

from hrbureau.compliance import views
from hrbureau.compliance.lists import EVALUATIONS, EXPERTS, GRADES, RECORDS
from hrbureau.core.redirects import moved

app_name = "compliance"

urlpatterns = [
    path("records/", RECORDS.view, name="records"),
    path("records/new/", views.record_create, name="record_create"),
    path("evaluations/", EVALUATIONS.view, name="evaluations"),
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    # The steps' address before the workflow core: sent on to the core action (308).
    path("evaluations/<int:pk>/act/<slug:action>/", views.evaluation_act, name="evaluation_act"),
    path("grades/", GRADES.view, name="grades"),
    path("honest-employers/", views.honest_employers, name="honest"),
    path("events/", views.event_list, name="events"),
    path("events/new/", views.event_create, name="event_create"),
    path("events/<int:pk>/", views.event_detail, name="event"),
    path("experts/", EXPERTS.view, name="experts"),
]

# Where these pages were while they were part of labour (/labour/…, issue 16): permanent redirects.
MOVED_FROM_LABOUR = [
    path("records/", moved("compliance:records"), name="labour_records"),
    path("evaluations/", moved("compliance:evaluations"), name="labour_evaluations"),
    path("evaluations/<int:pk>/", moved("compliance:evaluation"), name="labour_evaluation"),
    path(
        "evaluations/<int:pk>/act/<slug:action>/",
        moved("compliance:evaluation_act"),
        name="labour_evaluation_act",
    ),
    path("honest-employers/", moved("compliance:honest"), name="labour_honest"),
    path("compliance/", moved("compliance:events"), name="labour_compliance"),
    path("compliance/<int:pk>/", moved("compliance:event"), name="labour_event"),
]
