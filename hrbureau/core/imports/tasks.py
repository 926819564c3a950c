from __future__ import annotations

from django_tasks import task


@task()
def check_import(job_id: int) -> None:
    """Measure and check a large upload in the background worker (the upload request only stored it)."""
    from hrbureau.core.imports import engine

    engine.check(job_id)


@task()
def run_import(job_id: int) -> None:
    """Background import of a large file (the worker started by ``manage.py serve``)."""
    from hrbureau.core.imports import engine

    engine.run(job_id)
