from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils.module_loading import import_string

from hrbureau.core.demo import DEMO_PASSWORD, STEPS, DemoContext


class Command(BaseCommand):
    help = "Load the fictional demo district: organisation, one login per role, enterprises, people, work orders, disputes. Idempotent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--enterprises", type=int, default=5000)
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--work-orders", type=int, default=2000)
        parser.add_argument("--disputes", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--quiet-logins", action="store_true", help="do not print the demo logins")

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
        )
        for path in STEPS:
            with transaction.atomic():
                import_string(path)(ctx)
        created = (
            ", ".join(f"{k}: {v}" for k, v in sorted(ctx.created.items()) if v) or "nothing (already loaded)"
        )
        self.stdout.write(f"Demo data created — {created}")
        if not options["quiet_logins"]:
            self.print_logins(ctx)

    def print_logins(self, ctx: DemoContext) -> None:
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {DEMO_PASSWORD})")
        width = max(len(u) for u, _, _ in ctx.logins)
        for username, role, where in ctx.logins:
            self.stdout.write(f"  {username.ljust(width)}  {role}  {where}")
        self.stdout.write("  (integration accounts use the API: manage.py create_api_token integration)")
