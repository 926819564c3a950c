from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from hrbureau.core import demo
from hrbureau.core.demo import DEMO_PASSWORD, DemoContext


class Command(BaseCommand):
    help = (
        "Load the fictional demo district: organisation, one login per role, enterprises, people, work "
        "orders, disputes, labour risks. Idempotent; an interrupted load resumes where it stopped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprises", type=int, default=5000)
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--work-orders", type=int, default=2000)
        parser.add_argument("--disputes", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")
        parser.add_argument(
            "--rest-in-background",
            action="store_true",
            help=(
                f"load the registries and the first 1/{demo.FIRST_SHARE} of each line's cases (at most "
                f"{demo.FIRST_SECONDS:.0f} s a line) now, and leave the rest to the task worker (make run)"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError(
                "seed_demo refuses to run with HRBUREAU_ENV=production: its accounts have a published password."
            )
        ctx = DemoContext(
            out=self.stdout,
            seed=options["seed"],
            enterprises=options["enterprises"],
            people=options["people"],
            work_orders=options["work_orders"],
            disputes=options["disputes"],
            share=demo.FIRST_SHARE if options["rest_in_background"] else 1,
            line_seconds=demo.FIRST_SECONDS if options["rest_in_background"] else None,
        )
        started = time.monotonic()
        demo.run_steps(ctx, demo.STEPS)
        what = "The registries and the first cases" if ctx.unfinished else "Demo data"
        self.stdout.write(f"{what} ready in {time.monotonic() - started:.0f} s.")
        created = (
            ", ".join(f"{k}: {v:,}" for k, v in sorted(ctx.created.items()) if v)
            or "nothing (already loaded)"
        )
        self.stdout.write(f"Demo data created — {created}")
        if ctx.unfinished:
            demo.queue_the_rest(ctx)
            self.stdout.write(
                f"The rest of the demo cases ({', '.join(ctx.unfinished)}) load in the background: the task "
                "worker reports its progress below and picks up where it stopped if it is interrupted."
            )
        if not options["quiet_logins"]:
            self.print_logins(ctx)

    def print_logins(self, ctx: DemoContext) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(u) for u, _, _ in ctx.logins)
        for username, role, where in ctx.logins:
            self.stdout.write(f"  {username.ljust(width)}  {role}  {where}")
        self.stdout.write("  (integration accounts use the API: manage.py create_api_token integration)")
