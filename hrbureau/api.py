"""The JSON API under /api/v1/ (django-ninja): schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from hrbureau.accounts.api import router as accounts_router
from hrbureau.accounts.api_auth import API_AUTH
from hrbureau.arbitration.api import router as arbitration_router
from hrbureau.compliance.api import router as compliance_router
from hrbureau.core.actions_api import action_router
from hrbureau.core.api import install_error_handlers
from hrbureau.core.imports.api import router as imports_router
from hrbureau.enterprises.api import router as enterprises_router
from hrbureau.hrmarket.api import router as hrmarket_router
from hrbureau.labour.api import router as labour_router
from hrbureau.people.api import router as people_router
from hrbureau.petitions.api import router as petitions_router

api = NinjaAPI(
    title="hrbureau API",
    version="1",
    description=str(
        _(
            "The district Human Resources Bureau platform. Browser clients use their session (with the CSRF "
            "token); integrations send 'Authorization: Bearer <token>'."
        )
    ),
    auth=API_AUTH,
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_router("/", accounts_router)
api.add_router("/", enterprises_router)
api.add_router("/", people_router)
api.add_router("/", imports_router)
api.add_router("/", petitions_router)
api.add_router("/", arbitration_router)
api.add_router("/", labour_router)
api.add_router("/", compliance_router)
api.add_router("/", hrmarket_router)
api.add_router("/", action_router(API_AUTH))
