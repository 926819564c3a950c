"""The enterprise risk score (风险评分): transparent, configurable, computed set-based.

For every enterprise still operating (active or in abnormal operation) one ``INSERT … SELECT`` computes
each component's measure from the records — open risks; wage-arrears risks, disputes as respondent and
complaints in the component's window; open social-insurance arrears flags; abnormal-operation status;
whole months since the last inspection (never inspected: the component's cap) — its points,
``min(cap, weight × measure)``, the total and the warning level from the thresholds. No Python loop
over enterprises: the database does the work, so a million enterprises take seconds (``make bench``).

``explain`` computes the same figures for one enterprise through the ORM; the tests hold the two to
each other, so the page that shows the components beside the total cannot disagree with the list.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hrbureau.arbitration.choices import PartyRole
from hrbureau.arbitration.models import Dispute, Party
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import OPEN_RISK_STATES, RiskType, ScoreComponentKey, WarningLevel
from hrbureau.labour.models import (
    COMPONENT_KEYS,
    ArrearsFlag,
    EnterpriseRiskScore,
    Inspection,
    Risk,
    ScoreComponent,
    WarningThreshold,
)
from hrbureau.petitions.models import WorkOrder

K = ScoreComponentKey
SCORED_STATUSES = (EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL)
ARREARS_TYPES = (RiskType.WAGE_ARREARS, RiskType.ABSCONDING)
DAYS_PER_MONTH = 30


@dataclass(frozen=True)
class Weights:
    """The configured components (an inactive one weighs nothing) and the level thresholds."""

    weight: dict[str, int]
    cap: dict[str, int]
    window: dict[str, int]
    thresholds: list[tuple[str, int]]  # (level, min score), highest first

    @classmethod
    def load(cls) -> Weights:
        rows = {c.key: c for c in ScoreComponent.objects.all()}
        weight = {k: (rows[k].weight if k in rows and rows[k].active else 0) for k in COMPONENT_KEYS}
        cap = {k: (rows[k].cap if k in rows else 0) for k in COMPONENT_KEYS}
        window = {k: (rows[k].window_days if k in rows else 365) for k in COMPONENT_KEYS}
        thresholds = [
            (t.level, t.min_score)
            for t in WarningThreshold.objects.exclude(level=WarningLevel.NONE).order_by("-min_score")
        ]
        return cls(weight=weight, cap=cap, window=window, thresholds=thresholds)

    def points(self, key: str, measure: int | None) -> int:
        if measure is None:  # never inspected: as far from an inspection as the component counts
            return self.cap[key] if self.weight[key] else 0
        return min(self.cap[key], self.weight[key] * measure)

    def level(self, total: int) -> str:
        for level, minimum in self.thresholds:
            if total >= minimum:
                return level
        return WarningLevel.NONE


@dataclass(frozen=True)
class ScoreRun:
    enterprises: int
    seconds: float
    computed_at: dt.datetime


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _table(model: Any) -> str:
    return _q(model._meta.db_table)


def _days_between(later: str, earlier: str) -> str:
    """Whole days from ``earlier`` to ``later`` (two SQL date expressions), on either database."""
    if connection.vendor == "postgresql":
        return f"({later}::date - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _points_sql(key: str, weights: Weights, measure: str) -> tuple[str, list[Any]]:
    if key == K.INSPECTION_GAP:
        # Never inspected (no visit at all): the cap.
        return (
            f"CASE WHEN {measure} IS NULL THEN %s WHEN %s * {measure} > %s THEN %s ELSE %s * {measure} END",
            [
                weights.points(key, None),
                weights.weight[key],
                weights.cap[key],
                weights.cap[key],
                weights.weight[key],
            ],
        )
    return (
        f"CASE WHEN %s * {measure} > %s THEN %s ELSE %s * {measure} END",
        [weights.weight[key], weights.cap[key], weights.cap[key], weights.weight[key]],
    )


def _measures_sql(today: dt.date, weights: Weights) -> tuple[str, list[Any]]:
    """One row per scored enterprise: id, street, grid and every component's measure."""
    since = {k: today - dt.timedelta(days=weights.window[k]) for k in COMPONENT_KEYS}
    complaints_since = timezone.make_aware(dt.datetime.combine(since[K.COMPLAINTS], dt.time.min))
    open_states = sorted(OPEN_RISK_STATES)
    today_sql = "%s"
    gap = _days_between(today_sql, "i.last_visit")
    # Only table names, column names and placeholders are spliced in; every value is a parameter.
    sql = f"""
        SELECT e.id AS enterprise_id, e.street_id AS street_id, e.grid_id AS grid_id,
               COALESCE(r.n, 0) AS open_risks,
               COALESCE(a.n, 0) AS arrears_history,
               COALESCE(d.n, 0) AS disputes,
               COALESCE(c.n, 0) AS complaints,
               COALESCE(s.n, 0) AS si_arrears,
               CASE WHEN e.status = %s THEN 1 ELSE 0 END AS abnormal,
               CASE WHEN i.last_visit IS NULL THEN NULL ELSE {gap} / {DAYS_PER_MONTH} END AS inspection_gap
        FROM {_table(Enterprise)} e
        LEFT JOIN (SELECT enterprise_id, COUNT(*) AS n FROM {_table(Risk)}
                   WHERE state IN ({", ".join(["%s"] * len(open_states))}) GROUP BY enterprise_id) r
               ON r.enterprise_id = e.id
        LEFT JOIN (SELECT enterprise_id, COUNT(*) AS n FROM {_table(Risk)}
                   WHERE risk_type IN (%s, %s) AND found_on >= %s GROUP BY enterprise_id) a
               ON a.enterprise_id = e.id
        LEFT JOIN (SELECT p.enterprise_id, COUNT(DISTINCT p.dispute_id) AS n
                   FROM {_table(Party)} p JOIN {_table(Dispute)} dd ON dd.id = p.dispute_id
                   WHERE p.role = %s AND p.enterprise_id IS NOT NULL AND dd.filed_on >= %s
                   GROUP BY p.enterprise_id) d
               ON d.enterprise_id = e.id
        LEFT JOIN (SELECT enterprise_id, COUNT(*) AS n FROM {_table(WorkOrder)}
                   WHERE enterprise_id IS NOT NULL AND received_at >= %s GROUP BY enterprise_id) c
               ON c.enterprise_id = e.id
        LEFT JOIN (SELECT enterprise_id, COUNT(*) AS n FROM {_table(ArrearsFlag)}
                   WHERE cleared_on IS NULL GROUP BY enterprise_id) s
               ON s.enterprise_id = e.id
        LEFT JOIN (SELECT enterprise_id, MAX(visited_on) AS last_visit FROM {_table(Inspection)}
                   GROUP BY enterprise_id) i
               ON i.enterprise_id = e.id
        WHERE e.status IN (%s, %s)
    """  # noqa: S608
    params: list[Any] = [
        EnterpriseStatus.ABNORMAL,
        today,
        *open_states,
        *ARREARS_TYPES,
        since[K.ARREARS_HISTORY],
        PartyRole.RESPONDENT,
        since[K.DISPUTES],
        complaints_since,
        *SCORED_STATUSES,
    ]
    return sql, params


def compute_scores(*, today: dt.date | None = None) -> ScoreRun:
    """Recompute every enterprise's score in one transaction: the old scores are replaced at once."""
    today = today or timezone.localdate()
    weights = Weights.load()
    now = timezone.now()
    measures, params = _measures_sql(today, weights)
    point_parts: list[str] = []
    point_params: list[Any] = []
    for key in COMPONENT_KEYS:
        sql, p = _points_sql(key, weights, f"m.{key}")
        point_parts.append(f"{sql} AS {key}_points")
        point_params += p
    total = " + ".join(f"x.{key}_points" for key in COMPONENT_KEYS)
    level_parts: list[str] = []
    level_params: list[Any] = []
    for level, minimum in weights.thresholds:
        level_parts.append(f"WHEN {total} >= %s THEN %s")
        level_params += [minimum, level]
    level_sql = f"CASE {' '.join(level_parts)} ELSE %s END" if level_parts else "%s"
    level_params.append(WarningLevel.NONE)
    columns = ["enterprise_id", "street_id", "grid_id", "total", "level", "computed_at"]
    values = ["x.enterprise_id", "x.street_id", "x.grid_id", total, level_sql, "%s"]
    for key in COMPONENT_KEYS:
        columns += [f"{key}_value", f"{key}_points"]
        values += [f"COALESCE(x.{key}, 0)" if key != K.INSPECTION_GAP else f"x.{key}", f"x.{key}_points"]
    statement = f"""
        INSERT INTO {_table(EnterpriseRiskScore)} ({", ".join(_q(c) for c in columns)})
        SELECT {", ".join(values)}
        FROM (SELECT m.*, {", ".join(point_parts)} FROM ({measures}) m) x
    """  # noqa: S608 (names and placeholders only)
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_table(EnterpriseRiskScore)}")  # noqa: S608 (table names only)
        cursor.execute(statement, [*level_params, now, *point_params, *params])
        count = cursor.rowcount
    return ScoreRun(enterprises=count, seconds=time.perf_counter() - started, computed_at=now)


def explain(enterprise: Enterprise, *, today: dt.date | None = None) -> dict[str, Any]:
    """The same figures for one enterprise through the ORM: measure, points, weight and cap of each
    component, the total and the level — what the score page shows and the tests compare."""
    today = today or timezone.localdate()
    weights = Weights.load()
    since = {k: today - dt.timedelta(days=weights.window[k]) for k in COMPONENT_KEYS}
    last = (
        Inspection.objects.filter(enterprise=enterprise)
        .order_by("-visited_on")
        .values_list("visited_on", flat=True)
        .first()
    )
    measures: dict[str, int | None] = {
        K.OPEN_RISKS: Risk.objects.filter(enterprise=enterprise, state__in=OPEN_RISK_STATES).count(),
        K.ARREARS_HISTORY: Risk.objects.filter(
            enterprise=enterprise, risk_type__in=ARREARS_TYPES, found_on__gte=since[K.ARREARS_HISTORY]
        ).count(),
        K.DISPUTES: Party.objects.filter(
            enterprise=enterprise, role=PartyRole.RESPONDENT, dispute__filed_on__gte=since[K.DISPUTES]
        )
        .values("dispute_id")
        .distinct()
        .count(),
        K.COMPLAINTS: WorkOrder.objects.filter(
            enterprise=enterprise,
            received_at__gte=timezone.make_aware(dt.datetime.combine(since[K.COMPLAINTS], dt.time.min)),
        ).count(),
        K.SI_ARREARS: ArrearsFlag.objects.filter(enterprise=enterprise, cleared_on__isnull=True).count(),
        K.ABNORMAL: 1 if enterprise.status == EnterpriseStatus.ABNORMAL else 0,
        K.INSPECTION_GAP: None if last is None else (today - last).days // DAYS_PER_MONTH,
    }
    components: list[dict[str, Any]] = [
        {
            "key": key,
            "label": str(K(key).label),
            "measure": measures[key],
            "points": weights.points(key, measures[key]),
            "weight": weights.weight[key],
            "cap": weights.cap[key],
            "window": weights.window[key],
        }
        for key in COMPONENT_KEYS
    ]
    total = sum(c["points"] for c in components)
    return {"components": components, "total": total, "level": weights.level(total)}


def scores_if_stale(today: dt.date) -> str | None:
    """The periodic job: recompute once a day (the first sweep of a day whose scores are older)."""
    last = EnterpriseRiskScore.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    if last is not None and timezone.localdate(last) >= today:
        return None
    run = compute_scores(today=today)
    return f"{run.enterprises} enterprises scored in {run.seconds:.1f} s"
