"""Run the deadline sweep: mark overdue clocks and climb the supervision ladder (DOMAIN.md §3), then
the periodic jobs the apps registered that are due (``core.periodic``: the nightly risk scores, the
SQLite search indexes' daily tidying).

Safe to run as often as wanted — every step sent is recorded, so a second run sends nothing twice.
``--every N`` keeps running, sweeping every N seconds (``manage.py serve`` starts it that way).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import close_old_connections


class Command(BaseCommand):
    help = "Mark overdue deadlines and send reminders, 催办 and 督办 notices."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="sweep as of this date (YYYY-MM-DD), for replaying a day")
        parser.add_argument("--every", type=int, default=0, help="repeat every N seconds")

    def handle(self, *args: Any, today: str | None, every: int, **options: Any) -> None:
        from hrbureau.core.clocks import sweep_deadlines
        from hrbureau.core.notifications import deliver_outbox
        from hrbureau.core.periodic import run_due

        day = None
        if today:
            try:
                day = dt.date.fromisoformat(today)
            except ValueError:
                raise CommandError(f"--today must be a date like 2026-11-30, not {today!r}") from None
        while True:
            result = sweep_deadlines(today=day)
            steps = ", ".join(f"{name} {count}" for name, count in result.steps.items()) or "no steps"
            self.stdout.write(f"{result.today}: {result.marked_overdue} newly overdue; notices: {steps}")
            for done in run_due(result.today):
                self.stdout.write(done)
            # Messages whose delivery failed (a gateway down) are tried again on every sweep.
            delivery = deliver_outbox()
            if any(delivery.values()):
                self.stdout.write(f"messages: {delivery['sent']} sent, {delivery['failed']} failed")
            self.stdout.flush()
            if every <= 0:
                return
            close_old_connections()
            time.sleep(every)
