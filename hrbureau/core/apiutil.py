"""Helpers for API endpoints: permission checks and keyset-paginated lists."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError

from hrbureau.core.pagination import MAX_PER_PAGE, InvalidCursor, keyset_page

T = TypeVar("T")


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
