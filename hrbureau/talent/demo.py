"""Demo talent services: each part of the line in its own module, in order."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    pass


# --- registers ---
_seed_before_registers = seed


def seed(ctx: DemoContext) -> None:
    _seed_before_registers(ctx)
    from hrbureau.talent import demo_registers

    demo_registers.seed(ctx)
