"""API authentication: the browser's session (with CSRF) or an integration's bearer token."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from hrbureau.accounts import services
from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind


class BrowserSession(SessionAuth):
    """Signed-in web users; unsafe methods need the CSRF token like any form."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if user.is_authenticated and user.has_perm("core.use_api"):
            return user
        return None


class IntegrationToken(HttpBearer):
    """``Authorization: Bearer hrb_…`` for integration accounts (``manage.py create_api_token``)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = services.api_token_authenticate(secret=token)
        if user is None:
            audit_record(
                kind=AuditKind.API_TOKEN_REJECTED,
                request=request,
                success=False,
                reason="unknown or revoked token",
            )
            return None
        request.auth_user = user  # type: ignore[attr-defined]
        return user


API_AUTH = [IntegrationToken(), BrowserSession()]
