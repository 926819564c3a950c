"""What arbitration knows: the disputes in which it is the respondent enterprise — its part of the enterprise's page (``core.profile``), each linked to
the line's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _disputes() -> Any:
    from hrbureau.arbitration.lists import DISPUTES

    return DISPUTES


profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "arbitration.disputes",
        _("Disputes against it"),
        _disputes,
        "arbitration:list",
        icon="scale",
        order=40,
        hide=("respondent",),  # the section's disputes are those with this respondent
    ),
)
