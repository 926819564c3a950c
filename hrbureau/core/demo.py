"""The demo-data framework behind ``manage.py seed_demo``.

Each app contributes a step (``<app>/demo.py`` with ``seed(ctx)``). The registries (``REGISTRY_STEPS``:
the organisation, enterprises, people, logins) are loaded first, each in one transaction. The business
lines (``CASE_STEPS``) then make their cases one by one through the same services the pages use, so
every event, clock and notice is real — which is what takes the time: a case costs a few dozen to a
few hundred queries, whatever the demo does around it.

So that a first start does not keep anyone waiting for minutes, a case step makes its cases in a
``ctx.cases(...)`` loop: numbered, each number drawing from its own seeded generator (``case_rng``), in
batches of about a second that each commit and record how far the line has got (a ``core.Counter`` row
``demo:<line>``). ``seed_demo`` loads everything; ``seed_demo --rest-in-background`` (``make run``) loads
the registries and the first tenth of each line's cases, then leaves the rest to the task worker, which
continues the same loops in slices of ``SLICE_SECONDS`` and reports its progress in the log. An
interrupted load — Ctrl-C, a stopped worker — resumes where it stopped on the next run, and a run over
complete data changes nothing.

Everything prints progress: one line per step (what it made, how long it took) and, for the case
loops, a line at every tenth and at least every ``PROGRESS_SECONDS``.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string
from faker import Faker

REGISTRY_STEPS = [
    "hrbureau.accounts.demo.seed_organisation",
    "hrbureau.enterprises.demo.seed",
    "hrbureau.people.demo.seed",
    "hrbureau.accounts.demo.seed_users",
    # The registries bind the demo's enterprise and citizen accounts to their records (accounts, below
    # the registries, names neither).
    "hrbureau.enterprises.demo.bind_demo_users",
    "hrbureau.people.demo.bind_demo_users",
]
CASE_STEPS = [
    "hrbureau.petitions.demo.seed",
    "hrbureau.arbitration.demo.seed",
    "hrbureau.labour.demo.seed",
    "hrbureau.compliance.demo.seed",
    "hrbureau.hrmarket.demo.seed",
    "hrbureau.enterprises.demo.seed_demands",
    "hrbureau.enterprises.demo.seed_service_plans",
    "hrbureau.policies.demo.seed",
    "hrbureau.talent.demo.seed",
    "hrbureau.personnel.demo.seed",
]
STEPS = REGISTRY_STEPS + CASE_STEPS

DEMO_PASSWORD = "Demo@2026"  # noqa: S105 (printed on purpose: demo accounts only, refused in production)
PROGRESS_SECONDS = 15.0
BATCH_SECONDS = 1.0  # a batch of cases commits about every second (the web server's writes wait no longer)
SLICE_SECONDS = 60.0  # one background task's share before it queues the next (other tasks run between)
# Before the login page, the first start loads one in FIRST_SHARE of each line's cases, or what the
# line makes in FIRST_SECONDS, whichever comes first: so it stays quick whatever lines are added.
FIRST_SHARE = 10
FIRST_SECONDS = 10.0

logger = logging.getLogger("hrbureau.demo")


class LogStream:
    """A text stream writing each line to the ``hrbureau.demo`` log (the worker's output)."""

    def write(self, text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                logger.info("%s", line)

    def flush(self) -> None:
        pass


@dataclass
class DemoContext:
    out: Any  # a writable text stream (the command's stdout, or a LogStream in the worker)
    seed: int = 2026
    enterprises: int = 5000
    people: int = 20000
    work_orders: int = 2000
    disputes: int = 2000
    # 1: every case now; FIRST_SHARE: the first tenth of each line (the rest is left to the worker).
    share: int = 1
    # How long each line may take in this run (the first start's FIRST_SECONDS); None: no limit.
    line_seconds: float | None = None
    # Stop the case loops after this monotonic time (a background slice); None: run to the end.
    until: float | None = None
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)
    unfinished: list[str] = field(default_factory=list)

    def options(self) -> dict[str, int]:
        """What the worker needs to continue this load (the task's arguments)."""
        return {
            "seed": self.seed,
            "enterprises": self.enterprises,
            "people": self.people,
            "work_orders": self.work_orders,
            "disputes": self.disputes,
        }

    def rng(self, name: str) -> random.Random:
        """A generator per step, so adding a step never changes what another step generates."""
        return random.Random(f"{self.seed}:{name}")

    def case_rng(self, name: str, number: int) -> random.Random:
        """A generator per case: case ``number`` of a line is the same whenever and however it is made."""
        return random.Random(f"{self.seed}:{name}:{number}")

    def faker(self, name: str) -> Faker:
        """A Chinese-locale Faker per step, seeded like ``rng`` (reseed it per case with ``seed_instance``)."""
        fake = Faker("zh_CN")
        fake.seed_instance(f"{self.seed}:{name}")
        return fake

    def login_at(self, username: str, where: str) -> None:
        """Say where a demo login works (its enterprise, its person) in the list printed at the end."""
        self.logins = [(u, role, where if u == username else w) for u, role, w in self.logins]

    def count(self, what: str, n: int) -> None:
        self.created[what] = self.created.get(what, 0) + n

    def log(self, message: str, *args: Any) -> None:
        self.out.write((message % args if args else message) + "\n")
        if hasattr(self.out, "flush"):
            self.out.flush()

    def after_earlier_lines(self, line: str) -> bool:
        """Whether every line before ``line`` is complete in this run. A line whose cases are drawn from
        the others' (the employers' grades from the risk scores) asks first; while one is unfinished it
        is left unfinished too, and made in a later run or background slice."""
        if self.unfinished:
            self.unfinished.append(line)
            return False
        return True

    def cases(self, line: str, total: int, *, what: str, started: Callable[[], bool]) -> CaseLoop:
        """The loop over ``line``'s ``total`` cases (see ``CaseLoop``). ``started`` tells whether the line
        already has cases: a demo loaded before lines kept count is taken as complete."""
        return CaseLoop(self, line, total, what=what, started=started)


class CaseLoop:
    """The cases of one line, made from where the line stopped: ``run(make)`` calls ``make(number)`` for
    each number still to make, in batches that each commit with the line's count, reporting progress.
    Afterwards ``made`` is how many this run made and ``complete`` whether the whole line exists."""

    def __init__(
        self, ctx: DemoContext, line: str, total: int, *, what: str, started: Callable[[], bool]
    ) -> None:
        self.ctx, self.line, self.total, self.what, self.started = ctx, line, max(total, 0), what, started
        self.key = f"demo:{line}"
        self.made = 0
        self.complete = False

    def _done(self) -> int:
        from hrbureau.core.models import Counter

        row = Counter.objects.select_for_update().filter(key=self.key).first()
        if row is not None:
            return row.value
        if self.started():  # cases made before the demo kept count: that demo is left as it is
            Counter.objects.create(key=self.key, value=self.total)
            return self.total
        return 0

    def run(self, make: Callable[[int], None]) -> CaseLoop:
        from hrbureau.core.models import Counter

        ctx = self.ctx
        goal = self.total if ctx.share <= 1 else -(-self.total // ctx.share)
        began = last_report = time.monotonic()
        next_tenth = 1
        number = 0
        line_ends = None if ctx.line_seconds is None else began + ctx.line_seconds
        while all(end is None or time.monotonic() < end for end in (ctx.until, line_ends)):
            with transaction.atomic():
                number = self._done()
                if number >= goal:
                    break
                batch_ends = time.monotonic() + BATCH_SECONDS
                while number < goal and time.monotonic() < batch_ends:
                    make(number)
                    number += 1
                    self.made += 1
                    now = time.monotonic()
                    if number * 10 >= next_tenth * self.total or now - last_report >= PROGRESS_SECONDS:
                        while next_tenth * self.total <= number * 10:
                            next_tenth += 1
                        last_report = now
                        ctx.log(
                            f"  {self.what} {number:,}/{self.total:,} ({number * 100 // self.total}%), "
                            f"{now - began:.0f} s"
                        )
                Counter.objects.update_or_create(key=self.key, defaults={"value": number})
        with transaction.atomic():
            self.complete = self._done() >= self.total
        if not self.complete:
            ctx.unfinished.append(self.line)
        return self


@contextlib.contextmanager
def quiet_queries() -> Iterator[None]:
    """Run without Django's DEBUG query log: a demo load makes hundreds of thousands of queries, and in
    development each one would also be formatted and kept in memory (a tenth of the load's time)."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def step_label(path: str) -> str:
    app, function = path.split(".")[1], path.rsplit(".", 1)[1]
    return app if function == "seed" else f"{app} ({function.removeprefix('seed_')})"


def run_steps(ctx: DemoContext, steps: list[str], *, announce: bool = True) -> None:
    """Run ``steps`` in order, each announced and then summed up with what it made and its time."""
    with quiet_queries():
        for number, path in enumerate(steps, start=1):
            label = step_label(path)
            if announce:
                ctx.log(f"[{number}/{len(steps)}] {label}…")
            before = dict(ctx.created)
            began = time.monotonic()
            # A registry is one transaction; a case line commits its batches itself (CaseLoop).
            with transaction.atomic() if path in REGISTRY_STEPS else contextlib.nullcontext():
                import_string(path)(ctx)
            made = {k: v - before.get(k, 0) for k, v in ctx.created.items() if v - before.get(k, 0)}
            summary = ", ".join(f"{k}: {v:,}" for k, v in made.items()) or "nothing new"
            if announce or made:
                ctx.log(f"[{number}/{len(steps)}] {label}: {summary} ({time.monotonic() - began:.1f} s)")


def continue_in_background(options: dict[str, int]) -> bool:
    """One slice of the background load (the worker's task): the case lines for ``SLICE_SECONDS``, then
    the next slice queued if any line is unfinished. True when everything is loaded."""
    ctx = DemoContext(
        out=LogStream(),
        seed=options["seed"],
        enterprises=options["enterprises"],
        people=options["people"],
        work_orders=options["work_orders"],
        disputes=options["disputes"],
        until=time.monotonic() + SLICE_SECONDS,
    )
    run_steps(ctx, CASE_STEPS, announce=False)
    if ctx.unfinished:
        queue_the_rest(ctx)
        return False
    logger.info("Demo data complete.")
    return True


def queue_the_rest(ctx: DemoContext) -> None:
    from hrbureau.core.tasks import demo_load_task

    transaction.on_commit(lambda: demo_load_task.enqueue(options=ctx.options()))
