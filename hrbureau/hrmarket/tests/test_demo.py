"""The demo's HR-service market: two dozen agencies, some inspected and one fined; a second run adds
nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.hrmarket.models import EnforcementAction, HRAgency

ARGS = ("--enterprises", "200", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_agencies_with_inspections_and_a_fine(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert HRAgency.objects.count() == 24
    assert HRAgency.objects.filter(actions__isnull=False).exists()
    assert EnforcementAction.objects.filter(kind="fine", amount=10000).count() == 1
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert HRAgency.objects.count() == 24
