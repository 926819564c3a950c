"""Labour-risk benchmarks (issue 6): the enterprise risk score computed set-based over every enterprise
(goal ≥ 50,000 enterprises/s, beside the plain copy of the same rows into the score table), and the
screening and resolution figures with 200,000 inspections and 50,000 risks beside the raw SQL of the
same figures (goal ratio ≤ 3), for the selector and the page.

Inspections and risks are bulk-loaded with explicit ids over the loaded enterprises, in every state.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from bench.run import _bulk_load, _client, median_ms, record
from bench.workorders import _raw

INSPECTION_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "enterprise_id",
    "kind",
    "visited_on",
    "inspector_id",
    "street_id",
    "grid_id",
    "answers",
    "workers_present",
    "notes",
    "risks_found",
)
RISK_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "assigned_unit_id",
    "due_on",
    "state",
    "number",
    "enterprise_id",
    "inspection_id",
    "street_id",
    "grid_id",
    "risk_type",
    "severity",
    "workers_affected",
    "arrears_amount",
    "description",
    "found_on",
    "found_by_id",
    "escalated",
    "escalation_trace",
    "resolution",
    "resolved_on",
    "verified_on",
)
STATES = [("found", 1), ("assigned", 1), ("resolving", 2), ("resolved", 3), ("verified", 93)]
TYPES = [
    "wage_arrears",
    "social_insurance",
    "no_contract",
    "working_hours",
    "closure",
    "safety",
    "absconding",
]


def _inspections(count: int, ctx: dict[str, Any], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    enterprises = ctx["enterprises"]
    for i in range(1, count + 1):
        enterprise, street, grid = enterprises[rng.randrange(len(enterprises))]
        yield (
            i,
            now,
            now,
            enterprise,
            "routine",
            today - dt.timedelta(days=rng.randint(0, 700)),
            ctx["inspector"],
            street,
            grid,
            "{}",
            rng.randint(3, 200),
            "",
            1 if i % 4 == 0 else 0,
        )


def _risks(
    count: int, inspections: int, ctx: dict[str, Any], rng: random.Random
) -> Iterator[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    enterprises = ctx["enterprises"]
    names = [s for s, _w in STATES]
    weights = [w for _s, w in STATES]
    for i in range(1, count + 1):
        enterprise, street, grid = enterprises[rng.randrange(len(enterprises))]
        state = rng.choices(names, weights)[0]
        found = today - dt.timedelta(days=rng.randint(0, 700))
        resolved = (
            found + dt.timedelta(days=rng.randint(1, 20)) if state in ("resolved", "verified") else None
        )
        yield (
            i,
            now,
            now,
            1,
            street,
            None if state == "verified" else found + dt.timedelta(days=28),
            state,
            f"LR{found.year}{i:07d}",
            enterprise,
            (i * 4) if i * 4 <= inspections else None,
            street,
            grid,
            rng.choice(TYPES),
            "minor",
            rng.randint(1, 40),
            Decimal(rng.randint(1000, 90000)),
            "拖欠工资",
            found,
            ctx["inspector"],
            rng.random() < 0.02,
            "{}",
            "已化解" if resolved else "",
            resolved,
            resolved if state == "verified" else None,
        )


def fill(inspections: int, risks: int) -> None:
    from django.db import connection

    from hrbureau.accounts.models import User
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.labour.models import EnterpriseRiskScore, Inspection, Risk

    if Inspection.objects.count() == inspections and Risk.objects.count() == risks:
        return
    print(f"loading {inspections:,} inspections and {risks:,} risks …", flush=True)
    started = time.perf_counter()
    for model in (EnterpriseRiskScore, Risk, Inspection):
        model.objects.all()._raw_delete(model.objects.db)
    ctx = {
        "inspector": User.objects.get(username="labour_staff").pk,
        "enterprises": list(
            Enterprise.objects.filter(street__isnull=False)
            .order_by("id")
            .values_list("id", "street_id", "grid_id")[:300_000]
        ),
    }
    rng = random.Random(6)
    _bulk_load("labour_inspection", INSPECTION_COLUMNS, _inspections(inspections, ctx, rng), None)
    _bulk_load("labour_risk", RISK_COLUMNS, _risks(risks, inspections, ctx, rng), None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("labour_inspection", "labour_risk"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
    print(f"  {time.perf_counter() - started:.0f} s", flush=True)


def bench_scoring() -> None:
    from django.db import connection, transaction
    from django.db.models import Max

    from hrbureau.enterprises.models import Enterprise
    from hrbureau.labour import scoring
    from hrbureau.labour.models import EnterpriseRiskScore

    def floor() -> None:
        # The least any scoring must do: write one row per scored enterprise (no measure, no points).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM labour_enterpriseriskscore")
            cursor.execute(
                "INSERT INTO labour_enterpriseriskscore (enterprise_id, street_id, grid_id, total, level, "
                "open_risks_value, open_risks_points, arrears_history_value, arrears_history_points, "
                "disputes_value, disputes_points, complaints_value, complaints_points, si_arrears_value, "
                "si_arrears_points, abnormal_value, abnormal_points, inspection_gap_value, inspection_gap_points, "
                "computed_at) SELECT id, street_id, grid_id, 0, 'none', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                "NULL, 0, %s FROM enterprises_enterprise WHERE status IN ('active', 'abnormal')",
                [dt.datetime.now(dt.UTC)],
            )

    started = time.perf_counter()
    floor()
    t_floor = time.perf_counter() - started
    runs = [scoring.compute_scores() for _ in range(2)]
    run = min(runs, key=lambda r: r.seconds)
    rate = run.enterprises / run.seconds
    floor_rate = run.enterprises / t_floor
    # The scores are the figures the explanation gives, enterprise by enterprise (a sample of them).
    rng = random.Random(3)
    ids = list(EnterpriseRiskScore.objects.order_by("-total").values_list("enterprise_id", flat=True)[:10])
    top = EnterpriseRiskScore.objects.aggregate(n=Max("enterprise_id"))["n"]
    ids += [rng.randint(1, top) for _ in range(10)]
    for enterprise in Enterprise.objects.filter(pk__in=ids):
        score = EnterpriseRiskScore.objects.filter(enterprise=enterprise).first()
        if score is None:
            continue
        assert score.total == scoring.explain(enterprise)["total"], ("score differs", enterprise.pk)
    record(
        f"risk scores for {run.enterprises:,} enterprises (set-based), enterprises/s",
        rate,
        floor_rate,
        "≥ 50,000/s",
        rate >= 50_000,
        unit="enterprises/s",
        note="baseline: writing the same rows with no measure at all",
    )


def bench_figures() -> None:
    from django.utils import timezone

    from hrbureau.accounts.models import User
    from hrbureau.labour.selectors import screening_statistics

    staff = User.objects.get(username="labour_staff")
    start = timezone.localdate() - dt.timedelta(days=365)
    inspections_sql = (
        "SELECT street_id, COUNT(DISTINCT enterprise_id), COUNT(*) FROM labour_inspection "
        "WHERE visited_on >= %s GROUP BY street_id"
    )
    risks_sql = (
        "SELECT street_id, COUNT(*), "
        "SUM(CASE WHEN state IN ('resolved', 'verified') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'verified' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state IN ('found', 'assigned', 'resolving') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN escalated THEN 1 ELSE 0 END) "
        "FROM labour_risk WHERE found_on >= %s GROUP BY street_id"
    )
    screened_sql = "SELECT COUNT(DISTINCT enterprise_id) FROM labour_inspection WHERE visited_on >= %s"
    run_i, run_r, run_s = (
        _raw(inspections_sql, [start]),
        _raw(risks_sql, [start]),
        _raw(screened_sql, [start]),
    )

    def raw() -> Any:
        return run_i(), run_r(), run_s()

    by_inspection, by_risk, screened = raw()
    stats = screening_statistics(user=staff, period_from=start)
    rows = {r.street_id: r for r in stats.rows}
    for street, distinct, count in by_inspection:
        assert (rows[street].screened, rows[street].inspections) == (distinct, count), street
    for street, found, resolved, verified, open_, escalated in by_risk:
        got = rows[street]
        assert (got.found, got.resolved, got.verified, got.open, got.escalated) == (
            found,
            resolved,
            verified,
            open_,
            escalated,
        ), street
    assert stats.total.screened == screened[0][0]
    t_raw = median_ms(raw, repeat=7, warmup=1)
    t_ours = median_ms(lambda: screening_statistics(user=staff, period_from=start), repeat=7, warmup=1)
    record("screening figures (selector) vs raw SQL", t_ours, t_raw, "ratio ≤ 3", t_ours <= 3 * t_raw)
    client = _client("labour_staff")
    url = f"/labour/statistics/?period_from={start.isoformat()}"
    assert client.get(url).status_code == 200
    t_page = median_ms(lambda: client.get(url), repeat=7, warmup=1)
    record("screening figures page vs raw SQL", t_page, t_raw, "ratio ≤ 3", t_page <= 3 * t_raw)
    rate = stats.total.resolution_rate
    print(f"  {stats.total.found:,} risks found, {stats.total.resolved:,} resolved ({rate} %)", flush=True)


def bench_enterprise_page() -> None:
    """The enterprise's page across every line (core.profile, issue 17): its queries with 10 risks and 10
    visits and with 10,000 of each, equal. The rows are written for two enterprises and removed after."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from hrbureau.accounts.models import User
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.labour.models import Inspection, Risk

    inspector = User.objects.get(username="labour_staff")
    two = list(Enterprise.objects.filter(street__isnull=False, grid__isnull=False).order_by("-id")[:2])
    today = dt.date.today()

    def history(enterprise: Any, count: int) -> None:
        Inspection.objects.bulk_create(
            Inspection(
                enterprise=enterprise,
                kind="routine",
                visited_on=today - dt.timedelta(days=i % 700),
                inspector=inspector,
                street_id=enterprise.street_id,
                grid_id=enterprise.grid_id,
                notes="基准走访",
            )
            for i in range(count)
        )
        Risk.objects.bulk_create(
            Risk(
                number=f"LRB{enterprise.pk:09d}{i:05d}",
                enterprise=enterprise,
                street_id=enterprise.street_id,
                grid_id=enterprise.grid_id,
                risk_type="wage_arrears",
                severity="minor",
                description="基准隐患",
                found_on=today - dt.timedelta(days=i % 700),
                found_by=inspector,
                state="found",
                assigned_unit_id=enterprise.street_id,
                due_on=today,
            )
            for i in range(count)
        )

    def forget() -> None:
        Risk.objects.filter(number__startswith="LRB").delete()
        Inspection.objects.filter(enterprise__in=two, notes="基准走访").delete()

    client = _client("labour_staff")

    def queries(enterprise: Any) -> int:
        url = f"/enterprises/{enterprise.pk}/"
        assert client.get(url).status_code == 200, url  # warm: cached counts, a visit
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    forget()
    try:
        history(two[0], 10)
        history(two[1], 10_000)
        few, many = queries(two[0]), queries(two[1])
    finally:
        forget()
    record(
        "enterprise page queries: 10 vs 10,000 risks and visits (every line's part)",
        many,
        few,
        "equal",
        many == few,
        unit="queries",
    )


def run(inspections: int, risks: int) -> None:
    fill(inspections, risks)
    bench_scoring()
    bench_figures()
    bench_enterprise_page()
