"""The demo-data framework behind ``manage.py seed_demo``.

Each app contributes a step (``<app>/demo.py`` with ``seed(ctx)``), run in the order of ``STEPS``.
Every step is idempotent: it creates only what is missing and derives everything from one seeded random
generator, so a second run finds everything in place and changes nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from faker import Faker

STEPS = [
    "hrbureau.accounts.demo.seed_organisation",
    "hrbureau.enterprises.demo.seed",
    "hrbureau.people.demo.seed",
    "hrbureau.accounts.demo.seed_users",
    "hrbureau.petitions.demo.seed",
    "hrbureau.arbitration.demo.seed",
    "hrbureau.labour.demo.seed",
]

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 (printed on purpose: demo accounts only, refused in production)


@dataclass
class DemoContext:
    out: Any  # a writable text stream (the command's stdout)
    seed: int = 2026
    enterprises: int = 5000
    people: int = 20000
    work_orders: int = 2000
    disputes: int = 2000
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)

    def rng(self, name: str) -> random.Random:
        """A generator per step, so adding a step never changes what another step generates."""
        return random.Random(f"{self.seed}:{name}")

    def faker(self, name: str) -> Faker:
        """A Chinese-locale Faker per step, seeded like ``rng``."""
        fake = Faker("zh_CN")
        fake.seed_instance(f"{self.seed}:{name}")
        return fake

    def count(self, what: str, n: int) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def log(self, message: str, *args: Any) -> None:
        self.out.write((message % args if args else message) + "\n")
