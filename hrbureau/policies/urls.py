from django.urls import path

from hrbureau.policies import item_views
from hrbureau.policies.lists import DOCUMENTS, ITEMS, PACKAGES

app_name = "policies"

urlpatterns = [
    # --- the policy library (library) ---
    path("items/", ITEMS.view, name="items"),
    path("items/new/", item_views.item_create, name="item_create"),
    path("items/<int:pk>/", item_views.item_detail, name="item"),
    path("items/<int:pk>/edit/", item_views.item_edit, name="item_edit"),
    path("items/<int:pk>/near-misses/<int:index>/", item_views.item_near_misses, name="item_near_misses"),
    path("documents/", DOCUMENTS.view, name="documents"),
    path("documents/new/", item_views.document_create, name="document_create"),
    path("documents/<int:pk>/", item_views.document_detail, name="document"),
    path("packages/", PACKAGES.view, name="packages"),
    path("packages/new/", item_views.package_create, name="package_create"),
    path("packages/<int:pk>/", item_views.package_detail, name="package"),
    path("library/", item_views.public_library, name="public_library"),
    path("library/<int:pk>/", item_views.public_item, name="public_item"),
]

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
