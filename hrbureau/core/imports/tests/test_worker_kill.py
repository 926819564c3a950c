"""A worker killed in the middle of writing an import leaves nothing half-imported (a real worker process,
a real database — a SQLite file, and a PostgreSQL database of its own when the suite runs on PostgreSQL,
where rows are written while the file is still being checked — SIGKILL); its heartbeat stops, so the
periodic sweep finds the job dead a few heartbeat periods later and marks it failed; a colleague with
the import permission runs it again, and the worker imports it to the end."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pytest
import xlsxwriter

from hrbureau.core.identifiers import generate_uscc

ROOT = Path(__file__).resolve().parents[4]
ROWS = 30_000
HEARTBEAT = 1  # seconds: the worker beats every second, and is dead after 3 silent beats (+ 2 s)


def _manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _write_file(path: Path) -> None:
    rng = random.Random(2026)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, ["统一社会信用代码", "企业名称", "注册地址"])
    for row in range(1, ROWS + 1):
        sheet.write_row(row, 0, [generate_uscc(rng), f"压力测试{row}号有限公司", f"示范区测试路{row}号"])
    workbook.close()


def _progress(cache_dir: Path, job_id: int) -> dict | None:  # type: ignore[type-arg]
    from django.core.cache.backends.filebased import FileBasedCache

    return FileBasedCache(str(cache_dir), {}).get(f"hrbureau:import-progress:{job_id}")


class _Database:
    """The worker's database, read from outside the worker (autocommit: only what it committed)."""

    def __init__(self, backend: str, tmp_path: Path, env: dict[str, str]) -> None:
        self.backend = backend
        if backend == "sqlite":
            self.connection: Any = sqlite3.connect(tmp_path / "hrbureau.sqlite3", isolation_level=None)
            self.admin: Any = None
            return
        import psycopg

        url = urlsplit(os.environ["DATABASE_URL"])
        self.name = f"hb_kill_{os.getpid()}"
        self.admin = psycopg.connect(urlunsplit(url._replace(path="/postgres")), autocommit=True)
        self.admin.execute(f"DROP DATABASE IF EXISTS {self.name}")
        self.admin.execute(
            f"CREATE DATABASE {self.name} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
        env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{self.name}"))
        self.connection = psycopg.connect(env["DATABASE_URL"], autocommit=True)

    def one(self, sql: str, *params: Any) -> Any:
        if self.backend == "postgresql":
            sql = sql.replace("?", "%s")
        return self.connection.execute(sql, params).fetchone()

    def close(self) -> None:
        self.connection.close()
        if self.admin is not None:
            self.admin.execute(f"DROP DATABASE IF EXISTS {self.name} WITH (FORCE)")
            self.admin.close()


BACKENDS = [
    "sqlite",
    pytest.param(
        "postgresql",
        marks=pytest.mark.skipif(
            not os.environ.get("DATABASE_URL", "").startswith("postgres"),
            reason="the suite runs on SQLite",
        ),
    ),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_killing_the_worker_mid_write_leaves_nothing(tmp_path: Path, backend: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env["HRBUREAU_VAR_DIR"] = str(tmp_path)
    env["IMPORT_HEARTBEAT_SECONDS"] = str(HEARTBEAT)
    database = _Database(backend, tmp_path, env)
    try:
        _kill_and_rerun(tmp_path, env, database)
    finally:
        database.close()


def _kill_and_rerun(tmp_path: Path, env: dict[str, str], database: _Database) -> None:
    _manage(env, "migrate", "-v0")
    _manage(env, "seed_demo", "--enterprises", "0", "--people", "0", "--quiet-logins")
    source = tmp_path / "big.xlsx"
    _write_file(source)
    script = (
        "from django.core.files.uploadedfile import SimpleUploadedFile as F;"
        "from hrbureau.accounts.models import User;"
        "from hrbureau.core.imports import services;"
        "from hrbureau.core.imports.spec import get_spec;"
        "u = User.objects.get(username='talent_staff');"
        f"job = services.import_job_create(actor=u, spec=get_spec('enterprises'), upload=F('big.xlsx', open({str(source)!r}, 'rb').read()), mode='reject');"
        "job = services.import_job_commit(actor=u, job=job);"
        "print(job.pk, job.status)"
    )
    job_id, status = _manage(env, "shell", "-c", script).split()[-2:]
    assert status == "queued"

    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    killed_at = None
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and worker.poll() is None:
            progress = _progress(tmp_path / "cache", int(job_id))
            # Rows written and not yet committed: in the write phase, or (PostgreSQL) while checking.
            writing = progress and progress["phase"] == "writing" and 0 < progress["done"] < ROWS
            if writing or (progress and progress["phase"] == "checking" and progress.get("written")):
                worker.send_signal(signal.SIGKILL)
                killed_at = progress["done"]
                break
            time.sleep(0.01)
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
    assert killed_at is not None, "the worker finished or stalled before it could be killed mid-write"

    # Batches up to `killed_at` had been written inside the import's transaction; none survive.
    assert database.one("SELECT COUNT(*) FROM enterprises_enterprise")[0] == 0
    assert database.one("SELECT COUNT(*) FROM core_editrecord")[0] == 0
    assert database.one("SELECT status FROM core_importjob WHERE id = ?", int(job_id))[0] == "running"

    # No heartbeat for more than three periods: the periodic sweep marks the job failed, nothing written.
    time.sleep(3 * HEARTBEAT + 3)
    assert "1 stopped import(s) marked failed" in _manage(env, "sweep_deadlines")
    status, message = database.one("SELECT status, message FROM core_importjob WHERE id = ?", int(job_id))
    assert status == "failed"
    assert message == "未导入任何数据：导入在完成前中止了（其后台进程已结束）。"
    assert database.one("SELECT COUNT(*) FROM enterprises_enterprise")[0] == 0

    # A colleague who may import enterprises (not the uploader) runs it again; the worker imports
    # everything, once.
    retry = (
        "from hrbureau.accounts.models import User;"
        "from hrbureau.core.imports import services;"
        "from hrbureau.core.models import ImportJob;"
        f"job = services.import_job_retry(actor=User.objects.get(username='talent_head'), job=ImportJob.objects.get(pk={job_id}));"
        "print(job.status)"
    )
    assert _manage(env, "shell", "-c", retry).split()[-1] == "queued"
    _manage(env, "db_worker", "--batch", "--no-reload", "--no-startup-delay")
    assert database.one("SELECT COUNT(*) FROM enterprises_enterprise")[0] == ROWS
    status, created, rejected = database.one(
        "SELECT status, created_count, rejected_count FROM core_importjob WHERE id = ?", int(job_id)
    )
    assert (status, created, rejected) == ("done", ROWS, 0)
