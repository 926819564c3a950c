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


def _json(value: Any) -> str:
    # Most bulk rows carry an empty list or dict here; spare json.dumps for those.
    if value == [] and isinstance(value, list):
        return "[]"
    if value == {} and isinstance(value, dict):
        return "{}"
    return json.dumps(value, ensure_ascii=False)


def _same_value_cache(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Bulk rows often share one timestamp (created_at = now): convert it once."""
    last: list[Any] = [object(), None]

    def cached(value: Any) -> Any:
        if value is not last[0]:
            last[0], last[1] = value, convert(value)
        return last[1]

    return cached


def _converter(field: models.Field[Any, Any], connection: Any) -> Callable[[Any], Any] | None:
    """How to turn a Python value into what the driver takes; None when it takes the value as it is."""
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, models.DateTimeField):
        return _same_value_cache(connection.ops.adapt_datetimefield_value)
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    return None


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
) -> list[int] | None:
    """Insert ``rows`` (values in the order of ``columns``, field names or ``<fk>_id``) into ``model``.

    On SQLite, inside the caller's transaction nobody else can insert, and AUTOINCREMENT ids rise one
    by one, so the new rows' ids are returned (in row order) without a query; elsewhere None.
    """
    connection = connections[using]
    fields = [_field(model, name) for name in columns]
    special = [
        (index, convert) for index, field in enumerate(fields) if (convert := _converter(field, connection))
    ]
    db_columns = [connection.ops.quote_name(field.column) for field in fields]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(db_columns)}) "  # noqa: S608
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    if connection.vendor == "postgresql":
        _copy(connection, model, db_columns, special, rows)
        return None
    sqlite = connection.vendor == "sqlite" and connection.in_atomic_block
    ids: list[int] = []
    batch: list[list[Any]] = []

    def flush(cursor: Any) -> None:
        cursor.executemany(sql, batch)
        if sqlite:
            cursor.execute("SELECT last_insert_rowid()")
            last = cursor.fetchone()[0]
            ids.extend(range(last - len(batch) + 1, last + 1))
        batch.clear()

    with connection.cursor() as cursor:
        for row in rows:
            values = list(row)
            for index, convert in special:
                if values[index] is not None:
                    values[index] = convert(values[index])
            batch.append(values)
            if len(batch) >= CHUNK:
                flush(cursor)
        if batch:
            flush(cursor)
    return ids if sqlite else None


def _copy(
    connection: Any,
    model: type[models.Model],
    db_columns: list[str],
    special: list[Any],
    rows: Iterable[Sequence[Any]],
) -> None:
    """PostgreSQL: COPY … FROM STDIN, several times faster than INSERT for bulk rows."""
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(db_columns)}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = list(row)
            for index, convert in special:
                if values[index] is not None:
                    values[index] = convert(values[index])
            copy.write_row(values)
