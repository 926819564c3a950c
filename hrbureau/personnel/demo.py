"""Demo personnel work: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass

    # --- recruitment ---
    from hrbureau.personnel import demo_recruitment

    demo_recruitment.seed(ctx)
