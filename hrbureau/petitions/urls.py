from django.urls import path

from hrbureau.petitions import views
from hrbureau.petitions.lists import WORKORDERS

app_name = "petitions"
urlpatterns = [
    path("", WORKORDERS.view, name="list"),
    path("new/", views.workorder_create, name="create"),
    path("board/", views.board, name="board"),
    path("<int:pk>/", views.workorder_detail, name="detail"),
    path("mine/", views.portal_list, name="portal_list"),
    path("mine/new/", views.portal_file, name="portal_file"),
    path("mine/<int:pk>/", views.portal_detail, name="portal_detail"),
    path("track/", views.track, name="track"),
]
