"""Set-based inserts for bulk writes (imports, benchmarks) without the ORM's per-value overhead.

``bulk_create`` prepares every value of every row through the field machinery — for a 100,000-row
import that costs more than the database work. Here each column's conversion is chosen once from the
model field, and the rows go to the driver in one ``executemany`` per chunk. Values must already be
clean (the services validated them); this only writes.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, models

CHUNK = 5000


def _same_value_cache(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Bulk rows often share one timestamp (created_at = now): convert it once."""
    last: list[Any] = [object(), None]

    def cached(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return cached


def _converter(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any]:
    if isinstance(field, models.JSONField):
        return lambda value: json.dumps(value, ensure_ascii=False)
    if isinstance(field, models.DateTimeField):
        return _same_value_cache(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return lambda value: connection.ops.adapt_datefield_value(value)
    if isinstance(field, models.BooleanField):
        return bool
    return lambda value: value


def _field(model: type[models.Model], name: str) -> Any:
    """A field by its name, or a foreign key by its column name ("street_id")."""
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        if name.endswith("_id"):
            return model._meta.get_field(name.removesuffix("_id"))
        raise


def bulk_insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str = "default",
) -> int:
    """Insert ``rows`` (values in the order of ``columns``, field names or ``<fk>_id``) into ``model``."""
    connection = connections[using]
    fields = [_field(model, name) for name in columns]
    converters = [_converter(field, connection) for field in fields]
    db_columns = [connection.ops.quote_name(field.column) for field in fields]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(db_columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    count = 0
    batch: list[list[Any]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                [
                    convert(value) if value is not None else None
                    for convert, value in zip(converters, row, strict=True)
                ]
            )
            if len(batch) >= CHUNK:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    return count
