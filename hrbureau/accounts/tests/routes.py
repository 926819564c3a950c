"""Routes of the platform shell, accounts, audit and dashboard for the permission matrix."""

from hrbureau.accounts.choices import Role
from hrbureau.tests.matrix import ALL_ROLES, ANONYMOUS, DISTRICT_WIDE, PORTAL, STAFF, Route

EVERYONE = ALL_ROLES | {ANONYMOUS}
SIGNED_IN_WEB = ALL_ROLES  # force_login also signs in integration accounts; pages must still refuse them


def _orgunit_detail(world):  # type: ignore[no-untyped-def]
    return f"/api/v1/org-units/{world.units['street-b'].pk}"


ROUTES = [
    Route("home", "/", allowed=STAFF | PORTAL, ok_status=302),
    Route("workbench", "/workbench/", allowed=STAFF),
    Route("portal", "/portal/", allowed=PORTAL),
    Route("quick_search", "/search/?q=%E4%BC%81%E4%B8%9A", allowed=STAFF),
    Route("healthz", "/healthz", allowed=EVERYONE),
    Route("accounts:login", "/accounts/login/", allowed={ANONYMOUS}),
    Route(
        "accounts:logout",
        "/accounts/logout/",
        method="POST",
        allowed=SIGNED_IN_WEB | {ANONYMOUS},
        ok_status=302,
    ),
    Route("accounts:profile", "/accounts/profile/", allowed=STAFF | PORTAL),
    Route(
        "accounts:set_language",
        "/accounts/language/",
        method="POST",
        data={"language": "en", "next": "/"},
        allowed=EVERYONE,
        ok_status=302,
    ),
    Route("accounts:password_change", "/accounts/password/change/", allowed=SIGNED_IN_WEB),
    Route("accounts:password_change_done", "/accounts/password/change/done/", allowed=SIGNED_IN_WEB),
    Route("accounts:password_reset", "/accounts/password/reset/", allowed=EVERYONE),
    Route("accounts:password_reset_done", "/accounts/password/reset/sent/", allowed=EVERYONE),
    Route("accounts:password_reset_confirm", "/accounts/password/reset/MQ/invalid-token/", allowed=EVERYONE),
    Route("accounts:password_reset_complete", "/accounts/password/reset/complete/", allowed=EVERYONE),
    Route("accounts:orgunit_list", "/accounts/org-units/", allowed=STAFF),
    Route(
        "accounts:orgunit_list",
        "/accounts/org-units/?export=xlsx",
        allowed={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD, Role.DEPT_STAFF},
        label="export",
        export="accounts.export_orgunit",
    ),
    Route("core:audit_list", "/core/audit/", allowed={Role.SYSADMIN}),
    Route(
        "core:audit_list",
        "/core/audit/?export=xlsx",
        allowed={Role.SYSADMIN},
        label="export",
        export="core.export_auditevent",
    ),
    Route("reports:dashboard", "/dashboard/", allowed={Role.SYSADMIN, Role.LEADER, Role.DEPT_HEAD}),
    Route("admin:index", "/admin/", allowed={Role.SYSADMIN}),
    Route("api:me", "/api/v1/me", allowed=ALL_ROLES, api=True),
    Route("api:orgunit_list", "/api/v1/org-units", allowed=STAFF | {Role.INTEGRATION}, api=True),
    Route("api:orgunit_detail", _orgunit_detail, allowed=STAFF | {Role.INTEGRATION}, api=True),
    Route("api:openapi-json", "/api/v1/openapi.json", allowed=EVERYONE),
    Route("api:openapi-view", "/api/v1/docs", allowed=EVERYONE),
    Route("api:api-root", "/api/v1/", allowed=set()),  # ninja's catch-all: 404 for everyone
]

# Roles that must see the whole district in lists; kept here for the scoped-row checks of later routes.
__all__ = ["DISTRICT_WIDE", "ROUTES"]
