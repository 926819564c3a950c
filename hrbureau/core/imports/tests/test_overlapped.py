"""Checking and writing at once (PostgreSQL, large files): the same outcome as checking first, and an
error on either side leaves nothing. The thresholds are lowered so small files take this path."""

from __future__ import annotations

import random
import time
from typing import Any

import pytest
from django.db import connection

from hrbureau.core.identifiers import generate_uscc
from hrbureau.core.imports import engine
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.imports.tests.test_imports import commit, upload, write_failing_on_call, xlsx_bytes
from hrbureau.core.models import EditRecord, ImportJob
from hrbureau.enterprises.models import Enterprise

HEADER = ["统一社会信用代码", "企业名称", "所属街道"]

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the overlapped write runs on PostgreSQL only"
)


def _codes(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [generate_uscc(rng) for _ in range(count)]


@pytest.fixture
def small_batches(monkeypatch: Any) -> list[int]:
    """Tiny batches, and a record of each run that took the overlapped path."""
    monkeypatch.setattr(engine, "OVERLAP_FROM_ROWS", 10)
    monkeypatch.setattr(engine, "WRITE_CHUNK", 7)
    monkeypatch.setattr(engine, "CHUNK", 5)
    runs: list[int] = []
    original = engine._check_and_write_together

    def spy(spec: Any, job: ImportJob, *args: Any) -> None:
        runs.append(job.pk)
        original(spec, job, *args)

    monkeypatch.setattr(engine, "_check_and_write_together", spy)
    return runs


@postgresql_only
def test_rows_are_written_while_the_file_is_checked(
    transactional_db: Any, world: Any, small_batches: list[int]
) -> None:
    codes = _codes(40, seed=1)
    existing = world.enterprises["a1"].uscc
    rows = [[code, f"并行{i}有限公司", "东湖街道"] for i, code in enumerate(codes)]
    rows.insert(10, [codes[3], "文件内重复公司", ""])  # row 12: duplicate of row 5
    rows.insert(20, [existing, "已登记公司", ""])  # row 22: already registered
    rows.insert(30, ["坏代码", "坏代码公司", ""])  # row 32: not a code
    job = commit(world, upload(world, "enterprises", xlsx_bytes(HEADER, rows)))
    assert small_batches == [job.pk]
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (43, 40, 0, 3)
    created = dict(Enterprise.objects.filter(uscc__in=codes).values_list("uscc", "name"))
    assert created == {code: f"并行{i}有限公司" for i, code in enumerate(codes)}
    assert EditRecord.objects.filter(reference=f"import:{job.pk}", created=True).count() == 40
    assert Enterprise.objects.get(uscc=existing).name == world.enterprises["a1"].name


@postgresql_only
def test_an_update_import_updates_a_row_created_earlier_in_the_same_file(
    transactional_db: Any, world: Any, small_batches: list[int]
) -> None:
    codes = _codes(20, seed=2)
    existing = world.enterprises["a2"].uscc
    rows = [[code, f"首次{i}有限公司", ""] for i, code in enumerate(codes)]
    rows.append([codes[0], "后来改名有限公司", ""])
    rows.append([existing, "已登记改名有限公司", ""])
    job = commit(world, upload(world, "enterprises", xlsx_bytes(HEADER, rows), mode="update"))
    assert small_batches == [job.pk]
    assert job.status == ImportJob.Status.DONE, job.message
    assert (job.created_count, job.updated_count, job.rejected_count) == (20, 2, 0)
    assert Enterprise.objects.get(uscc=codes[0]).name == "后来改名有限公司"
    assert Enterprise.objects.get(uscc=existing).name == "已登记改名有限公司"


@postgresql_only
def test_a_write_error_midway_leaves_nothing(
    transactional_db: Any, world: Any, small_batches: list[int]
) -> None:
    spec = get_spec("enterprises")
    assert spec is not None
    codes = _codes(40, seed=3)
    job = upload(world, "enterprises", xlsx_bytes(HEADER, [[c, "写入失败公司", ""] for c in codes]))
    with write_failing_on_call(spec, 3, OSError("disk full")) as calls:
        job = commit(world, job)
    assert small_batches == [job.pk]
    assert calls["n"] == 3
    assert job.status == ImportJob.Status.FAILED
    assert "disk full" in job.message
    assert not Enterprise.objects.filter(uscc__in=codes).exists()
    assert not EditRecord.objects.filter(reference=f"import:{job.pk}").exists()


@postgresql_only
def test_a_checking_error_after_rows_were_written_leaves_nothing(
    transactional_db: Any, world: Any, small_batches: list[int], monkeypatch: Any
) -> None:
    spec = get_spec("enterprises")
    assert spec is not None
    codes = _codes(40, seed=4)
    job = upload(world, "enterprises", xlsx_bytes(HEADER, [[c, "检查失败公司", ""] for c in codes]))
    writes: list[int] = []
    original = spec.write

    def counted_write(*args: Any) -> Any:
        result = original(*args)
        writes.append(len(args[1]))
        return result

    read_rows = engine.read_rows
    seen_when_it_broke: list[int] = []

    def breaking_rows(path: Any, header_row: int) -> Any:
        header, rows = read_rows(path, header_row)

        def rows_then_error() -> Any:
            for number, row in enumerate(rows, start=1):
                if number == 35:
                    deadline = time.monotonic() + 10
                    while not writes and time.monotonic() < deadline:
                        time.sleep(0.01)  # let the writer write a batch first
                    # The checking connection cannot see the writer's uncommitted rows.
                    seen_when_it_broke.append(Enterprise.objects.filter(uscc__in=codes).count())
                    raise OSError("the file could not be read any further")
                yield row

        return header, rows_then_error()

    monkeypatch.setattr(engine, "read_rows", breaking_rows)
    object.__setattr__(spec, "write", counted_write)
    try:
        job = commit(world, job)
    finally:
        object.__setattr__(spec, "write", original)
    assert small_batches == [job.pk]
    assert sum(writes) >= 7, "a batch was written before the error"
    assert seen_when_it_broke == [0]
    assert job.status == ImportJob.Status.FAILED
    assert "could not be read" in job.message
    assert not Enterprise.objects.filter(uscc__in=codes).exists()
    assert not EditRecord.objects.filter(reference=f"import:{job.pk}").exists()


def test_inside_a_transaction_or_on_sqlite_rows_are_checked_first(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(engine, "OVERLAP_FROM_ROWS", 1)
    job = upload(world, "enterprises", xlsx_bytes(HEADER, [[c, "顺序公司", ""] for c in _codes(3, seed=5)]))
    # This test runs inside the test's transaction: a second connection could not see its rows.
    assert engine.overlapped_writing(job) is False
    job = commit(world, job)
    assert job.status == ImportJob.Status.DONE
    assert job.created_count == 3
