from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from hrbureau.core.api import responses
from hrbureau.core.apiutil import PathId, require_perm
from hrbureau.core.exports import XLSX_CONTENT_TYPE
from hrbureau.core.imports import engine, services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.models import ImportJob

router = Router(tags=["imports"])


class ProgressOut(Schema):
    phase: str
    done: int
    total: int


class HeaderCandidateOut(Schema):
    row: int
    cells: list[str]
    known_columns: int


class ImportJobOut(Schema):
    id: int
    spec: str
    mode: str
    status: str
    status_label: str
    original_name: str
    message: str
    header_row: int = Field(description="The row of column names (1-based; 0 until the file is checked)")
    total_rows: int = Field(description="Rows below the header; = created + updated + rejected + skipped")
    created_count: int
    updated_count: int
    rejected_count: int
    skipped_count: int = Field(description="Total rows (合计) and notes below the table, not records")
    columns: list[str]
    ignored_columns: list[str]
    header_candidates: list[HeaderCandidateOut]
    has_error_file: bool
    progress: ProgressOut | None

    @staticmethod
    def resolve_header_candidates(obj: ImportJob) -> list[dict[str, Any]]:
        return [
            {"row": row, "cells": cells, "known_columns": score}
            for row, cells, score in obj.preview.get("headers", [])
        ]

    @staticmethod
    def resolve_status_label(obj: ImportJob) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_columns(obj: ImportJob) -> list[str]:
        return [key for _, key in sorted((int(i), k) for i, k in obj.header_map.items())]

    @staticmethod
    def resolve_has_error_file(obj: ImportJob) -> bool:
        return bool(obj.error_file)

    @staticmethod
    def resolve_progress(obj: ImportJob) -> dict[str, Any] | None:
        return engine.get_progress(obj.pk)


def _job(request: HttpRequest, job_id: PathId) -> ImportJob:
    user = request.auth  # type: ignore[attr-defined]
    job = ImportJob.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None:
        raise Http404
    if not services.jobs_for(user).filter(pk=job_id).exists():
        raise PermissionDenied("import job of another user")
    return services.import_job_refresh(job)


@router.post(
    "/imports/{spec_key}",
    response=responses(ImportJobOut, ok_status=201, detail=True),
    summary="Upload a file to import",
)
def import_upload(
    request: HttpRequest,
    spec_key: str,
    mode: Form[str] = "reject",
    commit: Form[bool] = False,
    header_row: Form[int] = 0,
    file: File[UploadedFile | None] = None,
) -> Status[ImportJob]:
    """Upload a spreadsheet. The row of column names is found among the first rows unless
    ``header_row`` names it. A small file is checked before the response; a large one is checked by
    the worker (status ``checking``). With ``commit=true`` the import starts as soon as the file is
    checked (small files finish before the response; large ones are queued — poll the job)."""
    user = request.auth  # type: ignore[attr-defined]
    spec = get_spec(spec_key)
    if spec is None:
        raise Http404
    require_perm(user, spec.permission)
    if file is None:
        raise HttpError(422, _("Send the spreadsheet in the 'file' field."))
    job = services.import_job_create(actor=user, spec=spec, upload=file, mode=mode, header_row=header_row)
    if commit and job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKING):
        job = services.import_job_commit(actor=user, job=job)
    return Status(201, job)


@router.get(
    "/imports/jobs/{job_id}",
    response=responses(ImportJobOut, detail=True),
    summary="An import job and its progress",
)
def import_job(request: HttpRequest, job_id: PathId) -> ImportJob:
    return _job(request, job_id)


@router.post(
    "/imports/jobs/{job_id}/commit",
    response=responses(ImportJobOut, detail=True),
    summary="Start an uploaded import",
)
def import_commit(request: HttpRequest, job_id: PathId) -> ImportJob:
    job = _job(request, job_id)
    spec = get_spec(job.spec)
    if spec is None:
        raise Http404
    require_perm(request.auth, spec.permission)  # type: ignore[attr-defined]
    return services.import_job_commit(actor=request.auth, job=job)  # type: ignore[attr-defined]


class HeaderIn(Schema):
    header_row: int = Field(ge=1, description="One of the rows listed in header_candidates")


@router.post(
    "/imports/jobs/{job_id}/header",
    response=responses(ImportJobOut, detail=True),
    summary="Read an uploaded file again with another row as its header",
)
def import_header(request: HttpRequest, job_id: PathId, body: HeaderIn) -> ImportJob:
    job = _job(request, job_id)
    spec = get_spec(job.spec)
    if spec is None:
        raise Http404
    require_perm(request.auth, spec.permission)  # type: ignore[attr-defined]
    return services.import_job_set_header(
        actor=request.auth,  # type: ignore[attr-defined]
        job=job,
        header_row=body.header_row,
    )


@router.post(
    "/imports/jobs/{job_id}/retry",
    response=responses(ImportJobOut, detail=True),
    summary="Run again an import that failed or whose worker stopped (nothing of it was written)",
)
def import_retry(request: HttpRequest, job_id: PathId) -> ImportJob:
    job = _job(request, job_id)
    return services.import_job_retry(actor=request.auth, job=job)  # type: ignore[attr-defined]


@router.get(
    "/imports/jobs/{job_id}/errors",
    response=responses(None, detail=True),
    summary="The rejected rows with their reasons (xlsx)",
    openapi_extra={
        "responses": {
            "200": {
                "description": "xlsx",
                "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def import_errors(request: HttpRequest, job_id: PathId) -> FileResponse:
    job = _job(request, job_id)
    if not services.may_download_errors(request.auth, job):  # type: ignore[attr-defined]
        raise PermissionDenied("the rejected rows of another user's import")
    path = engine.error_path(job) if job.error_file else None
    if path is None or not path.exists():
        raise Http404
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=f"{job.spec}-{job.pk}-errors.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
