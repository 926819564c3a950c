"""Chinese substring search that returns exactly what a plain substring scan returns, fast.

Chinese has no spaces to split words on, so full-text search by words is wrong for names and addresses:
a user typing "东湖" expects every enterprise whose name contains those two characters. The rule here
is strict: for any query, of any length, the result is exactly the rows a plain ``LIKE '%query%'``
(``ILIKE`` on PostgreSQL) scan returns. The indexes only make it fast:

* PostgreSQL: pg_trgm GIN indexes answer ``ILIKE '%…%'`` for queries of 3+ characters. pg_trgm splits
  text into trigrams using the database's LC_CTYPE; under the C locale it sees Chinese characters as
  non-alphanumeric and produces no trigrams, so the index would silently be useless. The database must
  have a UTF-8 LC_CTYPE (``check_trigram_support`` fails loudly otherwise).
* SQLite: an FTS5 table with the trigram tokenizer, kept in step by triggers, narrows the candidates;
  the same LIKE then filters them, so the answer is the scan's answer. A trigram index cannot answer
  queries under 3 characters — SQLite 3.40 even returns *nothing* for a 2-character Chinese LIKE on the
  trigram table (tested) — so shorter queries use the plain scan, which stops as soon as a page is full.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import connections, models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import Lookup

TRIGRAM = 3


class Substring(Lookup):
    """``field__substring=q``: ``ILIKE '%q%'`` on PostgreSQL (pg_trgm-indexable), ``LIKE`` on SQLite.

    Django's ``icontains`` on PostgreSQL is ``UPPER(col) LIKE UPPER(q)``, which no trigram index serves.
    """

    lookup_name = "substring"

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", ["%" + connection.ops.prep_for_like_query(value) + "%"]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} ILIKE {rhs}", [*lhs_params, *rhs_params]
        return f"{lhs} LIKE {rhs} ESCAPE '\\'", [*lhs_params, *rhs_params]


models.CharField.register_lookup(Substring)
models.TextField.register_lookup(Substring)


@dataclass(frozen=True)
class TextIndex:
    """The searchable text columns of one table."""

    table: str
    columns: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return f"{self.table}_fts"


def _fts_match(query: str) -> str:
    # One FTS5 phrase; a double quote inside is doubled. The trigram tokenizer turns it into the
    # sequence of the query's trigrams.
    return '"' + query.replace('"', '""') + '"'


def substring_condition(index: TextIndex, query: str, *, using: str = "default") -> Q:
    """The condition "any of the index's columns contains ``query``" (the scan's answer), indexed: on
    SQLite the trigram table's candidates, then the same LIKE; on PostgreSQL the ILIKEs the trigram
    indexes answer. For a query that is already stripped and not empty."""
    condition = Q()
    for column in index.columns:
        condition |= Q(**{f"{column}__substring": query})
    if connections[using].vendor == "sqlite" and len(query) >= TRIGRAM:
        candidates = RawSQL(
            f'SELECT rowid FROM "{index.fts_table}" WHERE "{index.fts_table}" MATCH %s', [_fts_match(query)]
        )
        return Q(pk__in=candidates) & condition
    return condition


def substring_filter(queryset: models.QuerySet[Any], index: TextIndex, query: str) -> models.QuerySet[Any]:
    """Rows where any of the index's columns contains ``query`` (the scan's answer, indexed)."""
    query = query.strip()
    if not query:
        return queryset
    return queryset.filter(substring_condition(index, query, using=queryset.db))


# --- schema: created by migrations ---------------------------------------------------------------


def _sqlite_statements(index: TextIndex) -> list[str]:
    table, fts = index.table, index.fts_table
    cols = ", ".join(index.columns)
    new_cols = ", ".join(f"new.{c}" for c in index.columns)
    old_cols = ", ".join(f"old.{c}" for c in index.columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', tokenize='trigram')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_cols}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_cols}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old_cols}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new_cols}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def _postgres_statements(index: TextIndex) -> list[str]:
    statements = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
    for column in index.columns:
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {index.table}_{column}_trgm ON {index.table} USING gin ({column} gin_trgm_ops)"
        )
    return statements


def create_text_index(schema_editor: Any, index: TextIndex) -> None:
    vendor = schema_editor.connection.vendor
    statements = _postgres_statements(index) if vendor == "postgresql" else _sqlite_statements(index)
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_text_index(schema_editor: Any, index: TextIndex) -> None:
    if schema_editor.connection.vendor == "postgresql":
        for column in index.columns:
            schema_editor.execute(f"DROP INDEX IF EXISTS {index.table}_{column}_trgm", params=None)
        return
    for suffix in ("ai", "ad", "au"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {index.fts_table}_{suffix}", params=None)
    schema_editor.execute(f"DROP TABLE IF EXISTS {index.fts_table}", params=None)


def rebuild_text_index(index: TextIndex, *, using: str = "default") -> None:
    """Re-derive the SQLite FTS table from its content table (after a bulk load without triggers)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {index.fts_table}({index.fts_table}) VALUES ('rebuild')")


def tidy_text_index(index: TextIndex, *, pages: int = 2000, using: str = "default") -> int:
    """Fold an SQLite FTS5 index into one b-tree, dropping what deleted and changed rows left behind;
    returns the number of steps that did work (0: nothing to tidy; on PostgreSQL always 0, VACUUM
    keeps the trigram indexes).

    Every delete or update adds a tombstone to the index, and FTS5 merges only part of them away as it
    goes: after a few large imports that were undone, an index of a million rows had grown by a third and
    every later import into it slowed by as much. This is FTS5's incremental 'optimize' — a 'merge' with a
    negative page count starts it, positive ones continue it — in steps of about ``pages`` pages, each its
    own transaction, so other writers wait for one step at most. A step that changed nothing (fewer than
    two changes, FTS5's documented signal) ends it."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return 0
    fts = index.fts_table
    steps = 0
    with connection.cursor() as cursor:
        connection.ensure_connection()
        raw = connection.connection
        while True:
            before = raw.total_changes
            cursor.execute(
                f"INSERT INTO {fts}({fts}, rank) VALUES ('merge', %s)", [-pages if steps == 0 else pages]
            )
            if raw.total_changes - before < 2:
                return steps
            steps += 1


def text_indexes() -> list[TextIndex]:
    """The text index of every model that declares one (``text_index``)."""
    from django.apps import apps

    found = (getattr(model, "text_index", None) for model in apps.get_models())
    return [index for index in found if isinstance(index, TextIndex)]


def tidy_text_indexes_if_due(today: Any) -> str | None:
    """The periodic job: on SQLite, tidy every text index once a day (the first sweep of the day)."""
    import time

    from django.core.cache import cache

    if connections["default"].vendor != "sqlite" or not cache.add(
        f"hrbureau:text-indexes-tidied:{today}", 1, 2 * 86400
    ):
        return None
    started = time.perf_counter()
    steps = {index.fts_table: tidy_text_index(index) for index in text_indexes()}
    done = ", ".join(f"{name} {n} steps" for name, n in steps.items())
    return f"{done} in {time.perf_counter() - started:.1f} s"


class TrigramSupportError(RuntimeError):
    pass


def check_trigram_support(using: str = "default") -> Sequence[str]:
    """Fail loudly when pg_trgm cannot see Chinese characters (a database without a UTF-8 LC_CTYPE)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT show_trgm(%s)", ["东湖街道"])
        trigrams = cursor.fetchone()[0]
        cursor.execute("SELECT datctype FROM pg_database WHERE datname = current_database()")
        ctype = cursor.fetchone()[0]
    if not trigrams:
        raise TrigramSupportError(
            f"pg_trgm produces no trigrams for Chinese text in this database (LC_CTYPE={ctype!r}); "
            "Chinese search would fall back to full scans. Create the database with a UTF-8 LC_CTYPE, "
            "e.g. createdb -T template0 -E UTF8 --lc-ctype=C.UTF-8 …"
        )
    return list(trigrams)


@contextmanager
def bulk_insert_indexing(index: TextIndex, *, using: str = "default") -> Iterator[None]:
    """Index rows inserted inside this block in one statement instead of one trigger call per row.

    SQLite's FTS5 per-row trigger costs far more than the insert itself (a bulk import of 20,000 rows:
    1.5 s of trigger work against 0.1 s for the same rows indexed in one INSERT … SELECT). Inside the
    caller's transaction the insert trigger is dropped, the rows are inserted, they are indexed at once
    and the trigger is put back; SQLite's DDL is transactional, so a failure anywhere rolls all of it
    back, and no other writer can run meanwhile. Other databases maintain their indexes themselves.
    """
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_insert_indexing must run inside a transaction")
    table, fts = index.table, index.fts_table
    cols = ", ".join(index.columns)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")
        before = cursor.fetchone()[0]
        cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_ai")
    yield
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {fts}(rowid, {cols}) SELECT id, {cols} FROM {table} WHERE id > %s", [before]
        )
        cursor.execute(_sqlite_statements(index)[1])
