"""What labour-risk early warning knows: the enterprise's risks and the visits to it — its part of the enterprise's page (``core.profile``), each linked to
the line's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _risks() -> Any:
    from hrbureau.labour.lists import RISKS

    return RISKS


def _inspections() -> Any:
    from hrbureau.labour.lists import INSPECTIONS

    return INSPECTIONS


profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "labour.risks", _("Labour risks"), _risks, "labour:risks", icon="alert-triangle", order=30
    ),
)
profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "labour.inspections",
        _("Visits and inspections"),
        _inspections,
        "labour:inspections",
        icon="clipboard-check",
        order=31,
    ),
)
