"""Helpers for API endpoints: permission checks and keyset-paginated lists."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from ninja import Path, Schema
from ninja.errors import HttpError
from pydantic import BeforeValidator, Field, model_validator

from hrbureau.core.pagination import MAX_PER_PAGE, InvalidCursor, keyset_page

T = TypeVar("T")

# Database ids are 64-bit; a larger number must be refused as invalid (422), not reach the database.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Count = Annotated[int, Field(ge=0, le=2_147_483_647)]


def _iso_day(value: Any) -> Any:
    # Pydantic would also read a number as a day (0 → 1970-01-01); the schema promises an ISO date.
    if isinstance(value, dt.date) or (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
        return value
    raise ValueError("a day is written YYYY-MM-DD")


def _flag(value: Any) -> Any:
    # Only what the schema's boolean allows: pydantic would also read "yes", "on", "1"…
    if isinstance(value, bool):
        return value
    if value in ("true", "false"):
        return value == "true"
    raise ValueError("true or false")


Day = Annotated[dt.date, BeforeValidator(_iso_day)]  # a query parameter's day: YYYY-MM-DD only
Flag = Annotated[bool, BeforeValidator(_flag)]  # a query parameter's yes or no: true or false only


class ApiPage(Schema, Generic[T]):
    items: list[T]
    next_cursor: str | None
    previous_cursor: str | None


def require_perm(user: Any, permission: str) -> None:
    if not user.has_perm(permission):
        raise PermissionDenied(permission)


def api_page(
    queryset: models.QuerySet[Any], *, ordering: Sequence[str], cursor: str | None, limit: int
) -> dict[str, Any]:
    if limit < 1 or limit > MAX_PER_PAGE:
        raise HttpError(422, _("limit must be between 1 and %(max)d.") % {"max": MAX_PER_PAGE})
    try:
        page = keyset_page(queryset, ordering=ordering, cursor=cursor, per_page=limit)
    except InvalidCursor:
        raise HttpError(422, _("The cursor is not valid for this list.")) from None
    return {"items": page.items, "next_cursor": page.next_cursor, "previous_cursor": page.previous_cursor}


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul(v) for v in value)
    return False


class InputSchema(Schema):
    """Any input the API reads (query filters and bodies). A NUL character is refused as invalid (422)
    wherever it appears: PostgreSQL cannot store or even compare it, and no real text contains it
    (Django's forms refuse it the same way; found by the schemathesis fuzz). The query string reaches
    here already cleaned of control characters (``core.middleware.CleanQueryStringMiddleware``), so in
    practice this refuses them in bodies."""

    @model_validator(mode="before")
    @classmethod
    def _no_nul_characters(cls, value: Any) -> Any:
        inner = getattr(value, "_obj", value)  # ninja may wrap the parsed input in a DjangoGetter
        if (isinstance(inner, dict) and _has_nul(inner)) or (
            isinstance(inner, str | list) and _has_nul(inner)
        ):
            raise ValueError("text must not contain NUL characters")
        return value


class ObjectBody(InputSchema):
    """A request body that must be a JSON object: django-ninja would otherwise read a JSON array into
    a schema whose fields are all optional (found by the schemathesis fuzz)."""

    @model_validator(mode="before")
    @classmethod
    def _must_be_an_object(cls, value: Any) -> Any:
        inner = getattr(value, "_obj", value)  # ninja may wrap the parsed body in a DjangoGetter
        if not isinstance(inner, dict):
            raise ValueError("the request body must be a JSON object")
        return value
