from django.urls import path

app_name = "policies"

urlpatterns: list = []

# --- Matching and delivery: policies for you, the calculator, the staff's matches ------------------
from hrbureau.policies import portal  # noqa: E402
from hrbureau.policies.match_lists import MATCHES  # noqa: E402

urlpatterns += [
    path("mine/", portal.portal_list, name="portal"),
    path("mine/<int:pk>/", portal.portal_match, name="portal_match"),
    path("calculator/", portal.calculator, name="calculator"),
    path("matches/", MATCHES.view, name="matches"),
    path("matches/by-item/", portal.match_counts, name="match_counts"),
]


# --- Applications, grant lists and grants ----------------------------------------------------------
from hrbureau.policies import application_views  # noqa: E402
from hrbureau.policies.application_lists import APPLICATIONS, GRANT_LISTS, GRANTLIST_PAGE, GRANTS  # noqa: E402

urlpatterns += [
    path("items/<int:pk>/apply/", application_views.apply, name="apply"),
    path("applications/", APPLICATIONS.view, name="applications"),
    path("applications/counter/", application_views.counter_apply_pick, name="counter_apply_pick"),
    path("applications/counter/<int:pk>/", application_views.counter_apply, name="counter_apply"),
    path("applications/<int:pk>/", application_views.application_detail, name="application"),
    path("my/applications/", application_views.portal_applications, name="portal_applications"),
    path("my/applications/<int:pk>/", application_views.portal_application, name="portal_application"),
    path("my/grants/", application_views.portal_grants, name="portal_grants"),
    path("grant-lists/", GRANT_LISTS.view, name="grantlists"),
    path("grant-lists/new/", application_views.grantlist_generate, name="grantlist_generate"),
    path("grant-lists/<int:pk>/", GRANTLIST_PAGE.view, name="grantlist"),
    path("grants/", GRANTS.view, name="grants"),
]
