"""What the HR-service market knows: its agency licence and the enforcement against it — its part of the enterprise's page (``core.profile``), each linked to
the line's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _reports() -> Any:
    from hrbureau.hrmarket.lists import REPORTS

    return REPORTS


def _agencies() -> Any:
    from hrbureau.hrmarket.lists import AGENCIES

    return AGENCIES


profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "hrmarket.agencies", _("HR-service licence"), _agencies, "hrmarket:agencies", icon="license", order=70
    ),
)
profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "hrmarket.reports",
        _("Industry figures reported"),
        _reports,
        "hrmarket:reports",
        icon="chart-line",
        order=71,
    ),
)
