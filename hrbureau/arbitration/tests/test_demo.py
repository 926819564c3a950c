"""The demo disputes: every stage present, made through the services, and the fast track shorter."""

from __future__ import annotations

from io import StringIO
from statistics import mean
from typing import Any

from django.core.management import call_command

from hrbureau.arbitration.choices import DisputeState, Procedure
from hrbureau.arbitration.models import Dispute, Receipt, Service
from hrbureau.core.models import CaseEvent


def test_demo_disputes_cover_the_stages_and_the_fast_track_is_shorter(db: Any) -> None:
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "80",
            "--people",
            "300",
            "--work-orders",
            "0",
            "--disputes",
            "160",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    states = set(Dispute.objects.values_list("state", flat=True))
    assert {
        DisputeState.FILED,
        DisputeState.ACCEPTED,
        DisputeState.AWARDED,
        DisputeState.MEDIATED,
        DisputeState.REFUSED,
    } <= states
    assert Dispute.objects.filter(collective=True).exists()
    # Through the services: every dispute has its creation event and a receipt, served documents a proof.
    assert (
        CaseEvent.objects.filter(case_type="arbitration.dispute", name="create").count()
        == Dispute.objects.count()
    )
    assert Receipt.objects.values("dispute").distinct().count() == Dispute.objects.count()
    assert Service.objects.exclude(proof_no="").count() == Service.objects.count() > 0
    closed = Dispute.objects.filter(state__in=[DisputeState.AWARDED, DisputeState.MEDIATED])
    days = {
        procedure: mean((d.closed_on - d.accepted_on).days for d in closed.filter(procedure=procedure))
        for procedure in (Procedure.SIMPLIFIED, Procedure.ORDINARY)
    }
    assert days[Procedure.SIMPLIFIED] < days[Procedure.ORDINARY]
    # A second run adds nothing.
    count = Dispute.objects.count()
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "80",
            "--people",
            "300",
            "--work-orders",
            "0",
            "--disputes",
            "160",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    assert Dispute.objects.count() == count
