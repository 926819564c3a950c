"""Checking an uploaded file once it is known to be within the limits: which row is its header (the row
among the first ones that names the most known columns — a form kept by an office starts with a merged
title, a date or a note and a blank row), which columns it understands, how many rows it has, and what
would happen to its first rows. What the page and the API show of a job before its import comes from
here, saved on the job, so that no page ever opens the file."""

from __future__ import annotations

from itertools import chain, islice
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hrbureau.core.imports.filecheck import Limits, file_limits
from hrbureau.core.imports.liveness import set_progress
from hrbureau.core.imports.reader import numbered_rows
from hrbureau.core.imports.spec import (
    HEADER_SCAN_ROWS,
    ImportSpec,
    find_header,
    header_score,
    is_blank,
    map_headers,
    masked_cell,
)
from hrbureau.core.imports.storage import job_path
from hrbureau.core.models import ImportJob

PREVIEW_ROWS = 20
# The upload request measures and checks a file itself up to these sizes (a few thousand rows: the
# preview is there at once); a larger file is measured and checked by the worker.
INLINE_CHECK_CELLS = 100_000
INLINE_CHECK_UNPACKED = 16 * 1024 * 1024
COUNT_PROGRESS_EVERY = 5000


def inline_limits() -> Limits:
    limits = file_limits()
    return Limits(
        cells=min(INLINE_CHECK_CELLS, limits.cells), unpacked=min(INLINE_CHECK_UNPACKED, limits.unpacked)
    )


def examine(
    spec: ImportSpec, job: ImportJob, *, then_import: bool, estimate: int | None
) -> tuple[list[Any], Any] | None:
    """Find the header (or take the one the user chose), map its columns and save what was found on the
    job. With ``then_import`` the job turns to running and (header, the data rows still open) is given
    back to be imported from; else the rows are counted, the first ones previewed, and None returned."""
    rows = numbered_rows(job_path(job))
    head = list(islice(rows, HEADER_SCAN_ROWS))
    if not head:
        raise ValidationError(_("The file is empty."))
    numbers = [number for number, _cells in head]
    chosen = job.header_row if job.header_row in numbers else find_header(spec, head)
    header = next(cells for number, cells in head if number == chosen)
    data = chain(((number, cells) for number, cells in head if number > chosen), rows)
    mapping, ignored, missing = map_headers(spec, header)
    job.header_row = chosen
    job.header_map = {str(index): key for index, key in mapping.items()}
    fields: dict[str, Any] = {
        "cells": job.cells,
        "header_row": chosen,
        "header_map": job.header_map,
        "ignored_columns": ignored,
        "preview": {
            "headers": [
                [number, [masked_cell(c) for c in cells if not is_blank(c)][:8], header_score(spec, cells)]
                for number, cells in head
            ],
            "rows": [],
        },
    }
    if missing:
        fields.update(
            status=ImportJob.Status.INVALID,
            message=_(
                "Required columns are missing: %(columns)s. If the column names are in another row, "
                "choose that row as the header."
            )
            % {"columns": "、".join(missing)},
        )
        _save(job, fields)
        return None
    if then_import:
        below = (estimate - chosen) if estimate else job.total_rows
        fields.update(status=ImportJob.Status.RUNNING, total_rows=max(0, below))
        if not _save(job, fields):
            return None
        job.total_rows = fields["total_rows"]
        return header, data
    from hrbureau.core.imports.engine import classify_rows

    plan = classify_rows(spec, job, data, header=header, limit=PREVIEW_ROWS)
    total = plan.rows
    for total, _row in enumerate(data, start=plan.rows + 1):
        if total % COUNT_PROGRESS_EVERY == 0:
            set_progress(job.pk, phase="counting", done=total, total=estimate or 0)
    # The preview shows the columns the file has, in the registry's order.
    shown = [c.key for c in spec.columns if c.key in set(job.header_map.values())]
    preview: list[list[Any]] = []
    for number, _key, cleaned in plan.creates:
        preview.append([number, "create", shown_values(spec, cleaned, shown), []])
    for number, _key, _pk, cleaned in plan.updates:
        preview.append([number, "update", shown_values(spec, cleaned, shown), []])
    for number, _cells, reasons in plan.rejects:
        preview.append([number, "reject", [], reasons])
    for number, _cells, reason in plan.skips:
        preview.append([number, "skip", [], [reason]])
    fields["preview"]["rows"] = sorted(preview, key=lambda row: row[0])
    fields["preview"]["columns"] = shown
    fields["total_rows"] = total
    if total:
        fields.update(status=ImportJob.Status.UPLOADED)
    else:
        fields.update(
            status=ImportJob.Status.INVALID, message=_("The file has a header row but no data rows.")
        )
    _save(job, fields)
    return None


def shown_values(spec: ImportSpec, cleaned: dict[str, Any], keys: list[str]) -> list[str]:
    """A checked row as the preview shows it: identifiers masked, a choice by its label."""
    values = []
    for column in (spec.column(key) for key in keys):
        value = cleaned.get(column.key)
        if column.options and value:
            value = dict(column.options).get(value, value)
        elif column.kind == "flag" and value is not None:
            value = _("Yes") if value else _("No")
        values.append(spec.display(column.key, value))
    return values


def _save(job: ImportJob, fields: dict[str, Any]) -> bool:
    """Save what the check found — only if the job is still this check's (it may have been cancelled
    or declared stopped meanwhile)."""
    saved = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKING, attempt=job.attempt).update(
        **fields
    )
    return bool(saved)


def needs_worker(job: ImportJob) -> bool:
    """Whether checking the job again (another header row) is work for the worker."""
    return job.cells > inline_limits().cells
