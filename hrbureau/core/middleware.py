from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind
from hrbureau.core.ratelimit import RateLimited

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


def without_control_characters(text: str) -> str:
    """``text`` with every control character (Unicode Cc: NUL, the C0 and C1 ranges, DEL) taken out;
    those that are whitespace (tab, newlines, the separators \\x1c–\\x1f) become a space."""
    if text.isprintable():
        return text
    return "".join((" " if c.isspace() else "") if unicodedata.category(c) == "Cc" else c for c in text)


class CleanQueryStringMiddleware:
    """No control character reaches a view or the API through the query string.

    Every list reads its search (``q``) and filters from the query string — through a filter form, an
    API schema or ``request.GET`` itself — and passes them on to the database, where a NUL character
    is an error on PostgreSQL and, in an SQLite ``LIKE`` pattern, the end of the pattern (``%\\x00abc%``
    matched every row). No one types a control character into a search box or a filter, so they are
    taken out here, once, for every page and endpoint, rather than in each list; the query string is a
    read's input only (request bodies are checked by their forms and schemas).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.META.get("QUERY_STRING"):
            pairs = [(key, value) for key, values in request.GET.lists() for value in values]
            if any(not (key + value).isprintable() for key, value in pairs):
                cleaned = QueryDict(mutable=True)
                for key, value in pairs:
                    cleaned.appendlist(without_control_characters(key), without_control_characters(value))
                cleaned._mutable = False
                request.GET = cleaned  # type: ignore[assignment]  # immutable, as Django's own
        return self.get_response(request)


class RateLimitedMiddleware:
    """A view that raised ``core.ratelimit.RateLimited`` answers 429 with a page saying why and when to
    try again (and ``Retry-After``); the API answers the same in JSON (``core.api``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimited):
            return None
        response = render(
            request,
            "429.html",
            {"message": exception.message, "minutes": exception.retry_minutes},
            status=429,
        )
        response["Retry-After"] = str(exception.retry_after)
        return response
