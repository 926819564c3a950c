"""Remove attachment files that no record refers to.

An attachment is written to disk inside the transaction that records it; when that transaction rolls
back (a refused transition, a crash) the file stays behind with no row. This command deletes such files
once they are older than ``--min-age-minutes`` (so a file whose transaction is still open is never
touched). Safe to run from cron at any time.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Delete attachment files that no attachment record refers to."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--min-age-minutes", type=int, default=60)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, min_age_minutes: int, dry_run: bool, **options: Any) -> None:
        from hrbureau.core.attachments import root
        from hrbureau.core.models import CaseAttachment

        base = root()
        if not base.exists():
            self.stdout.write("no attachment files")
            return
        cutoff = time.time() - 60 * min_age_minutes
        removed = 0
        for path in base.rglob("*"):
            if not path.is_file() or path.stat().st_mtime > cutoff:
                continue
            stored_name = path.relative_to(base).as_posix()
            if CaseAttachment.objects.filter(stored_name=stored_name).exists():
                continue
            removed += 1
            if not dry_run:
                path.unlink()
        verb = "would remove" if dry_run else "removed"
        self.stdout.write(f"{verb} {removed} orphan file(s)")
