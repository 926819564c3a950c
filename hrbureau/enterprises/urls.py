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

# Key enterprises' service plans (一企一策) and labour-demand lists (issue 17).
from hrbureau.enterprises import plan_views  # noqa: E402
from hrbureau.enterprises.plan_lists import KEY_ENTERPRISES, LABOUR_DEMAND_PAGE  # noqa: E402

urlpatterns += [
    path("key/", KEY_ENTERPRISES.view, name="key_list"),
    path("key/<int:pk>/plan/new/", plan_views.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plan_views.plan_detail, name="plan"),
    path("plans/<int:pk>/items/new/", plan_views.plan_item_add, name="plan_item_add"),
    path("plans/<int:pk>/visits/new/", plan_views.plan_visit_add, name="plan_visit_add"),
    path("labour-demand/", plan_views.labour_demand_list, name="labour_demand_list"),
    path("labour-demand/new/", plan_views.labour_demand_create, name="labour_demand_create"),
    path("labour-demand/<int:pk>/", LABOUR_DEMAND_PAGE.view, name="labour_demand"),
    path("mine/labour-needs/", plan_views.portal_labour_list, name="portal_labour"),
    path("mine/labour-needs/new/", plan_views.portal_labour_new, name="portal_labour_new"),
    path("mine/labour-needs/<int:pk>/edit/", plan_views.portal_labour_edit, name="portal_labour_edit"),
    path("mine/service-plan/", plan_views.portal_plan, name="portal_plan"),
]
