"""Jobs the periodic sweep runs besides the deadlines (``manage.py sweep_deadlines --every N``, which
``manage.py serve`` starts). An app registers a job that decides for itself whether it is due — e.g.
"the risk scores were last computed before today" — so running the sweep often costs nothing extra.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

Job = Callable[[dt.date], "str | None"]  # returns what it did, or None when it was not due
_JOBS: dict[str, Job] = {}


def register(name: str, job: Job) -> None:
    _JOBS[name] = job


def run_due(today: dt.date) -> list[str]:
    """Run every registered job that is due; one job failing does not stop the others."""
    done = []
    for name, job in sorted(_JOBS.items()):
        try:
            message = job(today)
        except Exception:  # logged; the sweep carries on with the next job
            log.exception("periodic job %s failed", name)
            done.append(f"{name}: failed (see the log)")
            continue
        if message:
            done.append(f"{name}: {message}")
    return done
