"""A task used by the test of several workers sharing the queue (importable by a real worker)."""

from __future__ import annotations

import os
import time

from django_tasks import task


@task()
def record_worker(number: int) -> None:
    from hrbureau.core.audit import audit_record

    time.sleep(0.2)  # long enough that every worker gets a share
    audit_record(kind="login", username=f"worker-{os.getpid()}", reason=str(number))
