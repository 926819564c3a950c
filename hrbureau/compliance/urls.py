from django.urls import path

from hrbureau.compliance import views
from hrbureau.core.redirects import moved

app_name = "compliance"

urlpatterns = [
    path("records/", views.record_list, name="records"),
    path("evaluations/", views.evaluation_list, name="evaluations"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation"),
    path("evaluations/<int:pk>/act/<slug:action>/", views.evaluation_act, name="evaluation_act"),
    path("honest-employers/", views.honest_employers, name="honest"),
    path("events/", views.event_list, name="events"),
    path("events/<int:pk>/", views.event_detail, name="event"),
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
