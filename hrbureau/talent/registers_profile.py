"""What the talent registers know of an enterprise — its postdoctoral stations, its residency in the
returned-students park, the contest projects that settled as it — as its parts of the enterprise's page
(``core.profile``), each linked to the register's list of exactly those records."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core import profile


def _stations() -> Any:
    from hrbureau.talent.registers_lists import STATIONS

    return STATIONS


def _park() -> Any:
    from hrbureau.talent.registers_lists import PARK

    return PARK


def _settled() -> Any:
    from hrbureau.talent.registers_lists import ENTRANTS

    return ENTRANTS


ENTERPRISE = "enterprises.Enterprise"
profile.register(
    ENTERPRISE,
    profile.Section(
        "talent.stations", _("Postdoctoral stations"), _stations, "talent:stations", icon="school", order=70
    ),
)
profile.register(
    ENTERPRISE,
    profile.Section(
        "talent.park", _("Returned-students park"), _park, "talent:park", icon="building-skyscraper", order=71
    ),
)
profile.register(
    ENTERPRISE,
    profile.Section(
        "talent.settled", _("Contest projects settled"), _settled, "talent:entrants", icon="trophy", order=72
    ),
)
