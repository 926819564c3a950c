"""Demo talent services: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass
    # --- certification ---
    from hrbureau.talent import demo_certification

    demo_certification.seed(ctx)
