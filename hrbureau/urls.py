from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from hrbureau.api import api
from hrbureau.compliance.urls import MOVED_FROM_LABOUR as COMPLIANCE_MOVED
from hrbureau.core import views as core_views
from hrbureau.hrmarket.urls import MOVED_FROM_LABOUR as HRMARKET_MOVED

admin.site.site_header = _("HR Bureau administration")  # 人力资源局 后台管理
admin.site.site_title = _("HR Bureau administration")
admin.site.index_title = _("Reference data and settings")

urlpatterns = [
    path("", core_views.home, name="home"),
    path("workbench/", core_views.workbench, name="workbench"),
    path("portal/", core_views.portal, name="portal"),
    path("search/", core_views.quick_search, name="quick_search"),
    path("healthz", core_views.healthz, name="healthz"),
    path("accounts/", include("hrbureau.accounts.urls")),
    path("core/", include("hrbureau.core.urls")),
    path("dashboard/", include("hrbureau.reports.urls")),
    path("enterprises/", include("hrbureau.enterprises.urls")),
    path("people/", include("hrbureau.people.urls")),
    path("petitions/", include("hrbureau.petitions.urls")),
    path("arbitration/", include("hrbureau.arbitration.urls")),
    # Pages that left labour when it was split by business line (issue 16) answer at their old address
    # with a permanent redirect; matched before labour's own patterns, which no longer have them.
    path("labour/", include((COMPLIANCE_MOVED + HRMARKET_MOVED, "moved"))),
    path("labour/", include("hrbureau.labour.urls")),
    path("compliance/", include("hrbureau.compliance.urls")),
    path("hrmarket/", include("hrbureau.hrmarket.urls")),
    path("policies/", include("hrbureau.policies.urls")),
    path("talent/", include("hrbureau.talent.urls")),
    path("personnel/", include("hrbureau.personnel.urls")),
    path("imports/", include("hrbureau.core.imports.urls")),
    # The admin signs in through our login page, so lockout and audit apply to it as well.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]

handler403 = "hrbureau.core.views.error_403"
handler404 = "hrbureau.core.views.error_404"
