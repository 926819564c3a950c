"""Running an import: check every row, then write all accepted rows in one transaction.

Before anything, the file is checked (``check``: measured by ``filecheck``, its header row found, its
rows counted and the first ones previewed — in the upload request for a small file, else in the
worker). Phase 1 (no writes, no lock): each row is converted, cleaned by the registry's rules and
classified — create, update, reject with every reason, or skip (a total row, a note below the table).
Then the error file is written, outside any transaction. Phase 2 (one transaction): the accepted rows
are written in batches and the job's counts are saved with them. Either phase may be interrupted (a
worker killed, an error); phase 2's transaction then rolls back and nothing of the file is in the
registry. The summary always adds up: rows = created + updated + rejected + skipped. On PostgreSQL a
large file runs both phases at once (see "checking and writing at once" below), with the same
all-or-nothing promise.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hrbureau.core.imports import errorfile, filecheck, inspection, liveness
from hrbureau.core.imports.liveness import get_progress, set_progress
from hrbureau.core.imports.reader import read_rows
from hrbureau.core.imports.spec import ImportSpec, get_spec, row_converter, skip_reason
from hrbureau.core.imports.storage import error_path, job_path
from hrbureau.core.models import ImportJob

__all__ = ["error_path", "get_progress", "job_path", "set_progress"]

CHUNK = 1000  # rows checked against the database per query
WRITE_CHUNK = 5000  # rows written per batch (each batch: one COPY or executemany per table)
PROGRESS_EVERY = 500


# --- phase 1 ----------------------------------------------------------------------------------------


@dataclass
class Plan:
    creates: list[tuple[int, str, dict[str, Any]]] = field(default_factory=list)  # (row, key, cleaned)
    updates: list[tuple[int, str, int | None, dict[str, Any]]] = field(
        default_factory=list
    )  # (row, key, pk, cleaned)
    rejects: list[tuple[int, list[Any], list[str]]] = field(default_factory=list)  # (row, cells, reasons)
    # Rows that are no record (a total, a note below the table): (row, cells, reason).
    skips: list[tuple[int, list[Any], str]] = field(default_factory=list)
    rows: int = 0

    @property
    def adds_up(self) -> bool:
        """The promise of the summary: rows = created + updated + rejected + skipped."""
        return self.rows == len(self.creates) + len(self.updates) + len(self.rejects) + len(self.skips)


def _reasons(spec: ImportSpec, errors: dict[str, list[str]]) -> list[str]:
    labels = {c.key: str(c.label) for c in spec.columns}
    return [
        f"{labels.get(key, key)}: {message}" if key != "__all__" else message
        for key, messages in errors.items()
        for message in messages
    ]


def _all_errors(
    spec: ImportSpec, values: dict[str, Any], errors: dict[str, list[str]], context: Any
) -> dict[str, list[str]]:
    """Every problem of a rejected row, not only the first found: the registry's check runs again
    without the fields already found wrong (a check may stop at its first error, and a field that
    did not convert cannot be checked), until it finds nothing new."""
    errors = dict(errors)
    given = {key: value for key, value in values.items() if key not in errors}
    for _round in spec.columns:
        try:
            spec.clean(given, context)
        except ValidationError as error:
            found = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            new = {key: messages for key, messages in found.items() if key not in errors}
            if not new:
                break
            errors.update(new)
            given = {key: value for key, value in given.items() if key not in errors}
            if "__all__" in new:
                break
        else:
            break
    return errors


def classify_rows(
    spec: ImportSpec,
    job: ImportJob,
    rows: Any,
    *,
    header: list[Any] | None = None,
    limit: int | None = None,
    on_progress: Any = None,
    on_creates: Any = None,
) -> Plan:
    """Check rows (all, or the first ``limit`` for a preview) and decide what happens to each;
    ``on_creates(rows)`` is told of each batch of rows found to be new as soon as it is known."""
    mapping = {int(index): key for index, key in job.header_map.items()}
    convert_row = row_converter(spec, list(mapping.values()))
    context = spec.context(job.created_by)
    key_index = next((index for index, key in mapping.items() if key == spec.key_column), None)
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
                            [
                                str(spec.existing_message)
                                if spec.existing_message
                                else _("Already registered; this import was set to reject existing records.")
                            ],
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
            # Only a row that fails is asked whether it is a record at all (the checks cost nothing
            # for the rows that pass): a total row, a note below the table.
            skipped = skip_reason(cells, header or [], key_index)
            if skipped is not None:
                plan.skips.append((number, cells, skipped))
            else:
                errors = _all_errors(spec, values, errors, context)
                plan.rejects.append((number, cells, _reasons(spec, errors)))
        else:
            pending.append((number, cells, spec.key_of(cleaned), cleaned))
        if len(pending) >= CHUNK:
            settle()
        if on_progress is not None and plan.rows % PROGRESS_EVERY == 0:
            on_progress(plan.rows)
        if limit is not None and plan.rows >= limit:
            break
    settle()
    return plan


# --- the run -----------------------------------------------------------------------------------------


def _language(job: ImportJob) -> str:
    # The messages and the error file are for the uploader to read, in their language.
    return job.created_by.language or settings.LANGUAGE_CODE


def _begin(job: ImportJob, status: str) -> None:
    """A worker takes the job up: a new pass, numbered (see ``liveness``)."""
    job.attempt += 1
    job.status = status
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, attempt=job.attempt, started_at=timezone.now(), message=""
    )


def check(job_id: int) -> ImportJob:
    """Check an uploaded file (the worker's task for a large file; the upload request does a small one
    itself), and import it at once if that was asked for meanwhile."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    if job.status != ImportJob.Status.CHECKING:
        return job  # cancelled, or checked by another pass
    with translation.override(_language(job)):
        return _check(job, then_import=job.start_when_checked)


def run(job_id: int) -> ImportJob:
    """Run an import job to the end (called by the worker, or inline for a small file); a job not yet
    checked is checked first, reading the file once for both."""
    job = ImportJob.objects.select_related("created_by").get(pk=job_id)
    with translation.override(_language(job)):
        if not job.header_map:
            return _check(job, then_import=True)
        _begin(job, ImportJob.Status.RUNNING)
        with liveness.heartbeat(job):
            _import(job, None, None)
        return _done(job)


def _check(job: ImportJob, *, then_import: bool) -> ImportJob:
    spec = get_spec(job.spec)
    if spec is None:
        raise ValueError(f"unknown import type {job.spec!r}")
    _begin(job, ImportJob.Status.CHECKING)
    with liveness.heartbeat(job):
        try:
            estimate = None
            if not job.cells:
                extent = filecheck.measure(
                    job_path(job),
                    filecheck.file_limits(),
                    on_progress=lambda done, total: set_progress(
                        job.pk, phase="measuring", done=done, total=total
                    ),
                )
                job.cells, estimate = extent.cells, extent.rows
            found = inspection.examine(spec, job, then_import=then_import, estimate=estimate)
        except ValidationError as error:
            _stop(job, ImportJob.Status.INVALID, "; ".join(error.messages))
            return _done(job)
        except (DatabaseError, OSError, RuntimeError, KeyError) as exc:
            _stop(
                job, ImportJob.Status.FAILED, _("The file could not be checked: %(error)s") % {"error": exc}
            )
            return _done(job)
        if found is not None:  # checked and to be imported now, from the rows already open
            header, rows = found
            _import(job, header, rows)
    return _done(job)


def _stop(job: ImportJob, status: str, message: str) -> None:
    ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(
        status=status, finished_at=timezone.now(), message=message
    )


def _done(job: ImportJob) -> ImportJob:
    job.refresh_from_db()
    if job.status == ImportJob.Status.UPLOADED:
        set_progress(job.pk, phase="checked", done=job.total_rows, total=job.total_rows)
    elif job.finished:
        set_progress(job.pk, phase="done", done=job.total_rows, total=job.total_rows)
    return job


def _import(job: ImportJob, header: list[Any] | None, rows: Any) -> None:
    """Phase 1 and 2 for a checked job, from the rows given (already open) or read anew."""
    spec = get_spec(job.spec)
    if spec is None:
        raise ValueError(f"unknown import type {job.spec!r}")
    set_progress(job.pk, phase="checking", done=0, total=job.total_rows)
    try:
        if rows is None:
            header, rows = read_rows(job_path(job), job.header_row)
        assert header is not None
        if overlapped_writing(job):
            _check_and_write_together(spec, job, header, rows)
        else:
            _check_then_write(spec, job, header, rows)
    except (ValidationError, DatabaseError, OSError, RuntimeError, KeyError) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        _stop(job, ImportJob.Status.FAILED, _("Nothing was imported: %(error)s") % {"error": message})


def _check_then_write(spec: ImportSpec, job: ImportJob, header: list[Any], rows: Any) -> None:
    """Check every row, write the error file, then write the accepted rows in one transaction."""
    total = job.total_rows
    plan = classify_rows(
        spec,
        job,
        rows,
        header=header,
        on_progress=lambda n: set_progress(job.pk, phase="checking", done=n, total=total),
    )
    _check_accounting(plan)
    accepted = len(plan.creates) + len(plan.updates)
    # Written before the transaction: a large error file takes a while, and SQLite's write lock, held
    # by the transaction, would keep every other request waiting for it.
    error_file = errorfile.write(spec, job, header, plan)
    try:
        with transaction.atomic(), spec.bulk():
            written = 0
            for start in range(0, len(plan.creates), WRITE_CHUNK):
                batch = [cleaned for _, _, cleaned in plan.creates[start : start + WRITE_CHUNK]]
                spec.write(job.created_by, batch, [], f"import:{job.pk}")
                written += len(batch)
                set_progress(job.pk, phase="writing", done=written, total=accepted)
            _finish(spec, job, plan, written=written, error_file=error_file)
    except BaseException:
        errorfile.remove(job, error_file)
        raise


def _check_accounting(plan: Plan) -> None:
    if not plan.adds_up:
        raise RuntimeError("row accounting does not add up")  # the promise of the summary; never false


def _finish(spec: ImportSpec, job: ImportJob, plan: Plan, *, written: int, error_file: str) -> None:
    """The end of the write phase, inside its transaction: the updates (after every create, so a row
    may update one created earlier in the same file), then the counts — only if the job is still this
    pass's, running (a job declared dead meanwhile is not completed by a process that was only slow)."""
    accepted = len(plan.creates) + len(plan.updates)
    unresolved = [key for _, key, pk, _ in plan.updates if pk is None]
    resolved = spec.existing(unresolved) if unresolved else {}
    updates = [(pk if pk is not None else resolved[key], cleaned) for _, key, pk, cleaned in plan.updates]
    for start in range(0, len(updates), WRITE_CHUNK):
        spec.write(job.created_by, [], updates[start : start + WRITE_CHUNK], f"import:{job.pk}")
        written += len(updates[start : start + WRITE_CHUNK])
        set_progress(job.pk, phase="writing", done=written, total=accepted)
    finished = ImportJob.objects.filter(
        pk=job.pk, status=ImportJob.Status.RUNNING, attempt=job.attempt
    ).update(
        total_rows=plan.rows,
        created_count=len(plan.creates),
        updated_count=len(plan.updates),
        rejected_count=len(plan.rejects),
        skipped_count=len(plan.skips),
        status=ImportJob.Status.DONE,
        finished_at=timezone.now(),
        error_file=error_file,
    )
    if not finished:
        raise RuntimeError("the import was stopped meanwhile; nothing was written")


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

    def __init__(self, spec: ImportSpec, job: ImportJob) -> None:
        super().__init__(name=f"import-{job.pk}-writer", daemon=True)
        self.spec, self.job = spec, job
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
                        plan, error_file = payload
                        _finish(self.spec, self.job, plan, written=self.written, error_file=error_file)
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
    writer = _Writer(spec, job)
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

    error_file = ""
    try:
        plan = classify_rows(spec, job, rows, header=header, on_progress=progress, on_creates=accepted)
        _check_accounting(plan)
        if pending:
            writer.put("rows", pending[:])
        accepted_rows = len(plan.creates) + len(plan.updates)
        set_progress(
            job.pk, phase="writing", done=writer.written, total=accepted_rows, written=writer.written
        )
        # The error file is written here, by the checking thread, while the writer's last batches go
        # in; the checking connection holds no transaction.
        error_file = errorfile.write(spec, job, header, plan)
        writer.put("finish", (plan, error_file))
    except BaseException:
        if writer.is_alive():
            with contextlib.suppress(Exception):  # the writer's own error must not hide this one
                writer.put("abort")
        writer.join()
        errorfile.remove(job, error_file)
        raise
    writer.join()
    if writer.error is not None:
        errorfile.remove(job, error_file)
        raise writer.error
