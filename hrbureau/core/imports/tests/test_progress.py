"""A background import's page: its progress bar while its worker beats, and — as soon as the worker is
gone (no heartbeat for a few periods) — failed with nothing written, with "run it again" for the
uploader and for staff who may import the same records, in the pages and the API."""

from __future__ import annotations

import os
import re
import time
from typing import Any

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from hrbureau.core.imports import engine, liveness, services
from hrbureau.core.imports.tests.test_imports import upload, xlsx_bytes
from hrbureau.core.models import ImportJob

ROWS = [["91350100M000100Y43", "进度有限公司"]]


def _running(world: Any, *, beat_age: float | None, user: str = "dept_staff", done: int = 250) -> ImportJob:
    """A job a worker is importing (attempt 1), whose last heartbeat is ``beat_age`` seconds old (None:
    it never beat)."""
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS), user=user)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING, attempt=job.attempt + 1)
    job.refresh_from_db()
    engine.set_progress(job.pk, phase="checking", done=done, total=1000)
    if beat_age is not None:
        liveness.beat(job, job.attempt)
        when = time.time() - beat_age
        os.utime(liveness._heartbeat_path(job), (when, when))
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
    job = _running(world, beat_age=0)
    body = _status(client_for("dept_staff"), job, language)
    assert re.search(r'<progress[^>]*value="25"', body), "250 of 1,000 rows is a quarter"
    assert checking in body
    assert count in body  # numbers as each language writes them
    assert 'hx-trigger="every 1s"' in body  # the page keeps asking while the import runs
    assert "/retry/" not in body  # alive: no way to start it a second time

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
    assert "1 rows: 1 created, 0 updated, 0 rejected, 0 skipped" in body


def test_a_job_whose_worker_stopped_beating_is_failed_at_once(
    world: Any, client_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.IMPORT_HEARTBEAT_SECONDS = 10
    # Silent for a little more than three periods: dead (long before the old ten minutes).
    job = _running(world, beat_age=liveness.dead_after() + 1)
    assert liveness.is_dead(job)
    client = client_for("dept_staff")
    listed = client.get("/imports/").content.decode()
    assert "失败，未导入任何数据" in listed  # the list already says so
    body = _status(client, job, "zh-hans")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED
    assert job.message == "未导入任何数据：导入在完成前中止了（其后台进程已结束）。"
    assert 'data-status="failed"' in body
    assert "hx-trigger" not in body
    assert f'action="/imports/jobs/{job.pk}/retry/"' in body

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/jobs/{job.pk}/retry/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert (job.status, job.message) == (ImportJob.Status.QUEUED, "")
    progress = engine.get_progress(job.pk)
    assert progress is not None
    assert (progress["phase"], progress["done"]) == ("queued", 0)
    assert DBTaskResult.objects.filter(task_path="hrbureau.core.imports.tasks.run_import").exists()


def test_a_running_import_whose_worker_beats_cannot_be_started_twice(world: Any, client_for: Any) -> None:
    # Its progress has not moved for a long time, but its worker is alive (a long query): not dead.
    job = _running(world, beat_age=1)
    progress = engine.get_progress(job.pk)
    assert progress is not None
    cache.set(liveness._progress_key(job.pk), {**progress, "at": time.time() - 3600})
    assert not liveness.is_dead(job)
    with pytest.raises(ValidationError, match="只有失败或中断的导入才能重新运行"):
        services.import_job_retry(actor=world.users["dept_staff"], job=job)
    client = client_for("dept_staff")
    client.cookies["hrbureau_language"] = "zh-hans"
    response = client.post(f"/imports/jobs/{job.pk}/retry/", follow=True)
    assert "只有失败或中断的导入才能重新运行。" in response.content.decode()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING


def test_a_heartbeat_outlives_a_full_cache(world: Any) -> None:
    """The file cache deletes entries at random once full: the heartbeat is not one of them."""
    job = _running(world, beat_age=1)
    cache.clear()
    assert not liveness.is_dead(job)


def test_a_real_heartbeat_beats_while_the_work_runs(world: Any, settings: Any) -> None:
    settings.IMPORT_HEARTBEAT_SECONDS = 1
    job = _running(world, beat_age=None)
    with liveness.heartbeat(job):
        first = liveness.last_beat(job)
        time.sleep(2.5)  # a long query: the work does nothing, the thread beats
        later = liveness.last_beat(job)
        assert first is not None
        assert later is not None
        assert later > first
        assert not liveness.is_dead(job)
    assert liveness.last_beat(job) is None  # the pass is over: no heartbeat left behind


def test_a_heartbeat_of_an_earlier_pass_does_not_keep_a_job_alive(world: Any) -> None:
    job = _running(world, beat_age=None)
    liveness.beat(job, job.attempt - 1)  # the check's heartbeat, before this import began
    ImportJob.objects.filter(pk=job.pk).update(started_at=job.created_at.replace(year=2020))
    job.refresh_from_db()
    assert liveness.last_beat(job) is None
    assert liveness.is_dead(job)


def test_a_job_waiting_for_its_check_in_the_queue_is_not_dead(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)
    job.refresh_from_db()
    assert not liveness.is_dead(job)
    assert not liveness.mark_dead(job)


def test_the_periodic_sweep_marks_stopped_imports_failed(world: Any) -> None:
    from hrbureau.core.periodic import run_due

    dead = _running(world, beat_age=liveness.dead_after() + 5)
    alive = _running(world, beat_age=0)
    done = run_due(dead.created_at.date())
    assert "imports: stopped jobs: 1 stopped import(s) marked failed" in done
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert (dead.status, alive.status) == (ImportJob.Status.FAILED, ImportJob.Status.RUNNING)


def test_a_job_declared_dead_is_never_completed_by_its_slow_worker(world: Any) -> None:
    """The worker was only slow: its final write finds the job no longer its own and rolls back."""
    from hrbureau.enterprises.models import Enterprise

    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    original = engine._finish

    def declared_dead_meanwhile(spec: Any, job: ImportJob, *args: Any, **kwargs: Any) -> None:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message="stopped")
        original(spec, job, *args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine, "_finish", declared_dead_meanwhile)
        job = services.import_job_commit(actor=world.users["dept_staff"], job=job)
    assert job.status == ImportJob.Status.FAILED
    assert not Enterprise.objects.filter(uscc=ROWS[0][0]).exists()


def test_a_failed_import_can_be_run_again_by_its_uploader_and_staff_who_may_import(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, message="disk full")
    job.refresh_from_db()
    for outsider in ("street_staff", "leader", "enterprise"):
        with pytest.raises(PermissionDenied):
            services.import_job_retry(actor=world.users[outsider], job=job)
    job = services.import_job_retry(actor=world.users["dept_head"], job=job)  # a colleague
    assert (job.status, job.message) == (ImportJob.Status.QUEUED, "")


def test_an_integrations_stopped_import_is_failed_in_the_api_and_staff_run_it_again(
    world: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from hrbureau.accounts.services import api_token_create

    job = _running(world, beat_age=liveness.dead_after() + 1, user="integration")
    token = api_token_create(user=world.users["integration"])
    api = Client(headers={"Authorization": f"Bearer {token}"})
    body = api.get(f"/api/v1/imports/jobs/{job.pk}").json()
    assert body["status"] == "failed"  # not "running" forever
    assert body["message"].startswith("未导入任何数据")

    # The integration account has no pages; a department staff member sees its job and runs it again.
    staff = client_for("dept_staff")
    assert f"/imports/jobs/{job.pk}/" in staff.get("/imports/").content.decode()
    page = staff.get(f"/imports/jobs/{job.pk}/").content.decode()
    assert f'action="/imports/jobs/{job.pk}/retry/"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"/api/v1/imports/jobs/{job.pk}/retry")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "queued"
    # The integration may run its own again too (once failed again).
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
    with django_capture_on_commit_callbacks(execute=True):
        assert api.post(f"/api/v1/imports/jobs/{job.pk}/retry").status_code == 200
    # Staff without the import permission neither see it nor run it.
    street = client_for("street_staff")
    assert street.post(f"/api/v1/imports/jobs/{job.pk}/retry").status_code == 403


def test_a_finished_import_cannot_be_run_again(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    job = services.import_job_commit(actor=world.users["dept_staff"], job=job)
    assert job.status == ImportJob.Status.DONE
    with pytest.raises(ValidationError):
        services.import_job_retry(actor=world.users["dept_staff"], job=job)


def test_a_file_being_checked_shows_its_progress_then_its_preview(world: Any, client_for: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], ROWS))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CHECKING)
    engine.set_progress(job.pk, phase="measuring", done=300, total=1000)
    client = client_for("dept_staff")
    client.cookies["hrbureau_language"] = "zh-hans"
    polled = client.get(f"/imports/jobs/{job.pk}/?was=checking", headers={"HX-Request": "true"})
    body = polled.content.decode()
    assert "正在测量文件大小" in body
    assert re.search(r'<progress[^>]*value="30"', body)
    assert 'hx-trigger="every 1s"' in body
    assert "HX-Refresh" not in polled.headers
    # Checked: the next poll reloads the page, whose preview lies outside the polled part.
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.UPLOADED)
    polled = client.get(f"/imports/jobs/{job.pk}/?was=checking", headers={"HX-Request": "true"})
    assert polled.headers["HX-Refresh"] == "true"
