"""What labour-relations early warning adds to an enterprise's timeline (``core.timeline``): its visits
and its risks that the reader may see, newest first."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hrbureau.core import timeline
from hrbureau.core.tables import choice_labels
from hrbureau.core.timeline import LIMIT, TimelineEntry, day_start
from hrbureau.labour.choices import InspectionKind, RiskState, RiskType, Severity
from hrbureau.labour.models import Inspection, Risk


def enterprise_risks(user: Any, enterprise: Any) -> list[TimelineEntry]:
    states, types, severities = choice_labels(RiskState), choice_labels(RiskType), choice_labels(Severity)
    risks = (
        Risk.objects.for_user(user)
        .filter(enterprise=enterprise)
        .order_by("-found_on", "-id")
        .only("id", "number", "state", "risk_type", "severity", "found_on")
    )
    return [
        TimelineEntry(
            at=day_start(risk.found_on),
            dated=True,
            title=_("Labour risk %(number)s · %(state)s")
            % {"number": risk.number, "state": states.get(risk.state, risk.state)},
            detail=f"{types.get(risk.risk_type, risk.risk_type)} · {severities.get(risk.severity, risk.severity)}",
            url=risk.get_absolute_url(),
            icon="alert-triangle",
        )
        for risk in risks[:LIMIT]
    ]


def enterprise_visits(user: Any, enterprise: Any) -> list[TimelineEntry]:
    kinds = choice_labels(InspectionKind)
    visits = (
        Inspection.objects.for_user(user)
        .filter(enterprise=enterprise)
        .order_by("-visited_on", "-id")
        .only("id", "kind", "visited_on", "risks_found")
    )
    return [
        TimelineEntry(
            at=day_start(visit.visited_on),
            dated=True,
            title=_("Visit: %(kind)s") % {"kind": kinds.get(visit.kind, visit.kind)},
            detail=ngettext("%(n)d risk found", "%(n)d risks found", visit.risks_found)
            % {"n": visit.risks_found}
            if visit.risks_found
            else _("No risk found"),
            url=visit.get_absolute_url(),
            icon="clipboard-check",
        )
        for visit in visits[:LIMIT]
    ]


timeline.register("enterprises.Enterprise", enterprise_risks)
timeline.register("enterprises.Enterprise", enterprise_visits)
