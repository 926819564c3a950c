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
