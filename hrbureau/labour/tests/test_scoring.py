"""The risk score: each component by its definition, caps and weights from the configuration, levels
from the thresholds, and the set-based computation equal to the per-enterprise explanation on random
records."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory
from hrbureau.labour import scoring
from hrbureau.labour.choices import RiskState, RiskType, WarningLevel
from hrbureau.labour.models import (
    ArrearsFlag,
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


def test_each_component_counts_what_it_says(world: Any, lab: dict[str, Any]) -> None:
    from hrbureau.arbitration.tests.conftest import applicant, file, reinstall_defaults, respondent

    e = world.enterprises["a1"]
    user = lab["grid"]
    _risk(e, user)  # open, wage arrears, inside the window
    _risk(
        e, user, state=RiskState.VERIFIED, found_on=TODAY - dt.timedelta(days=700)
    )  # closed; in the 730 days
    _risk(e, user, state=RiskState.RESOLVED, risk_type=RiskType.SAFETY)  # neither open nor arrears
    _risk(e, user, found_on=TODAY - dt.timedelta(days=731), state=RiskState.VERIFIED)  # outside the window
    ArrearsFlag.objects.create(enterprise=e, flagged_on=TODAY, months=2)
    ArrearsFlag.objects.create(enterprise=e, flagged_on=TODAY, cleared_on=TODAY)  # cleared: not counted
    _visit(e, user, TODAY - dt.timedelta(days=95))  # 3 whole months
    reinstall_defaults()
    arb = {"clerk": world.users["arbitration_clerk"]}
    for day in (TODAY - dt.timedelta(days=10), TODAY - dt.timedelta(days=400)):
        file(world, arb, day=day, parties=[applicant(world.people["a1"]), respondent(e)])
    Enterprise.objects.filter(pk=e.pk).update(status=EnterpriseStatus.ABNORMAL)
    e.refresh_from_db()
    scoring.compute_scores(today=TODAY)
    s = _score(e)
    measures = {key: getattr(s, f"{key}_value") for key in scoring.COMPONENT_KEYS}
    assert measures == {
        "open_risks": 1,
        "arrears_history": 2,
        "disputes": 1,
        "complaints": 0,
        "si_arrears": 1,
        "abnormal": 1,
        "inspection_gap": 3,
    }
    # Default weights: 20, 10×2, 5, 0, 15, 10, 3 → 73: red (≥ 60).
    assert s.total == 20 + 20 + 5 + 0 + 15 + 10 + 3
    assert s.level == WarningLevel.RED
    assert scoring.explain(e, today=TODAY)["total"] == s.total


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


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_set_based_scores_equal_the_explanation_on_random_records(
    world: Any, lab: dict[str, Any], seed: int
) -> None:
    from hrbureau.petitions.tests.factories import categories, make_order

    rng = random.Random(seed)
    kinds = categories()
    streets = [world.units["street-a"], world.units["street-b"]]
    enterprises = list(world.enterprises.values()) + [
        EnterpriseFactory(
            street=rng.choice(streets),
            status=rng.choice([EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL, EnterpriseStatus.REVOKED]),
        )
        for _ in range(12)
    ]
    for e in enterprises:
        for _ in range(rng.randint(0, 4)):
            _risk(
                e,
                lab["staff"],
                state=rng.choice(list(RiskState.values)),
                risk_type=rng.choice(list(RiskType.values)),
                found_on=TODAY - dt.timedelta(days=rng.randint(0, 900)),
            )
        for _ in range(rng.randint(0, 2)):
            _visit(e, lab["staff"], TODAY - dt.timedelta(days=rng.randint(0, 500)))
        if rng.random() < 0.3:
            ArrearsFlag.objects.create(
                enterprise=e, flagged_on=TODAY, cleared_on=TODAY if rng.random() < 0.5 else None
            )
        for _ in range(rng.randint(0, 2)):
            make_order(
                actor=world.users["dept_staff"],
                category=kinds["wages"],
                day=TODAY - dt.timedelta(days=rng.randint(0, 500)),
                enterprise=e,
            )
    scoring.compute_scores(today=TODAY)
    scored = {s.enterprise_id: s for s in EnterpriseRiskScore.objects.all()}
    for e in Enterprise.objects.all():
        if e.status not in scoring.SCORED_STATUSES:
            assert e.pk not in scored
            continue
        expected = scoring.explain(e, today=TODAY)
        s = scored[e.pk]
        got = [
            (getattr(s, f"{c['key']}_value"), getattr(s, f"{c['key']}_points"))
            for c in expected["components"]
        ]
        assert got == [(c["measure"], c["points"]) for c in expected["components"]]
        assert (s.total, s.level) == (expected["total"], expected["level"])


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
