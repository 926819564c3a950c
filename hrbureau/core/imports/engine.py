"""Running an import: check every row, then write all accepted rows in one transaction.

Phase 1 (no writes, no lock): each row is converted, cleaned by the registry's rules and classified —
create, update, or reject with the reasons. Phase 2 (one transaction): the accepted rows are written in
batches and the job's counts are saved with them. Either phase may be interrupted (a worker killed, an
error); phase 2's transaction then rolls back and nothing of the file is in the registry. The summary
always adds up: rows = created + updated + rejected. On PostgreSQL a large file runs both phases at once
(see "checking and writing at once" below), with the same all-or-nothing promise.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hrbureau.core.exports import write_xlsx
from hrbureau.core.imports.reader import read_rows
from hrbureau.core.imports.spec import ImportSpec, get_spec, row_converter
from hrbureau.core.models import ImportJob

CHUNK = 1000  # rows checked against the database per query
WRITE_CHUNK = 5000  # rows written per batch (each batch: one COPY or executemany per table)
PROGRESS_EVERY = 500
# A running job whose progress has not moved for this long is taken to be interrupted.
STALE_SECONDS = 600


def job_path(job: ImportJob) -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "imports" / job.stored_name


def error_path(job: ImportJob) -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "imports" / job.error_file


# --- progress (outside the import's transaction, readable by the web process) -------------------


def _progress_key(job_id: int) -> str:
    return f"hrbureau:import-progress:{job_id}"


def set_progress(job_id: int, *, phase: str, done: int, total: int, written: int | None = None) -> None:
    progress: dict[str, Any] = {"phase": phase, "done": done, "total": total, "at": time.time()}
    if written is not None:
        progress["written"] = written  # rows already written (uncommitted) while checking goes on
    cache.set(_progress_key(job_id), progress, 24 * 3600)


def get_progress(job_id: int) -> dict[str, Any] | None:
    value = cache.get(_progress_key(job_id))
    return value if isinstance(value, dict) else None


def is_stale(job: ImportJob) -> bool:
    if job.status != ImportJob.Status.RUNNING:
        return False
    progress = get_progress(job.pk)
    last = progress["at"] if progress else (job.started_at.timestamp() if job.started_at else 0)
    return time.time() - last > STALE_SECONDS


# --- phase 1 ----------------------------------------------------------------------------------------


@dataclass
class Plan:
    creates: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # (row, key, cleaned)
    updates: list[tuple[int, str, int | None, dict[str, Any]]] = field(
        default_factory=list
    )  # (row, key, pk, cleaned)
    rejects: list[tuple[int, list[Any], list[str]]] = field(default_factory=list)  # (row, cells, reasons)
    rows: int = 0


def _reasons(spec: ImportSpec, errors: dict[str, list[str]]) -> list[str]:
    labels = {c.key: str(c.label) for c in spec.columns}
    return [
        f"{labels.get(key, key)}: {message}" if key != "__all__" else message
        for key, messages in errors.items()
        for message in messages
    ]


def classify_rows(
    spec: ImportSpec,
    job: ImportJob,
    rows: Any,
    *,
    limit: int | None = None,
    on_progress: Any = None,
    on_creates: Any = None,
) -> Plan:
    """Check rows (all, or the first ``limit`` for a preview) and decide what happens to each;
    ``on_creates(rows)`` is told of each batch of rows found to be new as soon as it is known."""
    mapping = {int(index): key for index, key in job.header_map.items()}
    convert_row = row_converter(spec, list(mapping.values()))
    context = spec.context(job.created_by)
    plan = Plan()
    first_seen: dict[str, int] = {}
    pending: list[tuple[int, list[Any], str, dict[str, Any]]] = []

    def settle() -> None:
        unknown = [key for _, _, key, _ in pending if key not in first_seen]
        existing = spec.existing(unknown) if unknown else {}
        created_before = len(plan.creates)
        for number, cells, key, cleaned in pending:
            if key in first_seen:
                if job.mode == ImportJob.Mode.UPDATE:
                    plan.updates.append((number, key, None, cleaned))
                else:
                    plan.rejects.append(
                        (
                            number,
                            cells,
                            [_("Duplicate of row %(row)d in this file.") % {"row": first_seen[key]}],
                        )
                    )
                continue
            first_seen[key] = number
            if key in existing:
                if job.mode == ImportJob.Mode.UPDATE:
                    plan.updates.append((number, key, existing[key], cleaned))
                else:
                    plan.rejects.append(
                        (
                            number,
                            cells,
                            [_("Already registered; this import was set to reject existing records.")],
                        )
                    )
            else:
                plan.creates.append((number, key, cleaned))
        pending.clear()
        if on_creates is not None and len(plan.creates) > created_before:
            on_creates([cleaned for _, _, cleaned in plan.creates[created_before:]])

    columns = list(mapping.items())
    width = max(mapping, default=-1) + 1  # rows at least this wide need no bounds check per cell
    for number, cells in rows:
        plan.rows += 1
        if len(cells) >= width:
            raw = {key: cells[index] for index, key in columns}
        else:
            raw = {key: cells[index] if index < len(cells) else None for index, key in columns}
        values, errors = convert_row(raw)
        cleaned: dict[str, Any] | None = None
        if not errors:
            try:
                cleaned = spec.clean(values, context)
            except ValidationError as error:
                errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        if cleaned is None:
            plan.rejects.append((number, cells, _reasons(spec, errors)))
        else:
            pending.append((number, cells, str(cleaned[spec.key_column]), cleaned))
        if len(pending) >= CHUNK:
            settle()
        if on_progress is not None and plan.rows % PROGRESS_EVERY == 0:
            on_progress(plan.rows)
        if limit is not None and plan.rows >= limit:
            break
    settle()
    return plan


# --- the run -----------------------------------------------------------------------------------------


def _write_error_file(spec: ImportSpec, job: ImportJob, header: list[Any], plan: Plan) -> str:
    if not plan.rejects:
        return ""
    name = f"{Path(job.stored_name).stem}-errors.xlsx"
    path = Path(settings.PRIVATE_FILES_ROOT) / "imports" / name
    width = len(header)
    write_xlsx(
        str(path),
        columns=[_("Row"), *[str(h) for h in header], _("Reason")],
        rows=(
            [
                number,
                *[("" if cell is None else cell) for cell in (cells + [None] * (width - len(cells)))[:width]],
                "；".join(reasons),
            ]
            for number, cells, reasons in sorted(plan.rejects)
        ),
        # The original cells are written back as text, exactly as they came (an ID stays all its digits).
        text_columns=set(range(1, width + 1)),
        sheet_name=str(spec.title),
    )
    return name


def run(job_id: int) -> ImportJob:
    """Run an import job to the end (called by the worker, or inline for a small file), in the language
    of the person who uploaded it: the reasons in the error file are for them to read."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(job.created_by.language or settings.LANGUAGE_CODE):
        return _run(job)


def _run(job: ImportJob) -> ImportJob:
    spec = get_spec(job.spec)
    if spec is None:
        raise ValueError(f"unknown import type {job.spec!r}")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), message=""
    )
    job.refresh_from_db()
    set_progress(job.pk, phase="checking", done=0, total=job.total_rows)
    try:
        header, rows = read_rows(job_path(job))
        if overlapped_writing(job):
            _check_and_write_together(spec, job, header, rows)
        else:
            _check_then_write(spec, job, header, rows)
    except (ValidationError, DatabaseError, OSError, RuntimeError, KeyError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED,
            finished_at=timezone.now(),
            message=_("Nothing was imported: %(error)s") % {"error": message},
        )
    job.refresh_from_db()
    set_progress(job.pk, phase="done", done=job.total_rows, total=job.total_rows)
    return job


def _check_then_write(spec: ImportSpec, job: ImportJob, header: list[Any], rows: Any) -> None:
    """Check every row, then write the accepted ones in one transaction."""
    total = job.total_rows
    plan = classify_rows(
        spec, job, rows, on_progress=lambda n: set_progress(job.pk, phase="checking", done=n, total=total)
    )
    _check_accounting(plan)
    accepted = len(plan.creates) + len(plan.updates)
    with transaction.atomic(), spec.bulk():
        written = 0
        for start in range(0, len(plan.creates), WRITE_CHUNK):
            batch = [cleaned for _, _, cleaned in plan.creates[start : start + WRITE_CHUNK]]
            spec.write(job.created_by, batch, [], f"import:{job.pk}")
            written += len(batch)
            set_progress(job.pk, phase="writing", done=written, total=accepted)
        _finish(spec, job, header, plan, written=written)


def _check_accounting(plan: Plan) -> None:
    if plan.rows != len(plan.creates) + len(plan.updates) + len(plan.rejects):
        raise RuntimeError("row accounting does not add up")  # the promise of the summary; never false


def _finish(spec: ImportSpec, job: ImportJob, header: list[Any], plan: Plan, *, written: int) -> None:
    """The end of the write phase, inside its transaction: the updates (after every create, so a row
    may update one created earlier in the same file), the counts, the error file."""
    accepted = len(plan.creates) + len(plan.updates)
    unresolved = [key for _, key, pk, _ in plan.updates if pk is None]
    resolved = spec.existing(unresolved) if unresolved else {}
    updates = [(pk if pk is not None else resolved[key], cleaned) for _, key, pk, cleaned in plan.updates]
    for start in range(0, len(updates), WRITE_CHUNK):
        spec.write(job.created_by, [], updates[start : start + WRITE_CHUNK], f"import:{job.pk}")
        written += len(updates[start : start + WRITE_CHUNK])
        set_progress(job.pk, phase="writing", done=written, total=accepted)
    job.total_rows = plan.rows
    job.created_count = len(plan.creates)
    job.updated_count = len(plan.updates)
    job.rejected_count = len(plan.rejects)
    job.status = ImportJob.Status.DONE
    job.finished_at = timezone.now()
    job.error_file = _write_error_file(spec, job, header, plan)
    job.save()


# --- checking and writing at once (PostgreSQL, large files) ----------------------------------------
#
# Checking a row is Python work; writing it is mostly the database's (heap, unique and trigram
# indexes). Done one after the other, each waits for the other; here a writer thread, on its own
# connection and in its own transaction, writes each batch of accepted rows while the next rows are
# checked, so the two run on two cores. Duplicates against the database are looked up on the checking
# connection, which sees what was committed before the import (what "already registered" means);
# duplicates inside the file are found in memory. The writer commits only after the last row was
# checked and the counts add up; an error on either side, or a killed worker, leaves nothing.

OVERLAP_FROM_ROWS = 5000


def overlapped_writing(job: ImportJob) -> bool:
    """Whether this run checks and writes at once: PostgreSQL (SQLite has one writer and gains nothing),
    a file large enough to be worth a second connection, and no transaction around the run (a second
    connection could not see what that transaction wrote)."""
    connection = connections[DEFAULT_DB_ALIAS]
    return (
        connection.vendor == "postgresql"
        and job.total_rows >= OVERLAP_FROM_ROWS
        and not connection.in_atomic_block
    )


class _Writer(threading.Thread):
    """Writes batches of new rows as they come, then finishes the import, in one transaction."""

    def __init__(self, spec: ImportSpec, job: ImportJob, header: list[Any]) -> None:
        super().__init__(name=f"import-{job.pk}-writer", daemon=True)
        self.spec, self.job, self.header = spec, job, header
        self.language = translation.get_language()
        self.batches: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=4)
        self.written = 0
        self.error: BaseException | None = None

    def put(self, kind: str, payload: Any = None) -> None:
        while self.is_alive():
            try:
                self.batches.put((kind, payload), timeout=0.5)
                return
            except queue.Full:
                continue
        if self.error is not None:
            raise self.error
        raise RuntimeError("the import's writer stopped")

    def run(self) -> None:
        try:
            with translation.override(self.language), transaction.atomic(), self.spec.bulk():
                while True:
                    kind, payload = self.batches.get()
                    if kind == "rows":
                        self.spec.write(self.job.created_by, payload, [], f"import:{self.job.pk}")
                        self.written += len(payload)
                    elif kind == "finish":
                        _finish(self.spec, self.job, self.header, payload, written=self.written)
                        return
                    else:  # "abort": checking failed; roll back
                        raise _Aborted
        except _Aborted:
            pass
        except BaseException as exc:  # handed to the checking thread, which reports it
            self.error = exc
        finally:
            connections.close_all()


class _Aborted(Exception):
    pass


def _check_and_write_together(spec: ImportSpec, job: ImportJob, header: list[Any], rows: Any) -> None:
    writer = _Writer(spec, job, header)
    writer.start()
    pending: list[dict[str, Any]] = []
    total = job.total_rows

    def accepted(batch: list[dict[str, Any]]) -> None:
        pending.extend(batch)
        if len(pending) >= WRITE_CHUNK:
            writer.put("rows", pending[:])
            pending.clear()

    def progress(n: int) -> None:
        set_progress(job.pk, phase="checking", done=n, total=total, written=writer.written)

    try:
        plan = classify_rows(spec, job, rows, on_progress=progress, on_creates=accepted)
        _check_accounting(plan)
        if pending:
            writer.put("rows", pending[:])
        accepted_rows = len(plan.creates) + len(plan.updates)
        set_progress(
            job.pk, phase="writing", done=writer.written, total=accepted_rows, written=writer.written
        )
        writer.put("finish", plan)
    except BaseException:
        if writer.is_alive():
            with contextlib.suppress(Exception):  # the writer's own error must not hide this one
                writer.put("abort")
        writer.join()
        raise
    writer.join()
    if writer.error is not None:
        raise writer.error
