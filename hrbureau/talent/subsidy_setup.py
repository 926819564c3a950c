"""Registration of the subsidy part (called from the app's ``ready``): its workflow, rules subject,
services, lists, notices and menu, and the periodic jobs (instalments falling due, notices ending)."""

from __future__ import annotations


def ready() -> None:
    from hrbureau.core import periodic
    from hrbureau.talent import (  # noqa: F401 (registration)
        amounts,
        rules,
        subsidy_applications,
        subsidy_lists,
        subsidy_navigation,
        subsidy_notices,
        workflows,
    )

    periodic.register("talent: instalments due", amounts.make_due)
    periodic.register("talent: notices ended", subsidy_applications.close_notices)
