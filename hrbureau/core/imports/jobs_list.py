"""The import jobs a user may see, declared as a list (``core.lists``): by status, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.filters import Choice
from hrbureau.core.imports import services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.lists import ListSpec
from hrbureau.core.models import ImportJob
from hrbureau.core.tables import Column, choice_labels, link


def _refresh(jobs: Sequence[Any]) -> None:
    for job in jobs:
        services.import_job_refresh(job)  # a job whose worker is gone shows as failed here too
        spec = get_spec(job.spec)
        job.spec_title = spec.title if spec is not None else job.spec


def _count(label: Any, attribute: str) -> Column:
    return Column(label, "text-end", value=lambda j: getattr(j, attribute), card=False)


IMPORT_JOBS = ListSpec(
    name="import",
    title=_("Imports"),
    permission=None,
    rows=services.jobs_for,
    ordering=("-created_at", "-id"),
    filters=(Choice("status", _("Status"), ImportJob.Status, empty=_("All statuses")),),
    columns=(
        Column(
            _("File"),
            value=lambda j: j.original_name,
            html=lambda j: link("imports:job", j.pk, j.original_name),
        ),
        Column(
            _("Time"),
            "text-nowrap",
            value=lambda j: j.created_at,
            html=lambda j: timezone.localtime(j.created_at).strftime("%Y-%m-%d %H:%M"),
        ),
        Column(_("Import type"), value=lambda j: j.spec_title),
        Column(_("Uploaded by"), value=lambda j: str(j.created_by) if j.created_by_id else "—"),
        Column(_("Status"), value=lambda j: choice_labels(ImportJob.Status).get(j.status, j.status)),
        _count(_("Rows"), "total_rows"),
        _count(_("Created"), "created_count"),
        _count(_("Updated"), "updated_count"),
        _count(_("Rejected"), "rejected_count"),
        _count(_("Skipped"), "skipped_count"),
    ),
    prepare=_refresh,
    empty=_("No imports yet."),
)
