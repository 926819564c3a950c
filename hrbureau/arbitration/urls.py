from django.urls import path

from hrbureau.arbitration import portal, views
from hrbureau.arbitration.appointment_list import APPOINTMENTS
from hrbureau.arbitration.lists import DISPUTES

app_name = "arbitration"

urlpatterns = [
    path("", DISPUTES.view, name="list"),
    path("statistics/", views.statistics, name="statistics"),
    path("new/", views.dispute_create, name="create"),
    path("rooms/", views.room_schedule, name="rooms"),
    path("<int:pk>/", views.dispute_detail, name="detail"),
    path("<int:pk>/documents/<slug:kind>/", views.document, name="document"),
    path("<int:pk>/services/<int:service_pk>/confirm/", views.service_confirm, name="service_confirm"),
    path("<int:pk>/services/<int:service_pk>/proof/", views.proof_of_service, name="proof"),
    path("mine/", portal.portal_list, name="portal_list"),
    path("mine/new/", portal.portal_file, name="portal_file"),
    path("mine/respondents/", portal.respondent_lookup, name="respondent_lookup"),
    path("mine/<int:pk>/", portal.portal_detail, name="portal_detail"),
    path("mine/<int:pk>/documents/<int:service_pk>/", portal.portal_document, name="portal_document"),
    path("query/", portal.query, name="query"),
    path("appointments/", portal.appointments, name="appointments"),
    path("appointments/desk/", APPOINTMENTS.view, name="appointment_desk"),
]
