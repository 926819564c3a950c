"""Demo talent services: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    from hrbureau.talent import demo_subsidies  # --- subsidies ---

    demo_subsidies.seed(ctx)
    from hrbureau.talent import demo_registers  # --- registers ---

    demo_registers.seed(ctx)  # --- registers ---
    from hrbureau.talent import demo_internship  # --- internship ---

    demo_internship.seed(ctx)
    # --- certification ---
    from hrbureau.talent import demo_certification

    demo_certification.seed(ctx)
    # --- payments: the approved applications' due instalments paid through batches (after every line
    # that makes them: subsidies, internship) ---
    from hrbureau.talent import demo_payments

    demo_payments.seed(ctx)
