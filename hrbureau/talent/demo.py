"""Demo talent services: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass
    # --- payments ---
    from hrbureau.talent import demo_payments

    demo_payments.seed(ctx)
