"""What the work orders know: the 12345 and petition orders about it (never shown to its own account) — its part of the enterprise's page (``core.profile``), each linked to
the line's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _workorders() -> Any:
    from hrbureau.petitions.lists import WORKORDERS

    return WORKORDERS


profile.register(
    "enterprises.Enterprise",
    profile.Section(
        "petitions.workorders",
        _("Work orders about it"),
        _workorders,
        "petitions:list",
        icon="phone",
        order=50,
    ),
)
