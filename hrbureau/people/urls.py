from django.urls import path

from hrbureau.people import views
from hrbureau.people.lists import PEOPLE

app_name = "people"
urlpatterns = [
    path("", PEOPLE.view, name="list"),
    path("new/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="detail"),
    path("<int:pk>/edit/", views.person_edit, name="edit"),
    path("<int:pk>/reveal/", views.person_reveal, name="reveal"),
]
