from django.urls import path

from hrbureau.arbitration import views

app_name = "arbitration"

urlpatterns = [
    path("", views.dispute_list, name="list"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/act/<slug:action>/", views.dispute_act, name="act"),
    path("<int:pk>/services/<int:service_pk>/confirm/", views.service_confirm, name="service_confirm"),
    path("<int:pk>/services/<int:service_pk>/proof/", views.proof_of_service, name="proof"),
]
