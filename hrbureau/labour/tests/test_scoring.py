"""The risk score: each component by its definition, caps and weights from the configuration, levels
from the thresholds, and the set-based computation equal to the per-enterprise explanation on random
records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour import scoring
from hrbureau.labour.choices import RiskState, RiskType, WarningLevel
from hrbureau.labour.models import (
    EnterpriseRiskScore,
    Inspection,
    Risk,
    ScoreComponent,
    WarningThreshold,
)

TODAY = dt.date(2026, 6, 30)


def _risk(
    enterprise: Enterprise,
    user: Any,
    *,
    state: str = RiskState.FOUND,
    risk_type: str = RiskType.WAGE_ARREARS,
    found_on: dt.date = TODAY,
) -> Risk:
    return Risk.objects.create(
        number=f"T{Risk.objects.count() + 1:08d}",
        enterprise=enterprise,
        street_id=enterprise.street_id,
        grid_id=enterprise.grid_id,
        risk_type=risk_type,
        severity="minor",
        description="x",
        found_on=found_on,
        found_by=user,
        state=state,
    )


def _visit(enterprise: Enterprise, user: Any, on: dt.date) -> Inspection:
    return Inspection.objects.create(enterprise=enterprise, kind="routine", visited_on=on, inspector=user)


def _score(enterprise: Enterprise) -> EnterpriseRiskScore:
    return EnterpriseRiskScore.objects.get(enterprise=enterprise)


def test_caps_weights_and_levels_come_from_the_configuration(world: Any, lab: dict[str, Any]) -> None:
    e = world.enterprises["a1"]
    for _ in range(5):
        _risk(e, lab["grid"])
    _visit(e, lab["grid"], TODAY)
    scoring.compute_scores(today=TODAY)
    s = _score(e)
    assert (s.open_risks_value, s.open_risks_points) == (5, 40)  # 5 × 20 capped at 40
    assert (s.arrears_history_value, s.arrears_history_points) == (5, 30)  # capped at 30
    assert s.total == 70
    ScoreComponent.objects.filter(key="open_risks").update(active=False)
    WarningThreshold.objects.filter(level="orange").update(min_score=30)
    scoring.compute_scores(today=TODAY)
    s = _score(e)
    assert s.open_risks_points == 0
    assert (s.total, s.level) == (30, WarningLevel.ORANGE)
    WarningThreshold.objects.filter(level="orange").update(min_score=31)
    scoring.compute_scores(today=TODAY)
    assert _score(e).level == WarningLevel.YELLOW


def test_never_inspected_counts_the_cap_and_deregistered_enterprises_are_not_scored(
    world: Any, lab: dict[str, Any]
) -> None:
    never = world.enterprises["a2"]
    gone = world.enterprises["b2"]
    Enterprise.objects.filter(pk=gone.pk).update(status=EnterpriseStatus.DEREGISTERED)
    scoring.compute_scores(today=TODAY)
    s = _score(never)
    assert s.inspection_gap_value is None
    assert s.inspection_gap_points == 12
    assert not EnterpriseRiskScore.objects.filter(enterprise=gone).exists()
    assert scoring.explain(never, today=TODAY)["components"][-1]["points"] == 12


def test_a_recomputation_replaces_every_score(world: Any, lab: dict[str, Any]) -> None:
    e = world.enterprises["a1"]
    risk = _risk(e, lab["grid"])
    first = scoring.compute_scores(today=TODAY)
    assert first.enterprises == Enterprise.objects.filter(status__in=scoring.SCORED_STATUSES).count()
    assert _score(e).open_risks_value == 1
    Risk.objects.filter(pk=risk.pk).update(state=RiskState.VERIFIED)
    scoring.compute_scores(today=TODAY)
    assert _score(e).open_risks_value == 0
    assert EnterpriseRiskScore.objects.count() == first.enterprises


def test_the_sweep_recomputes_the_scores_once_a_day(world: Any, lab: dict[str, Any]) -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("sweep_deadlines", "--today", TODAY.isoformat(), stdout=out)
    assert "risk scores:" in out.getvalue()
    assert (
        EnterpriseRiskScore.objects.count()
        == Enterprise.objects.filter(status__in=scoring.SCORED_STATUSES).count()
    )
    assert scoring.scores_if_stale(dt.date.today()) is None  # computed today already
    again = StringIO()
    call_command("sweep_deadlines", stdout=again)
    assert "risk scores:" not in again.getvalue()
