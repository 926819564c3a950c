"""Run the web server, the task worker and the periodic deadline sweep together; Ctrl-C (or SIGTERM)
stops them all cleanly.

``make run`` uses this. The web server is Django's development server in development and gunicorn in
production; the worker is django-tasks-db's ``db_worker`` (as ``task_worker``, which logs failures, not every task). If either process dies the other is stopped
too, so the platform never runs half-alive.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Start the web server and the background task worker together."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--workers", type=int, default=1, help="task worker processes")
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args: Any, bind: str, workers: int, no_worker: bool, **options: Any) -> None:
        python = sys.executable
        manage = [python, str(settings.BASE_DIR / "manage.py")]
        if settings.PRODUCTION:
            web = [
                python,
                "-m",
                "gunicorn",
                "hrbureau.wsgi",
                "--bind",
                bind,
                "--workers",
                "3",
                "--access-logfile",
                "-",
            ]
        else:
            web = [*manage, "runserver", bind, "--noreload", "--skip-checks"]
        commands = [("web", web)]
        if not no_worker:
            commands += [(f"worker-{i + 1}", [*manage, "task_worker", "--no-reload"]) for i in range(workers)]
            # The periodic deadline sweep (reminders, 催办, 督办); idempotent, so one per site is enough.
            commands.append(
                ("sweep", [*manage, "sweep_deadlines", "--every", str(settings.SWEEP_INTERVAL_SECONDS)])
            )
        processes: list[tuple[str, subprocess.Popen[bytes]]] = []
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in commands:
            # Children get their own process group, so the terminal's Ctrl-C reaches only us and we
            # shut them down in order.
            process = subprocess.Popen(command, cwd=settings.BASE_DIR, start_new_session=True)  # noqa: S603
            processes.append((name, process))
            self.stdout.write(f"started {name} (pid {processes[-1][1].pid})")
        self.stdout.write(f"hrbureau is running on http://{bind}/ — press Ctrl-C to stop")
        self.stdout.flush()
        exit_code = 0
        try:
            while not stopping:
                for name, process in processes:
                    if process.poll() is not None:
                        self.stderr.write(f"{name} exited with code {process.returncode}; stopping the rest")
                        exit_code = process.returncode or 1
                        stopping = True
                time.sleep(0.2)
        finally:
            for _, process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 10
            for name, process in processes:
                try:
                    process.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    self.stderr.write(f"{name} did not stop in time; killing it")
                    process.kill()
                    process.wait()
            self.stdout.write("stopped")
        if exit_code:
            sys.exit(exit_code)
