"""Writes on import jobs: upload, commit (inline or queued), retry, cancel."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from hrbureau.core.imports import engine
from hrbureau.core.imports.reader import SUFFIXES, read_rows
from hrbureau.core.imports.spec import ImportSpec, map_headers
from hrbureau.core.models import ImportJob

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Files with more rows than this run in the background worker, with a progress bar.
INLINE_MAX_ROWS = 2000


def import_job_create(*, actor: Any, spec: ImportSpec, upload: UploadedFile, mode: str) -> ImportJob:
    """Store the file, understand its header row and count its rows. Nothing is imported yet."""
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
    folder = Path(settings.PRIVATE_FILES_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}{suffix}"
    with open(folder / stored, "wb") as target:
        for chunk in upload.chunks():
            target.write(chunk)
    job = ImportJob(created_by=actor, spec=spec.key, mode=mode, original_name=name[:255], stored_name=stored)
    try:
        header, rows = read_rows(folder / stored)
        total = sum(1 for _ in rows)
    except ValidationError as error:
        job.status = ImportJob.Status.INVALID
        job.message = "; ".join(error.messages)
        job.save()
        return job
    mapping, ignored, missing = map_headers(spec, header)
    job.header_map = {str(index): key for index, key in mapping.items()}
    job.ignored_columns = ignored
    job.total_rows = total
    if missing:
        job.status = ImportJob.Status.INVALID
        job.message = _("Required columns are missing: %(columns)s.") % {"columns": "、".join(missing)}
    elif total == 0:
        job.status = ImportJob.Status.INVALID
        job.message = _("The file has a header row but no data rows.")
    job.save()
    return job


def import_job_preview(*, job: ImportJob, spec: ImportSpec, limit: int = 20) -> engine.Plan:
    _header, rows = read_rows(engine.job_path(job))
    return engine.classify_rows(spec, job, rows, limit=limit)


def import_job_commit(*, actor: Any, job: ImportJob) -> ImportJob:
    """Start the import: inline for a small file, else queued for the worker. Starting twice is refused."""
    from hrbureau.core.imports.tasks import run_import

    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("Only the person who uploaded the file can start its import."))
    background = job.total_rows > INLINE_MAX_ROWS
    new_status = ImportJob.Status.QUEUED if background else ImportJob.Status.RUNNING
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.UPLOADED).update(status=new_status)
    if not started:
        raise ValidationError(_("This import has already been started or cannot be imported."))
    if background:
        engine.set_progress(job.pk, phase="queued", done=0, total=job.total_rows)
        transaction.on_commit(lambda: run_import.enqueue(job.pk))
        job.refresh_from_db()
        return job
    return engine.run(job.pk)


def import_job_retry(*, actor: Any, job: ImportJob) -> ImportJob:
    """Run again an import that failed or whose worker died (its transaction left nothing behind)."""
    from hrbureau.core.imports.tasks import run_import

    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("Only the person who uploaded the file can start its import."))
    retryable = job.status == ImportJob.Status.FAILED or engine.is_stale(job)
    if not retryable:
        raise ValidationError(_("Only a failed or interrupted import can be run again."))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, message="")
    engine.set_progress(job.pk, phase="queued", done=0, total=job.total_rows)
    transaction.on_commit(lambda: run_import.enqueue(job.pk))
    job.refresh_from_db()
    return job


def import_job_cancel(*, actor: Any, job: ImportJob) -> ImportJob:
    if job.created_by_id != actor.pk:
        raise PermissionDenied(_("Only the person who uploaded the file can cancel its import."))
    cancelled = ImportJob.objects.filter(
        pk=job.pk, status__in=[ImportJob.Status.UPLOADED, ImportJob.Status.INVALID]
    ).update(status=ImportJob.Status.CANCELLED)
    if not cancelled:
        raise ValidationError(_("An import that has started cannot be cancelled."))
    job.refresh_from_db()
    return job


def jobs_for(user: Any) -> Any:
    """The import jobs a user may see: their own; a system administrator sees all."""
    jobs = ImportJob.objects.select_related("created_by")
    if getattr(user, "role", None) == "sysadmin":
        return jobs
    return jobs.filter(created_by=user)
