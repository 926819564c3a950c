"""On PostgreSQL several workers (on several machines) share one queue: every task runs exactly once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from hrbureau.core.models import AuditEvent

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db(transaction=True)
def test_two_workers_share_the_queue_without_running_a_task_twice(settings: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("several workers need PostgreSQL's SKIP LOCKED; the embedded SQLite mode runs one worker")
    from hrbureau.core.tests.worker_tasks import record_worker

    for number in range(20):
        record_worker.using(backend="default").enqueue(number)
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update({"DATABASE_URL": url, "TASKS_BACKEND": "database"})
    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "task_worker", "--batch", "--no-reload", "--no-startup-delay"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for worker in workers:
        _, error = worker.communicate(timeout=120)
        assert worker.returncode == 0, error
    runs = list(AuditEvent.objects.filter(username__startswith="worker-").values_list("reason", "username"))
    assert sorted(int(number) for number, _ in runs) == list(range(20))  # each task once
    assert len({worker for _, worker in runs}) == 2  # both workers took a share


def test_the_worker_logs_failures_not_every_task() -> None:
    """db_worker logs two INFO lines per task at the default verbosity; the platform's worker logs
    warnings and failures, and every task only when asked (verbosity 2)."""
    import logging

    from hrbureau.core.management.commands.task_worker import Command

    loggers = [logging.getLogger("django_tasks"), logging.getLogger("django_tasks_db")]
    before = [logger.level for logger in loggers]
    try:
        Command().configure_logging(1)
        assert [logger.level for logger in loggers] == [logging.WARNING, logging.WARNING]
        Command().configure_logging(2)
        assert [logger.level for logger in loggers] == [logging.INFO, logging.INFO]
        Command().configure_logging(0)
        assert [logger.level for logger in loggers] == [logging.CRITICAL, logging.CRITICAL]
    finally:
        for logger, level in zip(loggers, before, strict=True):
            logger.setLevel(level)
