"""The enterprise risk score (风险评分): transparent, configurable, computed set-based.

For every enterprise still operating (active or in abnormal operation) one ``INSERT … SELECT`` computes
each component's measure — open risks; wage-arrears risks, disputes as respondent and complaints in the
component's window; open social-insurance arrears flags; abnormal-operation status; whole months since
the last inspection (never inspected: the component's cap) — its points, ``min(cap, weight × measure)``,
the total and the warning level from the thresholds. No Python loop over enterprises: the database does
the work, so a million enterprises take seconds (``make bench``).

Every measure but the enterprise's own status is a fact (``core.facts``): labour's own
(``labour.facts``) and the other lines' — the disputes arbitration declares, the work orders petitions
declares —, read through the registry, so this module names no other line's models. The set-based
computation joins each fact's grouped query (one row per enterprise that has any); ``explain`` reads the
same facts for one enterprise. The tests hold the two to each other, so the page that shows the
components beside the total cannot disagree with the list.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hrbureau.core import facts
from hrbureau.core.facts import ENTERPRISE
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import ScoreComponentKey, WarningLevel
from hrbureau.labour.models import COMPONENT_KEYS, EnterpriseRiskScore, ScoreComponent, WarningThreshold

K = ScoreComponentKey
SCORED_STATUSES = (EnterpriseStatus.ACTIVE, EnterpriseStatus.ABNORMAL)
DAYS_PER_MONTH = 30

# The fact each component measures, and whether the component's window applies to it.
MEASURED: dict[str, tuple[str, bool]] = {
    K.OPEN_RISKS: ("labour.open_risks", False),
    K.ARREARS_HISTORY: ("labour.wage_arrears_risks", True),
    K.DISPUTES: ("arbitration.disputes_as_respondent", True),
    K.COMPLAINTS: ("petitions.complaints", True),
    K.SI_ARREARS: ("labour.si_arrears", False),
}
LAST_INSPECTION = "labour.last_inspection"


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


def _since(key: str, today: dt.date, weights: Weights) -> dt.date | None:
    _name, windowed = MEASURED[key]
    return today - dt.timedelta(days=weights.window[key]) if windowed else None


def _grouped_sql(name: str, since: dt.date | None) -> tuple[str, list[Any]]:
    """A fact's grouped query (``subject_id``, ``value``) as SQL to join, with its parameters."""
    sql, params = facts.get(ENTERPRISE, name).grouped(since=since).query.sql_with_params()
    return sql, list(params)


def _measures_sql(today: dt.date, weights: Weights) -> tuple[str, list[Any]]:
    """One row per scored enterprise: id, street, grid and every component's measure."""
    gap = _days_between("%s", f"i.{_q('value')}")
    columns = [f"COALESCE(m_{key}.{_q('value')}, 0) AS {key}" for key in MEASURED]
    joins, params = [], []
    for key in MEASURED:
        sql, p = _grouped_sql(MEASURED[key][0], _since(key, today, weights))
        joins.append(f"LEFT JOIN ({sql}) m_{key} ON m_{key}.{_q('subject_id')} = e.id")
        params += p
    last_sql, last_params = _grouped_sql(LAST_INSPECTION, None)
    # Only table names, column names and placeholders are spliced in; every value is a parameter.
    sql = f"""
        SELECT e.id AS enterprise_id, e.street_id AS street_id, e.grid_id AS grid_id,
               {", ".join(columns)},
               CASE WHEN e.status = %s THEN 1 ELSE 0 END AS abnormal,
               CASE WHEN i.{_q("value")} IS NULL THEN NULL ELSE {gap} / {DAYS_PER_MONTH} END AS inspection_gap
        FROM {_table(Enterprise)} e
        {" ".join(joins)}
        LEFT JOIN ({last_sql}) i ON i.{_q("subject_id")} = e.id
        WHERE e.status IN (%s, %s)
    """  # noqa: S608
    return sql, [EnterpriseStatus.ABNORMAL, today, *params, *last_params, *SCORED_STATUSES]


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
    last = facts.value(enterprise, LAST_INSPECTION)
    measures: dict[str, int | None] = {
        key: facts.get(ENTERPRISE, name).value(enterprise, since=_since(key, today, weights))
        for key, (name, _windowed) in MEASURED.items()
    }
    measures[K.ABNORMAL] = 1 if enterprise.status == EnterpriseStatus.ABNORMAL else 0
    measures[K.INSPECTION_GAP] = None if last is None else (today - last).days // DAYS_PER_MONTH
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
