from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.exports import XLSX_CONTENT_TYPE
from hrbureau.core.imports import engine, services, template
from hrbureau.core.imports.forms import HeaderRowForm, UploadForm
from hrbureau.core.imports.spec import ImportSpec, get_spec
from hrbureau.core.models import ImportJob
from hrbureau.core.views import permission_required


def _spec_or_404(key: str) -> ImportSpec:
    spec = get_spec(key)
    if spec is None:
        raise Http404
    return spec


def _job_for(request: HttpRequest, pk: int) -> tuple[ImportJob, ImportSpec]:
    job = get_object_or_404(ImportJob, pk=pk)
    if job not in services.jobs_for(request.user).filter(pk=pk):
        raise PermissionDenied("import job of another user")
    return job, _spec_or_404(job.spec)


@permission_required(None)
def upload(request: HttpRequest, spec_key: str) -> HttpResponseBase:
    spec = _spec_or_404(spec_key)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.import_job_create(
                actor=request.user,
                spec=spec,
                upload=form.cleaned_data["file"],
                mode=form.cleaned_data["mode"],
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            return redirect("imports:job", pk=job.pk)
    columns = [(column, template.accepted_on_page(column)) for column in spec.columns]
    return render(request, "imports/upload.html", {"form": form, "spec": spec, "columns": columns})


@permission_required(None)
def template_file(request: HttpRequest, spec_key: str) -> HttpResponseBase:
    """An empty spreadsheet with the right column names (codes formatted as text), and a sheet saying
    what each column takes: the other names accepted for it, and the accepted words of a choice."""
    import tempfile

    spec = _spec_or_404(spec_key)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by FileResponse)
    template.write(spec, handle)
    handle.seek(0)
    return FileResponse(
        handle, as_attachment=True, filename=f"{spec.key}-template.xlsx", content_type=XLSX_CONTENT_TYPE
    )


def _job_context(request: HttpRequest, job: ImportJob, spec: ImportSpec) -> dict[str, Any]:
    services.import_job_refresh(job)
    user = request.user
    context: dict[str, Any] = {
        "job": job,
        "spec": spec,
        "progress": engine.get_progress(job.pk),
        "may_start": services.may_start(user, job),
        "may_retry": services.may_retry(user, job) and job.status == ImportJob.Status.FAILED,
        "may_download_errors": services.may_download_errors(user, job),
        "headers": [
            {"row": number, "cells": cells, "score": score}
            for number, cells, score in job.preview.get("headers", [])
        ],
    }
    context["may_choose_header"] = (
        context["may_start"]
        and bool(context["headers"])
        and job.status in (ImportJob.Status.UPLOADED, ImportJob.Status.INVALID)
    )
    if job.status == ImportJob.Status.UPLOADED:
        labels = {c.key: c.label for c in spec.columns}
        context["mapping"] = [
            (index, labels[key]) for index, key in sorted((int(i), k) for i, k in job.header_map.items())
        ]
        context["preview"] = job.preview.get("rows", [])
        shown = job.preview.get("columns", [c.key for c in spec.columns])
        context["preview_columns"] = [labels[key] for key in shown if key in labels]
        context["background"] = job.total_rows > services.INLINE_MAX_ROWS
    progress = context["progress"]
    if progress and progress.get("total") and progress.get("phase") != "done":
        context["percent"] = min(100, int(100 * progress["done"] / max(1, progress["total"])))
    return context


@permission_required(None)
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job, spec = _job_for(request, pk)
    polled = bool(request.headers.get("HX-Request"))
    page = "imports/_job_status.html" if polled else "imports/job_detail.html"
    response = render(request, page, _job_context(request, job, spec))
    if (
        polled
        and request.GET.get("was") == ImportJob.Status.CHECKING
        and job.status != ImportJob.Status.CHECKING
    ):
        # Checked: the header rows and the preview, outside the polled part, are shown by a reload.
        response["HX-Refresh"] = "true"
    return response


@require_POST
@permission_required(None)
def job_commit(request: HttpRequest, pk: int) -> HttpResponseBase:
    job, spec = _job_for(request, pk)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    try:
        job = services.import_job_commit(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job", pk=job.pk)


@require_POST
@permission_required(None)
def job_header(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Read the file again with another of its first rows as the header."""
    job, spec = _job_for(request, pk)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    form = HeaderRowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the rows listed."))
        return redirect("imports:job", pk=job.pk)
    try:
        services.import_job_set_header(actor=request.user, job=job, header_row=form.cleaned_data["row"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job", pk=job.pk)


@require_POST
@permission_required(None)
def job_retry(request: HttpRequest, pk: int) -> HttpResponseBase:
    job, spec = _job_for(request, pk)
    if not request.user.has_perm(spec.permission):
        raise PermissionDenied(spec.permission)
    try:
        services.import_job_retry(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("imports:job", pk=job.pk)


@require_POST
@permission_required(None)
def job_cancel(request: HttpRequest, pk: int) -> HttpResponseBase:
    job, spec = _job_for(request, pk)
    try:
        services.import_job_cancel(actor=request.user, job=job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("imports:job", pk=job.pk)
    messages.info(request, _("Import cancelled; nothing was imported."))
    return redirect(spec.list_url_name)


@permission_required(None)
def job_errors(request: HttpRequest, pk: int) -> HttpResponseBase:
    job, _spec = _job_for(request, pk)
    if not services.may_download_errors(request.user, job):
        raise PermissionDenied("the rejected rows of another user's import")
    if not job.error_file:
        raise Http404
    path = engine.error_path(job)
    if not path.exists():
        raise Http404
    return FileResponse(
        open(path, "rb"),
        as_attachment=True,
        filename=f"{job.spec}-{job.pk}-errors.xlsx",
        content_type=XLSX_CONTENT_TYPE,
    )
