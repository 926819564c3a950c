from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind

# No inline script or style anywhere, so the policy allows nothing but our own origin. Scripts read
# their configuration from data- attributes or <script type="application/json"> blocks.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=()"


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            # Pages behind a login hold personal data: never keep them in a shared cache.
            response.headers.setdefault("Cache-Control", "private, no-store")
        return response


class PermissionDeniedAuditMiddleware:
    """Every refusal (HTTP 403), whether from a view, the API or the CSRF check, is audited here, once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 403 and not request.path.startswith(settings.STATIC_URL):
            audit_record(
                kind=AuditKind.PERMISSION_DENIED,
                request=request,
                actor=getattr(request, "auth_user", None),
                success=False,
                reason=getattr(response, "audit_reason", "")[:500],
            )
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """The interface speaks Simplified Chinese unless the user chose English with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language; a bureau's shared computers
    often have English browsers, and staff expect the platform in Chinese by default (DESIGN.md). So
    only the remembered choice (the language cookie) counts.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class IdleTimeoutMiddleware:
    """Ends a session after SESSION_IDLE_MINUTES without a request (DOMAIN.md §6).

    The time of the last request is kept in the session and written back at most once a minute, so an
    active user does not cost a session write on every request; the session's own expiry
    (SESSION_COOKIE_AGE, the same period) moves forward with each of those writes, so the database
    forgets idle sessions too.
    """

    KEY = "_last_seen"
    WRITE_EVERY = 60

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(self.KEY)
            if last_seen is not None and now - int(last_seen) > settings.SESSION_IDLE_MINUTES * 60:
                logout(request)
            elif last_seen is None or now - int(last_seen) >= self.WRITE_EVERY:
                request.session[self.KEY] = now
        return self.get_response(request)
