"""What a running instance taught: the error file is written outside the import's transaction (on
SQLite that transaction holds the write lock), an upload whose request failed leaves no file behind,
and a large upload started at once through the API is checked and imported by the worker in one go."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import DatabaseError, connection
from django.test import Client

from hrbureau.core.imports import engine, errorfile, inspection, services, storage
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.imports.tests.test_imports import VALID, upload, xlsx_bytes
from hrbureau.core.models import ImportJob
from hrbureau.enterprises.models import Enterprise


def test_the_error_file_is_written_before_the_transaction_opens(world: Any, monkeypatch: Any) -> None:
    spec = get_spec("enterprises")
    assert spec is not None
    depth: dict[str, int] = {}
    write_error_file, write_rows = errorfile.write, spec.write

    def error_file_spy(*args: Any) -> str:
        depth["error file"] = len(connection.atomic_blocks)
        return write_error_file(*args)

    def rows_spy(*args: Any) -> Any:
        depth.setdefault("rows", len(connection.atomic_blocks))
        return write_rows(*args)

    monkeypatch.setattr(errorfile, "write", error_file_spy)
    object.__setattr__(spec, "write", rows_spy)
    try:
        rows = [[VALID[0], "甲公司"], ["坏代码", "乙公司"]]
        job = services.import_job_commit(
            actor=world.users["dept_staff"],
            job=upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], rows)),
        )
    finally:
        object.__setattr__(spec, "write", write_rows)
    assert (job.status, job.created_count, job.rejected_count) == (ImportJob.Status.DONE, 1, 1)
    assert engine.error_path(job).exists()
    # The rows are written one transaction deeper than the error file: the file was written first,
    # while no lock of the import was held.
    assert depth["error file"] < depth["rows"]


def test_a_failed_write_removes_its_error_file(world: Any, monkeypatch: Any) -> None:
    from hrbureau.core.imports.tests.test_imports import write_failing_on_call

    spec = get_spec("enterprises")
    rows = [[VALID[0], "甲公司"], ["坏代码", "乙公司"]]
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], rows))
    with write_failing_on_call(spec, 1, OSError("disk full")):
        job = services.import_job_commit(actor=world.users["dept_staff"], job=job)
    assert job.status == ImportJob.Status.FAILED
    assert not job.error_file
    assert [p.name for p in storage.folder().iterdir()] == [job.stored_name]


def test_an_upload_whose_job_cannot_be_saved_leaves_no_file(world: Any, monkeypatch: Any) -> None:
    def broken_save(self: ImportJob, *args: Any, **kwargs: Any) -> None:
        raise DatabaseError("database is locked")

    monkeypatch.setattr(ImportJob, "save", broken_save)
    with pytest.raises(DatabaseError):
        upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [[VALID[0], "甲公司"]]))
    assert not any(storage.folder().iterdir())


def test_orphan_upload_files_are_purged_by_the_sweep(world: Any) -> None:
    from hrbureau.core.periodic import run_due

    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [[VALID[0], "甲公司"]]))
    orphan = storage.folder() / "0123456789abcdef.xlsx"
    orphan.write_bytes(b"left by a request that failed")
    fresh = storage.folder() / "fedcba9876543210.xlsx"
    fresh.write_bytes(b"a request still writing it")
    old = time.time() - services.ORPHAN_AGE_SECONDS - 60
    for path in (orphan, engine.job_path(job)):
        os.utime(path, (old, old))
    done = run_due(job.created_at.date())
    assert "imports: orphan files: 1 orphan import file(s) removed" in done
    assert not orphan.exists()
    assert engine.job_path(job).exists()  # its job still needs it
    assert fresh.exists()  # too young to be judged


def test_a_cancelled_upload_leaves_no_file(world: Any) -> None:
    job = upload(world, "enterprises", xlsx_bytes(["统一社会信用代码", "企业名称"], [[VALID[0], "甲公司"]]))
    path: Path = engine.job_path(job)
    services.import_job_cancel(actor=world.users["dept_staff"], job=job)
    assert not path.exists()


def test_a_large_upload_started_at_once_is_checked_and_imported_by_the_worker(
    world: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from hrbureau.accounts.services import api_token_create
    from hrbureau.core.imports.tasks import check_import

    monkeypatch.setattr(inspection, "INLINE_CHECK_CELLS", 10)  # this file counts as large
    rows = [[VALID[i], f"大文件{i}有限公司"] for i in range(4)] + [["合计", ""]]
    token = api_token_create(user=world.users["integration"])
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/imports/enterprises",
            {"file": _file(xlsx_bytes(["统一社会信用代码", "企业名称"], rows)), "commit": "true"},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "checking"
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.start_when_checked
    reads = _count_reads(monkeypatch)
    check_import.call(job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count, job.skipped_count, job.total_rows) == (
        ImportJob.Status.DONE,
        4,
        1,
        5,
    )
    assert Enterprise.objects.filter(name__startswith="大文件").count() == 4
    assert reads == [job.stored_name]  # checked and imported from one reading of the file


def _count_reads(monkeypatch: Any) -> list[str]:
    from hrbureau.core.imports import reader

    reads: list[str] = []
    original = reader._spreadsheet_rows

    def counting(path: Path) -> Any:
        reads.append(path.name)
        return original(path)

    monkeypatch.setattr(reader, "_spreadsheet_rows", counting)
    return reads


def _file(content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("big.xlsx", content)
