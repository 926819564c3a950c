"""Demo policy direct delivery: each part of the line in its own module, in order (the library's items
first, then the matches, then the applications and grants drawn on them)."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    from hrbureau.policies import demo_applications

    demo_applications.seed(ctx)
