"""Writes on import jobs: upload, choose the header row, commit (inline or queued), retry, cancel; and
the housekeeping of their files."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hrbureau.core.imports import engine, filecheck, inspection, liveness, storage
from hrbureau.core.imports.reader import SUFFIXES
from hrbureau.core.imports.spec import ImportSpec, all_specs, get_spec
from hrbureau.core.models import ImportJob

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Files with more rows than this run in the background worker, with a progress bar.
INLINE_MAX_ROWS = 2000
# An upload file that no job refers to (its request failed) is deleted once it is this old.
ORPHAN_AGE_SECONDS = 3600


def import_job_create(
    *, actor: Any, spec: ImportSpec, upload: UploadedFile, mode: str, header_row: int | None = None
) -> ImportJob:
    """Store the file and check it: its kind, its declared sizes, and — for a small file, here and now —
    its measured size, its header row, its rows and a preview. A larger file is measured and checked by
    the worker (the job shows "being checked"); nothing in this request parses it. Nothing is imported."""
    if not actor.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    if mode not in ImportJob.Mode.values:
        raise ValidationError({"mode": [_("Choose how to handle records that already exist.")]})
    name = Path(upload.name or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError({"file": [_("Upload an .xlsx, .xls, .ods or .csv file.")]})
    if upload.size and upload.size > MAX_UPLOAD_BYTES:
        raise ValidationError({"file": [_("The file is larger than 50 MB; split it into several files.")]})
    storage.folder().mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}{suffix}"
    path = storage.folder() / stored
    job = ImportJob(
        created_by=actor,
        spec=spec.key,
        mode=mode,
        original_name=name[:255],
        stored_name=stored,
        status=ImportJob.Status.CHECKING,
        header_row=max(0, header_row or 0),
    )
    try:
        with open(path, "wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        try:
            filecheck.check_declared(path, filecheck.file_limits())
            try:
                extent = filecheck.measure(path, inspection.inline_limits())
            except filecheck.OverLimit as over:
                limits = filecheck.file_limits()
                if getattr(over.limits, over.kind) >= getattr(limits, over.kind):
                    raise  # past the file's own limit already: refused
                job.save()  # larger than a request should measure: the worker checks it
                _queue_check(job)
                return job
        except ValidationError as error:
            job.status = ImportJob.Status.INVALID
            job.message = "; ".join(error.messages)
            job.save()
            return job
        job.cells = extent.cells
        job.save()
    except BaseException:
        if job.pk is None:
            path.unlink(missing_ok=True)  # no job, no file left behind
        raise
    return engine.check(job.pk)


def _queue_check(job: ImportJob) -> None:
    from hrbureau.core.imports.tasks import check_import

    liveness.set_progress(job.pk, phase="queued-check", done=0, total=0)
    transaction.on_commit(lambda: check_import.enqueue(job.pk))


def may_start(actor: Any, job: ImportJob) -> bool:
    """Start, cancel or re-check an upload: the person who uploaded it."""
    return bool(job.created_by_id == actor.pk)


def may_retry(actor: Any, job: ImportJob) -> bool:
    """Run again a failed or stopped import: its uploader, and bureau staff who may import its kind (an
    integration account that uploaded through the API cannot use the pages)."""
    spec = get_spec(job.spec)
    if spec is None or not actor.has_perm(spec.permission):
        return False
    return job.created_by_id == actor.pk or bool(getattr(actor, "is_staff_role", False))


def import_job_set_header(*, actor: Any, job: ImportJob, header_row: int) -> ImportJob:
    """Read the file again with another row as its header (one of the first rows, as listed)."""
    if not may_start(actor, job):
        raise PermissionDenied(_("Only the person who uploaded the file can change how it is read."))
    rows = [number for number, _cells, _score in job.preview.get("headers", [])]
    if header_row not in rows:
        raise ValidationError({"header_row": [_("Choose one of the rows listed.")]})
    changed = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportJob.Status.UPLOADED, ImportJob.Status.INVALID], cells__gt=0
    ).update(status=ImportJob.Status.CHECKING, header_row=header_row, header_map={}, message="", total_rows=0)
    if not changed:
        raise ValidationError(_("The header row can be chosen only before the import starts."))
    job.refresh_from_db()
    if inspection.needs_worker(job):
        _queue_check(job)
        return job
    return engine.check(job.pk)


def import_job_commit(*, actor: Any, job: ImportJob) -> ImportJob:
    """Start the import: inline for a small file, else queued for the worker; a file still being
    checked starts once checked. Starting twice is refused."""
    from hrbureau.core.imports.tasks import run_import

    if not may_start(actor, job):
        raise PermissionDenied(_("Only the person who uploaded the file can start its import."))
    if ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKING, start_when_checked=False).update(
        start_when_checked=True
    ):
        job.refresh_from_db()
        if job.status != ImportJob.Status.CHECKING:  # its check ended meanwhile: start it as checked
            ImportJob.objects.filter(pk=job.pk).update(start_when_checked=False)
            return import_job_commit(actor=actor, job=job)
        return job
    background = job.total_rows > INLINE_MAX_ROWS
    new_status = ImportJob.Status.QUEUED if background else ImportJob.Status.RUNNING
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.UPLOADED).update(status=new_status)
    if not started:
        raise ValidationError(_("This import has already been started or cannot be imported."))
    if background:
        liveness.set_progress(job.pk, phase="queued", done=0, total=job.total_rows)
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
        job.refresh_from_db()
        return job
    return engine.run(job.pk)


def import_job_refresh(job: ImportJob) -> ImportJob:
    """The job as it stands: one whose worker has stopped is marked failed at once (see liveness)."""
    liveness.mark_dead(job)
    return job


def import_job_retry(*, actor: Any, job: ImportJob) -> ImportJob:
    """Run again an import (or a check) that failed or whose worker died: its transaction left nothing
    behind."""
    from hrbureau.core.imports.tasks import run_import

    if not may_retry(actor, job):
        raise PermissionDenied(_("Only the uploader or staff who may import these records can run it again."))
    liveness.mark_dead(job)
    checked = bool(job.header_map)
    status = ImportJob.Status.QUEUED if checked else ImportJob.Status.CHECKING
    retried = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.FAILED).update(
        status=status, message="", finished_at=None
    )
    if not retried:
        raise ValidationError(_("Only a failed or interrupted import can be run again."))
    if checked:
        liveness.set_progress(job.pk, phase="queued", done=0, total=job.total_rows)
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
    else:
        _queue_check(job)
    job.refresh_from_db()
    return job


def import_job_cancel(*, actor: Any, job: ImportJob) -> ImportJob:
    if not may_start(actor, job):
        raise PermissionDenied(_("Only the person who uploaded the file can cancel its import."))
    cancelled = ImportJob.objects.filter(
        pk=job.pk,
        status__in=[ImportJob.Status.UPLOADED, ImportJob.Status.INVALID, ImportJob.Status.CHECKING],
    ).update(status=ImportJob.Status.CANCELLED)
    if not cancelled:
        raise ValidationError(_("An import that has started cannot be cancelled."))
    job.refresh_from_db()
    storage.job_path(job).unlink(missing_ok=True)  # nothing will read it again
    return job


def jobs_for(user: Any) -> Any:
    """The import jobs a user may see: their own; bureau staff also those of the kinds they may import
    (to run a colleague's or an integration's failed import again); a system administrator all."""
    jobs = ImportJob.objects.select_related("created_by")
    if getattr(user, "role", None) == "sysadmin":
        return jobs
    if getattr(user, "is_staff_role", False):
        kinds = [spec.key for spec in all_specs() if user.has_perm(spec.permission)]
        return jobs.filter(Q(created_by=user) | Q(spec__in=kinds))
    return jobs.filter(created_by=user)


def may_download_errors(user: Any, job: ImportJob) -> bool:
    """The rejected rows hold what was uploaded, unmasked: for the uploader and a system administrator."""
    return bool(job.created_by_id == user.pk or getattr(user, "role", None) == "sysadmin")


def purge_orphan_files(_today: Any = None, *, min_age: float = ORPHAN_AGE_SECONDS) -> str | None:
    """Delete upload and error files that no job refers to (a request that failed after storing its
    file, a cancelled upload), once they are old enough that no request is still writing them."""
    base = storage.folder()
    if not base.exists():
        return None
    cutoff = time.time() - min_age
    candidates = [p for p in base.iterdir() if p.is_file() and p.stat().st_mtime < cutoff]
    if not candidates:
        return None
    removed = 0
    for start in range(0, len(candidates), 500):
        batch = candidates[start : start + 500]
        names = [p.name for p in batch]
        referenced: set[str] = set()
        for stored, error in (
            ImportJob.objects.filter(Q(stored_name__in=names) | Q(error_file__in=names))
            .exclude(status=ImportJob.Status.CANCELLED)
            .values_list("stored_name", "error_file")
        ):
            referenced.update((stored, error))
        for path in batch:
            if path.name not in referenced:
                path.unlink(missing_ok=True)
                removed += 1
    return f"{removed} orphan import file(s) removed" if removed else None
