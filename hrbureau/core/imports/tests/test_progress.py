"""A background import's page: its progress bar while it runs, and "run it again" when its worker has
stopped (no progress for STALE_SECONDS) or it failed — the only ways back from an interrupted import."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError

from hrbureau.core.imports import engine, services
from hrbureau.core.imports.tests.test_imports import upload, xlsx_bytes
from hrbureau.core.models import ImportJob

ROWS = [["91350100M000100Y43", "进度有限公司"]]


def _running(world: Any, *, progress_age: float, done: int = 250, total: int = 1000) -> ImportJob:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    engine.set_progress(job.pk, phase="checking", done=done, total=total)
    if progress_age:
        progress = engine.get_progress(job.pk)
        assert progress is not None
        progress["at"] = time.time() - progress_age
        cache.set(engine._progress_key(job.pk), progress)
    job.refresh_from_db()
    return job


def _status(client: Any, job: ImportJob, language: str) -> str:
    client.cookies["hrbureau_language"] = language
    response = client.get(f"/imports/jobs/{job.pk}/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("language", "checking", "writing", "count"),
    [("zh-hans", "正在检查", "正在写入", "250 / 1000"), ("en", "Checking rows", "Writing", "250 / 1,000")],
)
def test_a_running_import_shows_its_progress(
    world: Any, client_for: Any, language: str, checking: str, writing: str, count: str
) -> None:
    job = _running(world, progress_age=0)
    body = _status(client_for("dept_staff"), job, language)
    assert re.search(r'<progress[^>]*value="25"', body), "250 of 1,000 rows is a quarter"
    assert checking in body
    assert count in body  # numbers as each language writes them
    assert 'hx-trigger="every 1s"' in body  # the page keeps asking while the import runs
    assert "/retry/" not in body  # not stale: no way to start it a second time

    engine.set_progress(job.pk, phase="writing", done=900, total=1000)
    body = _status(client_for("dept_staff"), job, language)
    assert re.search(r'<progress[^>]*value="90"', body)
    assert writing in body


def test_a_finished_import_stops_polling_and_shows_its_summary(world: Any, client_for: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    job = services.import_job_commit(actor=world.users["dept_staff"], job=job)
    body = _status(client_for("dept_staff"), job, "en")
    assert job.status == ImportJob.Status.DONE
    assert "hx-trigger" not in body
    assert "1 rows: 1 created, 0 updated, 0 rejected" in body


def test_a_stalled_import_can_be_run_again(
    world: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    job = _running(world, progress_age=engine.STALE_SECONDS + 5)
    assert engine.is_stale(job)
    client = client_for("dept_staff")
    body = _status(client, job, "zh-hans")
    assert "该导入长时间没有进展" in body
    assert f'action="/imports/jobs/{job.pk}/retry/"' in body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.QUEUED
    assert job.message == ""
    progress = engine.get_progress(job.pk)
    assert progress is not None
    assert (progress["phase"], progress["done"]) == ("queued", 0)
    assert DBTaskResult.objects.filter(task_path="hrbureau.core.imports.tasks.run_import").exists()


def test_a_running_import_that_still_moves_cannot_be_started_twice(world: Any, client_for: Any) -> None:
    job = _running(world, progress_age=engine.STALE_SECONDS - 60)
    assert not engine.is_stale(job)
    with pytest.raises(ValidationError, match="只有失败或中断的导入才能重新运行"):
        services.import_job_retry(actor=world.users["dept_staff"], job=job)
    client = client_for("dept_staff")
    client.cookies["hrbureau_language"] = "zh-hans"
    response = client.post(f"/imports/jobs/{job.pk}/retry/", follow=True)
    assert "只有失败或中断的导入才能重新运行。" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING


def test_a_failed_import_can_be_run_again_only_by_its_uploader(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message="disk full")
    job.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.import_job_retry(actor=world.users["dept_head"], job=job)
    job = services.import_job_retry(actor=world.users["dept_staff"], job=job)
    assert (job.status, job.message) == (ImportJob.Status.QUEUED, "")


def test_a_finished_import_cannot_be_run_again(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    job = services.import_job_commit(actor=world.users["dept_staff"], job=job)
    assert job.status == ImportJob.Status.DONE
    with pytest.raises(ValidationError):
        services.import_job_retry(actor=world.users["dept_staff"], job=job)
