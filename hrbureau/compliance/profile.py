"""What compliance knows: its yearly grades and its penalties and incidents — its part of the enterprise's page (``core.profile``), each linked to
the line's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _grades() -> Any:
    from hrbureau.compliance.lists import GRADES

    return GRADES


def _records() -> Any:
    from hrbureau.compliance.lists import RECORDS

    return RECORDS


profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "compliance.grades", _("Compliance grades"), _grades, "compliance:grades", icon="award", order=60
    ),
)
profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "compliance.records",
        _("Penalties and incidents"),
        _records,
        "compliance:records",
        icon="gavel",
        order=61,
    ),
)
