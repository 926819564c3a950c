"""Keyset pagination: a page deep in a million rows costs what page 1 costs (DESIGN.md scale targets).

A page is asked for by a cursor (the ordering values of the row it starts after, or before) rather than
by an offset, and no page ever counts the whole table. The ordering must end in a unique, non-null
column (the primary key) so that every row has exactly one place.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.fields.tuple_lookups import (
    Tuple,
    TupleGreaterThan,
    TupleLessThan,
    TupleLookupMixin,
)
from django.db.models.lookups import Lookup

T = TypeVar("T", bound=models.Model)

MAX_PER_PAGE = 200


class InvalidCursor(ValueError):
    pass


def _encode_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "dt" in value:
            return dt.datetime.fromisoformat(value["dt"])
        if "d" in value:
            return dt.date.fromisoformat(value["d"])
        if "dec" in value:
            return Decimal(value["dec"])
        raise InvalidCursor("unknown value in cursor")
    if value is None or isinstance(value, int | str | float):
        return value
    raise InvalidCursor("unknown value in cursor")


def encode_cursor(direction: str, values: Sequence[Any]) -> str:
    raw = json.dumps([direction, [_encode_value(v) for v in values]], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, width: int) -> tuple[str, list[Any]]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        direction, values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, TypeError, UnicodeDecodeError) as exc:
        raise InvalidCursor("cursor is not readable") from exc
    if direction not in ("after", "before") or not isinstance(values, list) or len(values) != width:
        raise InvalidCursor("cursor does not fit this list")
    return direction, [_decode_value(v) for v in values]


def _field_path(order: str) -> tuple[str, bool]:
    return (order[1:], True) if order.startswith("-") else (order, False)


class _RowValueMixin:
    """Django enables row-value lookups only where it can use them everywhere; SQLite (3.15 and later)
    has row values, so compare the whole row there too and fall back to the expansion elsewhere."""

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        if connection.vendor in ("sqlite", "postgresql"):
            return super(TupleLookupMixin, self).as_sql(compiler, connection)  # type: ignore[misc]
        return self.get_fallback_sql(compiler, connection)  # type: ignore[attr-defined]


class _RowBefore(_RowValueMixin, TupleLessThan):
    pass


class _RowAfter(_RowValueMixin, TupleGreaterThan):
    pass


def _seek(ordering: Sequence[str], values: Sequence[Any], *, forward: bool) -> Q | Lookup:
    """Rows strictly after ``values`` in ``ordering`` (or strictly before when not ``forward``).

    When every column runs the same way the condition is one row-value comparison,
    ``(received_at, id) < (%s, %s)``, which SQLite and PostgreSQL both answer as a range on the index
    (the expanded ``a < x OR (a = x AND b < y)`` makes SQLite walk the index from its start: a page
    50,000 rows deep cost 250× page 1). Mixed directions need the expansion.
    """
    directions = {_field_path(order)[1] for order in ordering}
    if len(ordering) > 1 and len(directions) == 1:
        smaller = directions.pop() == forward
        lookup = _RowBefore if smaller else _RowAfter
        columns = Tuple(*(F(_field_path(order)[0]) for order in ordering))
        return lookup(columns, list(values))
    condition = Q()
    for index, order in enumerate(ordering):
        field, descending = _field_path(order)
        # Forward along a descending column, or back along an ascending one, means smaller values.
        smaller = descending == forward
        step = Q(**{f"{field}__{'lt' if smaller else 'gt'}": values[index]})
        for prior_order, prior_value in zip(ordering[:index], values[:index], strict=True):
            step &= Q(**{_field_path(prior_order)[0]: prior_value})
        condition |= step
    return condition


@dataclass
class KeysetPage(Generic[T]):
    items: list[T]
    next_cursor: str | None
    previous_cursor: str | None
    per_page: int

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def _values(obj: Any, ordering: Sequence[str]) -> list[Any]:
    values = []
    for order in ordering:
        value: Any = obj
        for part in _field_path(order)[0].split("__"):
            value = getattr(value, part)
        if isinstance(value, models.Model):
            value = value.pk
        values.append(value)
    return values


def _fetch(queryset: models.QuerySet[T]) -> list[T]:
    # A readable cursor can still hold a value of the wrong kind for its column ("abc" for a date); the
    # database adapter finds out only when the query is compiled.
    try:
        return list(queryset)
    except (ValidationError, ValueError, TypeError) as exc:
        raise InvalidCursor("cursor does not fit this list") from exc


def keyset_page(
    queryset: models.QuerySet[T], *, ordering: Sequence[str], cursor: str | None, per_page: int = 20
) -> KeysetPage[T]:
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    direction = "after"
    values: list[Any] | None = None
    if cursor:
        direction, values = decode_cursor(cursor, len(ordering))
    if direction == "before" and values is not None:
        reversed_ordering = [o[1:] if o.startswith("-") else f"-{o}" for o in ordering]
        rows = _fetch(
            queryset.filter(_seek(ordering, values, forward=False)).order_by(*reversed_ordering)[
                : per_page + 1
            ]
        )
        has_more_before = len(rows) > per_page
        items = list(reversed(rows[:per_page]))
        previous_cursor = (
            encode_cursor("before", _values(items[0], ordering)) if has_more_before and items else None
        )
        next_cursor = encode_cursor("after", _values(items[-1], ordering)) if items else None
        return KeysetPage(items, next_cursor, previous_cursor, per_page)
    page_qs = queryset.order_by(*ordering)
    if values is not None:
        page_qs = page_qs.filter(_seek(ordering, values, forward=True))
    rows = _fetch(page_qs[: per_page + 1])
    items = rows[:per_page]
    next_cursor = encode_cursor("after", _values(items[-1], ordering)) if len(rows) > per_page else None
    previous_cursor = (
        encode_cursor("before", _values(items[0], ordering)) if values is not None and items else None
    )
    return KeysetPage(items, next_cursor, previous_cursor, per_page)


def keyset_page_or_first(
    queryset: models.QuerySet[T], *, ordering: Sequence[str], cursor: str | None, per_page: int = 20
) -> KeysetPage[T]:
    """For pages: a cursor that cannot be read (an old bookmark, a hand-edited address) gives the first
    page rather than an error. The API refuses such a cursor instead (422)."""
    try:
        return keyset_page(queryset, ordering=ordering, cursor=cursor, per_page=per_page)
    except InvalidCursor:
        return keyset_page(queryset, ordering=ordering, cursor=None, per_page=per_page)
