"""What policy direct delivery knows of an enterprise — the policies matched to it, its applications and
its grants — as its part of the enterprise's page (``core.profile``), each linked to the line's list of
exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _matches() -> Any:
    from hrbureau.policies.match_lists import MATCHES

    return MATCHES


def _applications() -> Any:
    from hrbureau.policies.application_lists import APPLICATIONS

    return APPLICATIONS


def _grants() -> Any:
    from hrbureau.policies.application_lists import GRANTS

    return GRANTS


ENTERPRISE = "enterprises.Enterprise"
profile.register(
    ENTERPRISE,
    profile.Section(
        "policies.matches", _("Policies matched"), _matches, "policies:matches", icon="target-arrow", order=20
    ),
)
profile.register(
    ENTERPRISE,
    profile.Section(
        "policies.applications",
        _("Policy applications"),
        _applications,
        "policies:applications",
        icon="file-certificate",
        order=21,
    ),
)
profile.register(
    ENTERPRISE,
    profile.Section(
        "policies.grants", _("Policy grants"), _grants, "policies:grants", icon="coin-yuan", order=22
    ),
)
