from django.urls import path

from hrbureau.labour import views
from hrbureau.labour.lists import INSPECTIONS, PLANS, RISKS, SAMPLE_MEMBERS

app_name = "labour"

urlpatterns = [
    path("visits/", views.my_visits, name="visits"),
    path("inspect/<int:enterprise_pk>/", views.inspect, name="inspect"),
    path("inspections/", INSPECTIONS.view, name="inspections"),
    path("inspections/<int:pk>/", views.inspection_detail, name="inspection"),
    path("risks/", RISKS.view, name="risks"),
    path("risks/<int:pk>/", views.risk_detail, name="risk"),
    path("warnings/", views.warning_list, name="warnings"),
    path("warnings/recompute/", views.warning_recompute, name="recompute"),
    path("scores/<int:enterprise_pk>/", views.score_detail, name="score"),
    path("plans/", PLANS.view, name="plans"),
    path("plans/new/", views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan"),
    path("samples/", views.sample_list, name="samples"),
    path("samples/<int:pk>/", views.sample_detail, name="sample"),
    path("samples/tasks/", SAMPLE_MEMBERS.view, name="survey_tasks"),
    path("statistics/", views.statistics, name="statistics"),
]
