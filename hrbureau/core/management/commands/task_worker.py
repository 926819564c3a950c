"""The task worker ``manage.py serve`` starts: django-tasks-db's ``db_worker``, logging failures only.

``db_worker`` sets its loggers to INFO at the default verbosity, which writes two lines for every task
(about 18,000 after a first start, while the worker loads the rest of the demo) and buries what matters;
verbosity 0 would hide failures as well. This worker logs warnings and failures at verbosity 1 and
everything at 2, as ``db_worker`` does at 1.
"""

from __future__ import annotations

import logging

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand


class Command(DbWorkerCommand):
    help = "Run the database task worker, logging warnings and failures (verbosity 2: every task)."

    def configure_logging(self, verbosity: int) -> None:
        super().configure_logging(verbosity - 1 if verbosity >= 1 else 0)
        if verbosity == 1:
            for name in ("django_tasks", "django_tasks_db"):
                logging.getLogger(name).setLevel(logging.WARNING)
