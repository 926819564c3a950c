"""What the arbitration institute knows about enterprises and people, for every line that needs it
(``core.facts``): the labour-risk score counts the disputes an enterprise answers; eligibility rules may
ask how many it lost."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration.choices import DisputeState, PartyRole
from hrbureau.arbitration.models import Party
from hrbureau.core.facts import ENTERPRISE, PERSON, Fact, declare


def _distinct_disputes() -> Count:
    return Count("dispute", distinct=True)


DISPUTES_AS_RESPONDENT = declare(
    Fact(
        "arbitration.disputes_as_respondent",
        ENTERPRISE,
        _("labour disputes as respondent filed in the last year"),
        rows=lambda: Party.objects.filter(role=PartyRole.RESPONDENT),
        via="enterprise",
        aggregate=_distinct_disputes,
        window_days=365,
        since_field="dispute__filed_on",
    )
)
DISPUTES_LOST = declare(
    Fact(
        "arbitration.disputes_lost_2y",
        ENTERPRISE,
        _("labour disputes lost in the last two years (awarded against it)"),
        rows=lambda: Party.objects.filter(
            role=PartyRole.RESPONDENT, dispute__state=DisputeState.AWARDED, dispute__total_awarded__gt=0
        ),
        via="enterprise",
        aggregate=_distinct_disputes,
        window_days=730,
        since_field="dispute__closed_on",
    )
)
PERSON_DISPUTES = declare(
    Fact(
        "arbitration.disputes_2y",
        PERSON,
        _("labour disputes a party to, filed in the last two years"),
        rows=lambda: Party.objects.all(),
        via="person",
        aggregate=_distinct_disputes,
        window_days=730,
        since_field="dispute__filed_on",
    )
)
