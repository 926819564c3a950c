from django.urls import include, path

from hrbureau.tests.example.lists import DEMAND_PAGE, DEMANDS
from hrbureau.urls import urlpatterns as platform

app_name = "example"
demand_patterns = [path("", DEMANDS.view, name="list"), path("<int:pk>/", DEMAND_PAGE.view, name="demand")]
# The test settings' root: the platform's addresses and the example's.
urlpatterns = [*platform, path("example/", include((demand_patterns, "example")))]
