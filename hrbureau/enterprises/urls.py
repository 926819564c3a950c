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

# --- Enterprise demands (企业诉求) ---------------------------------------------------------------------
from hrbureau.enterprises import demand_views  # noqa: E402
from hrbureau.enterprises.demand_lists import DEMAND_PAGE, DEMANDS  # noqa: E402

urlpatterns += [
    path("demands/", DEMANDS.view, name="demand_list"),
    path("demands/new/", demand_views.demand_file, name="demand_file"),
    path("demands/<int:pk>/", DEMAND_PAGE.view, name="demand"),
    path("demands/mine/", demand_views.portal_demands, name="portal_demands"),
    path("demands/mine/new/", demand_views.portal_demand_file, name="portal_demand_file"),
    path("demands/mine/<int:pk>/", demand_views.portal_demand, name="portal_demand"),
]
