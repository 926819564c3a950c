"""What every API endpoint shares: error bodies, their handlers and the status codes to declare.

Every error leaves as JSON ``{"detail": <translated message>, "code": <stable code>}`` (422 adds the
field errors), and every endpoint declares each status it can return, so the OpenAPI schema is a true
contract that schemathesis can hold the API to.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from hrbureau.core.ratelimit import RateLimited


class ErrorOut(Schema):
    detail: str
    code: str


class FieldErrorOut(Schema):
    loc: list[str | int]
    msg: str


class ValidationErrorOut(Schema):
    detail: str
    code: str
    errors: list[FieldErrorOut]


def responses(
    ok: Any,
    *,
    ok_status: int = 200,
    detail: bool = False,
    rate_limited: bool = False,
    extra: dict[int, Any] | None = None,
) -> dict[int, Any]:
    """The response map of an endpoint: its success plus 400, 401, 403, 422 (404 for a detail, 429 for one
    that counts against a rate limit, e.g. ``core.ratelimit.public_lookup``)."""
    codes: dict[int, Any] = {
        ok_status: ok,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        422: ValidationErrorOut,
    }
    if detail:
        codes[404] = ErrorOut
    if rate_limited:
        codes[429] = ErrorOut
    codes.update(extra or {})
    return codes


def _error(
    api: NinjaAPI, request: HttpRequest, status: int, detail: str, code: str, **more: Any
) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "code": code, **more}, status=status)


def install_error_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(
            api,
            request,
            401,
            _("Authentication required: sign in or send a valid API token."),
            "unauthenticated",
        )

    @api.exception_handler(AuthorizationError)
    def forbidden_ninja(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 403, _("You do not have permission to do this."), "permission_denied")

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 403, _("You do not have permission to do this."), "permission_denied")

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 404, _("Not found."), "not_found")

    @api.exception_handler(NinjaValidationError)
    def invalid_request(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", [])], "msg": str(e.get("msg", ""))} for e in exc.errors
        ]
        return _error(api, request, 422, _("The request is not valid."), "invalid", errors=errors)

    @api.exception_handler(DjangoValidationError)
    def invalid_data(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"loc": [field], "msg": str(m)} for field, msgs in exc.message_dict.items() for m in msgs
            ]
        else:
            errors = [{"loc": [], "msg": str(m)} for m in exc.messages]
        first = str(errors[0]["msg"]) if errors else _("The request is not valid.")
        return _error(api, request, 422, first, "invalid", errors=errors)

    @api.exception_handler(MultiPartParserError)
    @api.exception_handler(BadRequest)
    @api.exception_handler(SuspiciousOperation)
    def unreadable_request(request: HttpRequest, exc: Exception) -> HttpResponse:
        # A body Django cannot parse (a malformed multipart upload, too many fields or files): the
        # client's fault, said as such — without a handler it would be a server error.
        return _error(
            api,
            request,
            400,
            _(
                "The request body cannot be read: send the upload as multipart/form-data with its "
                "boundary, complete and within the size limits."
            ),
            "bad_request",
        )

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 429, _("Too many requests; try again later."), "throttled")

    @api.exception_handler(RateLimited)
    def rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
        # An endpoint doing what a rate-limited page does counts against the same limit (core.ratelimit).
        response = _error(api, request, 429, str(exc.message), "rate_limited")
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            # django-ninja's "Cannot parse request body": an invalid request like any other (422).
            return _error(
                api,
                request,
                422,
                _("The request body cannot be read (malformed JSON or form data)."),
                "invalid",
                errors=[],
            )
        more: dict[str, Any] = {"errors": []} if exc.status_code == 422 else {}
        return _error(
            api,
            request,
            exc.status_code,
            exc.message,
            "invalid" if exc.status_code == 422 else "error",
            **more,
        )
