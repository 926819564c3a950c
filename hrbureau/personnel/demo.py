"""Demo personnel work: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass


# --- personnel records (三龄一历, grade promotion, emergency duty) ---
_seed_before_records = seed


def seed(ctx: DemoContext) -> None:  # type: ignore[no-redef]
    from hrbureau.personnel import demo_records

    _seed_before_records(ctx)
    demo_records.seed(ctx)
