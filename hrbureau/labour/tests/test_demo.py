"""The demo labour-risk work: every street screened, risks in every state through the services, most
resolved, scores and a sample made, and a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.models import CaseEvent
from hrbureau.labour.choices import RiskState
from hrbureau.labour.models import EnterpriseRiskScore, Inspection, Risk, Sample

ARGS = ("--enterprises", "400", "--people", "300", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_labour_work_covers_every_street_and_state(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    streets = set(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).values_list("pk", flat=True))
    assert set(Inspection.objects.values_list("street_id", flat=True)) == streets
    states = set(Risk.objects.values_list("state", flat=True))
    assert RiskState.VERIFIED in states
    assert states & {RiskState.FOUND, RiskState.ASSIGNED, RiskState.RESOLVING, RiskState.RESOLVED}
    assert Risk.objects.filter(escalated=True).exists()
    # Through the services: each risk has its creation event and a resolution clock.
    assert (
        CaseEvent.objects.filter(case_type="labour.risk", name="create").count() == Risk.objects.count() > 0
    )
    done = Risk.objects.filter(state__in=[RiskState.RESOLVED, RiskState.VERIFIED]).count()
    assert done / Risk.objects.count() > 0.8
    assert EnterpriseRiskScore.objects.exists()
    assert Sample.objects.get().members.count() == Sample.objects.get().size
    before = (Inspection.objects.count(), Risk.objects.count())
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert (Inspection.objects.count(), Risk.objects.count()) == before
