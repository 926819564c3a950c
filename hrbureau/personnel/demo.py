"""Demo personnel work: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    # --- recruitment ---
    from hrbureau.personnel import demo_recruitment

    demo_recruitment.seed(ctx)

    # --- personnel records (三龄一历, grade promotion, emergency duty) ---
    from hrbureau.personnel import demo_records

    demo_records.seed(ctx)
