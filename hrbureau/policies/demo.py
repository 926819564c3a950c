"""Demo policy direct delivery: each part of the line in its own module, in order — the library's
documents, packages and items (``demo_library``), then every published item matched over the district
(the nightly run's service, so the portal's "policies for you" and the staff's match lists have their
few thousand rows), then the applications and grants drawn on them (``demo_applications``)."""

from __future__ import annotations

from hrbureau.core.demo import DemoContext


def seed(ctx: DemoContext) -> None:
    from hrbureau.policies import demo_applications, demo_library, matching

    demo_library.seed(ctx)
    found = matching.match_all_published()
    ctx.log(f"policies: {found.new:,} new matches")
    demo_applications.seed(ctx)
