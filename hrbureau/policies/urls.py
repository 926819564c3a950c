from django.urls import path

app_name = "policies"

urlpatterns: list = []

# --- Matching and delivery: policies for you, the calculator, the staff's matches ------------------
from hrbureau.policies import portal  # noqa: E402
from hrbureau.policies.lists import MATCHES  # noqa: E402

urlpatterns += [
    path("mine/", portal.portal_list, name="portal"),
    path("mine/<int:pk>/", portal.portal_match, name="portal_match"),
    path("calculator/", portal.calculator, name="calculator"),
    path("matches/", MATCHES.view, name="matches"),
    path("matches/by-item/", portal.match_counts, name="match_counts"),
]
