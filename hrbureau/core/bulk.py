"""Set-based inserts for bulk writes (imports, benchmarks) without the ORM's per-value overhead.

``bulk_create`` prepares every value of every row through the field machinery — for a 100,000-row
import that costs more than the database work. Here each column's conversion is chosen once from the
model field, and the rows go to the driver in one ``executemany`` per chunk. Values must already be
clean (the services validated them); this only writes.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
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


def ids_by_key(
    model: type[models.Model], field: str, keys: Iterable[str], *, using: str = "default"
) -> dict[str, int]:
    """{key: id} of the rows whose ``field`` is one of ``keys`` — one query with one parameter however
    many keys (an import checks a thousand codes at a time; a thousand placeholders cost more to build
    and bind than the lookup itself)."""
    keys = list(keys)
    if not keys:
        return {}
    connection = connections[using]
    quote = connection.ops.quote_name
    table, column = quote(model._meta.db_table), quote(_field(model, field).column)
    pk = quote(model._meta.pk.column)
    if connection.vendor == "postgresql":
        sql, param = f"SELECT {column}, {pk} FROM {table} WHERE {column} = ANY(%s)", keys  # noqa: S608
    else:
        sql = f"SELECT {column}, {pk} FROM {table} WHERE {column} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        param = json.dumps(keys)  # type: ignore[assignment]
    with connection.cursor() as cursor:
        cursor.execute(sql, [param])
        return dict(cursor.fetchall())


def _reserve_ids(connection: Any, model: type[models.Model], count: int) -> list[int]:
    """PostgreSQL: take ``count`` values of the table's id sequence in one round trip, so rows written
    by COPY (which returns nothing) have known ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def bulk_insert(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    using: str = "default",
    return_ids: bool = False,
) -> list[int] | None:
    """Insert ``rows`` (values in the order of ``columns``, field names or ``<fk>_id``) into ``model``.

    With ``return_ids``, the new rows' ids in row order, without a query per row: on SQLite, inside the
    caller's transaction nobody else can insert and AUTOINCREMENT ids rise one by one; on PostgreSQL the
    ids are taken from the sequence first and written with the rows. None when they cannot be known
    (SQLite outside a transaction, a model without an automatic id).
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
    ids: list[int] = []
    if connection.vendor == "postgresql":
        auto = isinstance(model._meta.pk, models.AutoField | models.BigAutoField | models.SmallAutoField)
        if not (return_ids and auto and model._meta.pk.column not in columns):
            _copy(connection, model, db_columns, special, rows)
            return None
        db_columns = [connection.ops.quote_name(model._meta.pk.column), *db_columns]
        special = [(index + 1, convert) for index, convert in special]
        chunk: list[Sequence[Any]] = []

        def numbered() -> Iterator[list[Any]]:
            reserved = _reserve_ids(connection, model, len(chunk))
            ids.extend(reserved)
            return ([pk, *row] for pk, row in zip(reserved, chunk, strict=True))

        for row in rows:
            chunk.append(row)
            if len(chunk) >= CHUNK:
                _copy(connection, model, db_columns, special, numbered())
                chunk.clear()
        if chunk:
            _copy(connection, model, db_columns, special, numbered())
        return ids
    sqlite = connection.vendor == "sqlite" and connection.in_atomic_block
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
    return ids if sqlite and return_ids else None


def _copy(
    connection: Any,
    model: type[models.Model],
    db_columns: list[str],
    special: list[Any],
    rows: Iterable[Sequence[Any]],
) -> None:
    """PostgreSQL: COPY … FROM STDIN, several times faster than INSERT for bulk rows."""
    rows = iter(rows)
    first = next(rows, None)
    if first is None:
        return  # nothing to write: no COPY round trip
    rows = itertools.chain([first], rows)
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
