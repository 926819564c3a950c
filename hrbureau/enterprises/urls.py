from django.urls import path

from hrbureau.enterprises import views
from hrbureau.enterprises.lists import ENTERPRISES

app_name = "enterprises"
urlpatterns = [
    path("", ENTERPRISES.view, name="list"),
    path("new/", views.enterprise_create, name="create"),
    path("<int:pk>/", views.enterprise_detail, name="detail"),
    path("<int:pk>/edit/", views.enterprise_edit, name="edit"),
]
