"""The demo's subsidy schemes and applications: the district's schemes, applications in every state
short of completion (which the payments make), approved ones with instalments due for disbursement,
the demo citizen's own; a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.talent.choices import ApplicationState, InstalmentState
from hrbureau.talent.demo_subsidies import CODES
from hrbureau.talent.models import Instalment, SubsidyApplication, SubsidyDecision, SubsidyScheme
from hrbureau.talent.subsidy_models import SubsidyObjection

ARGS = ("--enterprises", "300", "--people", "300", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_subsidies_in_every_state_and_idempotent(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert set(SubsidyScheme.objects.values_list("code", flat=True)) >= set(CODES)
    states = set(SubsidyApplication.objects.values_list("state", flat=True))
    assert states >= set(ApplicationState.values) - {ApplicationState.COMPLETED}, states
    assert Instalment.objects.filter(state=InstalmentState.DUE).exists()
    assert Instalment.objects.filter(
        state=InstalmentState.WAITING, application__scheme__reverify=True
    ).exists()
    assert SubsidyObjection.objects.exists()
    assert SubsidyApplication.objects.filter(person__isnull=False, filed_by__role="individual").exists()
    before = (
        SubsidyScheme.objects.count(),
        SubsidyApplication.objects.count(),
        SubsidyDecision.objects.count(),
        Instalment.objects.count(),
    )
    call_command("seed_demo", *ARGS, stdout=StringIO())
    after = (
        SubsidyScheme.objects.count(),
        SubsidyApplication.objects.count(),
        SubsidyDecision.objects.count(),
        Instalment.objects.count(),
    )
    assert after == before
