"""Whether a job's worker is still at it: its progress (kept in the cache) and its heartbeat (a small
file beside the upload, touched by the worker — outside the import's transaction, readable by the web
process, and never culled as a cache entry may be), and the dead jobs found from them.

While a job is checked or imported, a thread of the process doing it writes a heartbeat every
``settings.IMPORT_HEARTBEAT_SECONDS``, whatever the work is doing (a long query, a slow write). A job
whose heartbeat is older than a few periods has lost its process — killed, out of memory, the machine
restarted — and, its transaction having died with it, nothing of it was written. Such a job is marked
failed as soon as someone looks at it (its page, the API) and by the periodic sweep, and may be run
again. Each pass of a worker over a job is numbered (``ImportJob.attempt``): a heartbeat counts only
for the pass that wrote it, and an import commits only if its job is still its own pass, running — so
a job declared dead can never be completed by a process that was only slow.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hrbureau.core.imports import storage
from hrbureau.core.models import ImportJob

# How many heartbeat periods of silence make a job dead (a busy machine may delay a beat or two).
DEAD_AFTER_BEATS = 3


def _progress_key(job_id: int) -> str:
    return f"hrbureau:import-progress:{job_id}"


def _heartbeat_path(job: ImportJob) -> Path:
    return storage.folder() / f"{job.stored_name}.alive"


def set_progress(job_id: int, *, phase: str, done: int, total: int, written: int | None = None) -> None:
    progress: dict[str, Any] = {"phase": phase, "done": done, "total": total, "at": time.time()}
    if written is not None:
        progress["written"] = written  # rows already written (uncommitted) while checking goes on
    cache.set(_progress_key(job_id), progress, 24 * 3600)


def get_progress(job_id: int) -> dict[str, Any] | None:
    value = cache.get(_progress_key(job_id))
    return value if isinstance(value, dict) else None


def dead_after() -> float:
    """Seconds of silence after which a job's process is taken to be gone."""
    return DEAD_AFTER_BEATS * settings.IMPORT_HEARTBEAT_SECONDS + 2


def beat(job: ImportJob, attempt: int) -> None:
    """Say that the process of pass ``attempt`` over the job is alive (the file's time is the beat)."""
    _heartbeat_path(job).write_text(str(attempt))


def last_beat(job: ImportJob) -> float | None:
    """When the process of the job's current pass last said it was alive (None: it never did)."""
    path = _heartbeat_path(job)
    try:
        if path.read_text().strip() == str(job.attempt):
            return path.stat().st_mtime
    except (OSError, ValueError):
        pass
    return None


@contextlib.contextmanager
def heartbeat(job: ImportJob) -> Iterator[None]:
    """Beat for the job's current pass while the block runs, from a thread of its own."""
    stop = threading.Event()
    period, attempt = settings.IMPORT_HEARTBEAT_SECONDS, job.attempt

    def run() -> None:
        while not stop.wait(period):
            with contextlib.suppress(OSError):  # a full disk must not end the import; it looks dead
                beat(job, attempt)

    beat(job, attempt)
    thread = threading.Thread(target=run, name=f"import-{job.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        with contextlib.suppress(OSError):
            _heartbeat_path(job).unlink()


def is_dead(job: ImportJob) -> bool:
    """A job being checked or imported whose process has stopped beating. A job still waiting for the
    worker (queued, or its check not yet begun) is not dead."""
    if job.status not in (ImportJob.Status.RUNNING, ImportJob.Status.CHECKING):
        return False
    last = last_beat(job)
    if last is None:
        if job.status == ImportJob.Status.CHECKING:
            return False  # its check has not started yet: it waits in the queue
        # Running, and never a beat: the process died at once (or ran before heartbeats existed).
        started = job.started_at.timestamp() if job.started_at else 0.0
        return time.time() - started > dead_after()
    return time.time() - last > dead_after()


def mark_dead(job: ImportJob) -> bool:
    """Mark the job failed if its process is gone; True if it was. Nothing of it was written: its
    transaction died with its process."""
    if not is_dead(job):
        return False
    with translation.override(job.created_by.language or settings.LANGUAGE_CODE):
        if job.status == ImportJob.Status.CHECKING:
            message = _("The check of the file stopped before it finished (its worker process ended).")
        else:
            message = _(
                "Nothing was imported: the import stopped before it finished (its worker process ended)."
            )
    marked = ImportJob.objects.filter(pk=job.pk, status=job.status, attempt=job.attempt).update(
        status=ImportJob.Status.FAILED, finished_at=timezone.now(), message=message
    )
    if marked:
        job.refresh_from_db()
        set_progress(job.pk, phase="stopped", done=0, total=job.total_rows)
    return bool(marked)


def mark_dead_jobs(_today: Any = None) -> str | None:
    """The periodic sweep's part: every job whose process is gone, marked failed."""
    jobs = ImportJob.objects.filter(
        status__in=[ImportJob.Status.RUNNING, ImportJob.Status.CHECKING]
    ).select_related("created_by")
    marked = sum(mark_dead(job) for job in jobs)
    return f"{marked} stopped import(s) marked failed" if marked else None
