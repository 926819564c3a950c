"""Where an import's files live: the uploads and their error files, outside the web root
(``PRIVATE_FILES_ROOT/imports``), served only through views that check who asks."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from hrbureau.core.models import ImportJob


def folder() -> Path:
    return Path(settings.PRIVATE_FILES_ROOT) / "imports"


def job_path(job: ImportJob) -> Path:
    return folder() / job.stored_name


def error_path(job: ImportJob) -> Path:
    return folder() / job.error_file
