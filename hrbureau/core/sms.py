"""Pluggable SMS backends (mechanism 8), chosen by ``settings.SMS_BACKEND``.

* ``console`` writes each message to standard output (production until a gateway is configured);
* ``file`` writes each message to a file under ``settings.SMS_FILE_PATH`` (development);
* ``memory`` keeps them in ``outbox`` (tests).

A gateway backend implements ``send(to, body)`` and raises ``SmsError`` when the gateway refuses.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from django.conf import settings
from django.utils import timezone

outbox: list[tuple[str, str]] = []


class SmsError(Exception):
    pass


def send_sms(*, to: str, body: str) -> None:
    backend = settings.SMS_BACKEND
    if backend == "memory":
        outbox.append((to, body))
    elif backend == "file":
        directory = Path(settings.SMS_FILE_PATH)
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{timezone.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:8]}.txt"
        (directory / name).write_text(f"To: {to}\n\n{body}\n", encoding="utf-8")
    elif backend == "console":
        sys.stdout.write(f"[sms] to {to}: {body}\n")
        sys.stdout.flush()
    else:
        raise SmsError(f"unknown SMS backend {backend!r}")
