"""The demo's talent registers: stations of every level with postdocs in station and gone, the park with a
resident that has left, the strategic agreement's actions done, open and overdue, the international
contest with overseas rounds, results and settled projects; a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.talent.registers_choices import ActionState
from hrbureau.talent.registers_models import (
    ActionProgress,
    AgreementAction,
    ContestEntrant,
    ContestRound,
    ParkResidency,
    Postdoc,
    PostdocStation,
    RoundResult,
    StationAssessment,
)

ARGS = ("--enterprises", "200", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")
MODELS = (
    PostdocStation,
    Postdoc,
    StationAssessment,
    ParkResidency,
    AgreementAction,
    ActionProgress,
    ContestRound,
    ContestEntrant,
    RoundResult,
)


def test_demo_registers_across_their_states_and_idempotent(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    counts = {model: model.objects.count() for model in MODELS}
    assert set(PostdocStation.objects.values_list("level", flat=True)) == {"national", "provincial", "city"}
    assert {p.in_station for p in Postdoc.objects.all()} == {True, False}
    assert {r.resident for r in ParkResidency.objects.all()} == {True, False}
    assert {a.state for a in AgreementAction.objects.all()} == set(ActionState.values)
    assert ContestRound.objects.filter(overseas=True).count() >= 3
    assert ContestEntrant.objects.filter(settled_on__isnull=False, enterprise__isnull=False).exists()
    assert ContestEntrant.objects.filter(settled_on__isnull=True).exists()
    assert RoundResult.objects.exists()
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert {model: model.objects.count() for model in MODELS} == counts
