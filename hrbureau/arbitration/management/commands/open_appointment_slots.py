from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from hrbureau.arbitration.appointments import slots_open


class Command(BaseCommand):
    help = "Open the arbitration counter's default appointment times on the coming working days (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=10, help="how many working days ahead")

    def handle(self, *args: Any, **options: Any) -> None:
        created = slots_open(days=options["days"])
        self.stdout.write(f"{created} appointment slots opened")
