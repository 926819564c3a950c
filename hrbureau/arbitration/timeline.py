"""What the arbitration institute adds to an enterprise's and a person's timeline (``core.timeline``):
the disputes they are a party to that the reader may see, newest first."""

from __future__ import annotations

from typing import Any

from django.utils.formats import localize
from django.utils.translation import gettext as _

from hrbureau.arbitration.choices import DisputeState
from hrbureau.arbitration.models import Dispute
from hrbureau.core import timeline
from hrbureau.core.tables import choice_labels
from hrbureau.core.timeline import LIMIT, TimelineEntry, day_start


def _entries(disputes: Any) -> list[TimelineEntry]:
    states = choice_labels(DisputeState)
    return [
        TimelineEntry(
            at=day_start(dispute.filed_on),
            dated=True,
            title=_("Labour dispute %(number)s · %(state)s")
            % {
                "number": dispute.case_no or dispute.number,
                "state": states.get(dispute.state, dispute.state),
            },
            detail=_("Amount claimed: %(amount)s") % {"amount": localize(dispute.total_claimed)},
            url=dispute.get_absolute_url(),
            icon="scale",
        )
        for dispute in disputes.order_by("-filed_on", "-id").only(
            "id", "number", "case_no", "state", "filed_on", "total_claimed"
        )[:LIMIT]
    ]


def enterprise_disputes(user: Any, enterprise: Any) -> list[TimelineEntry]:
    return _entries(Dispute.objects.for_user(user).filter(parties__enterprise=enterprise).distinct())


def person_disputes(user: Any, person: Any) -> list[TimelineEntry]:
    return _entries(Dispute.objects.for_user(user).filter(parties__person=person).distinct())


timeline.register("enterprises.Enterprise", enterprise_disputes)
timeline.register("people.Person", person_disputes)
