"""What enterprise services know of an enterprise — its demands (诉求) and its labour-demand list — as
parts of its own page (``core.profile``), each linked to the list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _demands() -> Any:
    from hrbureau.enterprises.demand_lists import DEMANDS

    return DEMANDS


def _labour_demands() -> Any:
    from hrbureau.enterprises.plan_lists import LABOUR_DEMANDS

    return LABOUR_DEMANDS


ENTERPRISE = "enterprises.Enterprise"
profile.register(
    ENTERPRISE,
    profile.Section(
        "enterprises.demands", _("Demands"), _demands, "enterprises:demand_list", icon="message-2", order=10
    ),
)
profile.register(
    ENTERPRISE,
    profile.Section(
        "enterprises.labour_demands",
        _("Labour-demand list"),
        _labour_demands,
        "enterprises:labour_demand_list",
        icon="users",
        order=12,
    ),
)
