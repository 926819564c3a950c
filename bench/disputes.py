"""Arbitration benchmarks (issue 5): 150,000 disputes with their parties and claims; the clerk's list
(page 1 and deep) and the statistics (selector and page) beside the raw SQL of the same rows and figures.

Disputes are bulk-loaded with explicit ids, the way ``bench.run`` loads the registries: every state,
both procedures, closing days and on-time flags as the services would have recorded them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from bench.run import (
    _bulk_load,
    _client,
    bench_case_page_queries,
    bench_list_page,
    bench_text_search,
    like_scan,
    median_ms,
    record,
)
from bench.workorders import _raw

DISPUTE_COLUMNS = (
    "id",
    "created_at",
    "updated_at",
    "version",
    "due_on",
    "number",
    "case_no",
    "state",
    "channel",
    "procedure",
    "collective",
    "facts",
    "filed_on",
    "received_on",
    "supplement_items",
    "accepted_on",
    "closed_on",
    "limitation_warning",
    "facts_clear",
    "both_agree",
    "migrant_wages",
    "public_interest",
    "major_impact",
    "respondent_unlocatable",
    "unsuitable",
    "triage_proposal",
    "triage_reasons",
    "total_claimed",
    "extended",
    "assigned_unit_id",
    "enterprise_id",
    "street_id",
    "closed_on_time",
    "days_to_close",
)
PARTY_COLUMNS = (
    "id",
    "role",
    "kind",
    "name",
    "identifier",
    "phone",
    "address",
    "representative",
    "sort_order",
    "dispute_id",
    "enterprise_id",
)
CLAIM_COLUMNS = ("id", "kind", "description", "amount_claimed", "decided", "sort_order", "dispute_id")
STATES = [
    ("filed", 4),
    ("supplement", 1),
    ("accepted", 5),
    ("tribunal", 4),
    ("scheduled", 4),
    ("heard", 2),
    ("refused", 3),
    ("withdrawn", 7),
    ("mediated", 25),
    ("awarded", 45),
]
KINDS = ["wages", "overtime", "compensation", "damages", "injury_medical", "social_insurance"]


def _disputes(count: int, ctx: dict[str, Any], rng: random.Random) -> Iterator[tuple[Any, ...]]:
    now = dt.datetime.now(dt.UTC)
    today = now.date()
    names = [s for s, _w in STATES]
    weights = [w for _s, w in STATES]
    enterprises = ctx["enterprises"]
    for i in range(1, count + 1):
        state = rng.choices(names, weights)[0]
        filed = today - dt.timedelta(days=rng.randint(0, 730))
        simplified = rng.random() < 0.55
        accepted = (
            filed + dt.timedelta(days=rng.randint(0, 5))
            if state not in ("filed", "supplement", "refused")
            else None
        )
        closed = None
        days = on_time = None
        if state in ("mediated", "awarded") and accepted is not None:
            days = rng.randint(12, 35) if simplified else rng.randint(25, 55)
            closed = accepted + dt.timedelta(days=days)
            on_time = days <= 45
        elif state in ("refused", "withdrawn"):
            closed = filed + dt.timedelta(days=rng.randint(1, 30))
        enterprise, street = enterprises[i % len(enterprises)]
        yield (
            i,
            now,
            now,
            1,
            None if closed else filed + dt.timedelta(days=45),
            f"SQ{filed:%Y%m%d}{i:06d}",
            f"劳人仲案〔{filed.year}〕{i}号" if accepted else None,
            state,
            rng.choice(["online", "counter"]),
            "simplified" if simplified else "ordinary",
            rng.random() < 0.02,
            "公司拖欠工资，经多次催讨未果。",
            filed,
            filed,
            "[]",
            accepted,
            closed,
            "",
            False,
            False,
            simplified,
            False,
            False,
            False,
            False,
            "simplified" if simplified else "ordinary",
            "{}",
            Decimal(rng.randint(1000, 200000)),
            False,
            ctx["institute"],
            enterprise,
            street,
            on_time,
            days,
        )


def _parties(count: int, ctx: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    enterprises = ctx["enterprises"]
    for i in range(1, count + 1):
        enterprise, _street = enterprises[i % len(enterprises)]
        yield (
            2 * i - 1,
            "applicant",
            "person",
            f"工人{i}",
            f"4403061990{i:08d}"[:18],
            "",
            "",
            False,
            0,
            i,
            None,
        )
        yield (
            2 * i,
            "respondent",
            "enterprise",
            f"企业{enterprise}",
            f"9144{enterprise:014d}",
            "",
            "",
            False,
            1,
            i,
            enterprise,
        )


def _claims(count: int, rng: random.Random) -> Iterator[tuple[Any, ...]]:
    claim_id = 0
    for i in range(1, count + 1):
        for order, kind in enumerate(rng.sample(KINDS, rng.randint(1, 2))):
            claim_id += 1
            yield (claim_id, kind, "请求事项", Decimal(rng.randint(1000, 90000)), False, order, i)


def fill(count: int) -> None:
    from django.db import connection

    from hrbureau.accounts.models import OrgUnit
    from hrbureau.arbitration.models import Claim, Dispute, Party
    from hrbureau.enterprises.models import Enterprise

    if Dispute.objects.count() == count:
        return
    print(f"loading {count:,} disputes …", flush=True)
    started = time.perf_counter()
    for model in (Claim, Party, Dispute):
        model.objects.all()._raw_delete(model.objects.db)
    ctx = {
        "institute": OrgUnit.objects.get(code="arbitration").pk,
        "enterprises": list(
            Enterprise.objects.filter(street__isnull=False)
            .order_by("id")
            .values_list("id", "street_id")[:50_000]
        ),
    }
    rng = random.Random(5)
    _bulk_load("arbitration_dispute", DISPUTE_COLUMNS, _disputes(count, ctx, rng), Dispute.text_index)
    _bulk_load("arbitration_party", PARTY_COLUMNS, _parties(count, ctx), Party.text_index)
    _bulk_load("arbitration_claim", CLAIM_COLUMNS, _claims(count, rng), None)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("arbitration_dispute", "arbitration_party", "arbitration_claim"):
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
                )
    print(f"  {time.perf_counter() - started:.0f} s", flush=True)


def bench_list() -> None:
    from bench.run import DEPTH
    from hrbureau.core.pagination import encode_cursor

    columns = "id, number, case_no, state, procedure, filed_on, total_claimed, due_on, enterprise_id"
    order = "ORDER BY collective DESC, filed_on DESC, id DESC"
    raw1 = _raw(f"SELECT {columns} FROM arbitration_dispute {order} LIMIT 21", [])
    total = _raw("SELECT COUNT(*) FROM arbitration_dispute", [])()[0][0]
    depth = min(DEPTH, total - 100)
    anchor = _raw(
        f"SELECT collective, filed_on, id FROM arbitration_dispute {order} LIMIT 1 OFFSET %s",
        [depth],
    )()[0]
    raw_deep = _raw(
        f"SELECT {columns} FROM arbitration_dispute WHERE (collective, filed_on, id) < (%s, %s, %s) {order} LIMIT 21",
        [anchor[0], anchor[1], anchor[2]],
    )
    client = _client("clerk")
    filed = dt.date.fromisoformat(str(anchor[1]))
    cursor = encode_cursor("after", [bool(anchor[0]), filed, anchor[2]])
    page1, deep = "/arbitration/", f"/arbitration/?cursor={cursor}"
    base1 = "/bench-baseline/disputes"
    base_deep = f"{base1}?seek_collective={int(bool(anchor[0]))}&seek_filed={filed}&seek_id={anchor[2]}"
    bench_list_page(
        client,
        title="clerk's dispute list",
        short="dispute list",
        app="arbitration",
        pages=(page1, deep),
        baselines=(base1, base_deep),
        bare_ms=(median_ms(raw1), median_ms(raw_deep)),
        depth=depth,
    )


def bench_statistics() -> None:
    from django.utils import timezone

    from hrbureau.accounts.models import User
    from hrbureau.arbitration.selectors import dispute_statistics

    clerk = User.objects.get(username="clerk")
    start = timezone.localdate().replace(month=1, day=1) - dt.timedelta(days=365)
    closing = "state IN ('awarded', 'mediated')"
    grouped = (
        "SELECT procedure, COUNT(*), "
        f"SUM(CASE WHEN {closing} THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'mediated' THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {closing} AND closed_on_time THEN 1 ELSE 0 END), "
        f"SUM(CASE WHEN {closing} THEN days_to_close ELSE 0 END) "
        "FROM arbitration_dispute WHERE filed_on >= %s AND accepted_on IS NOT NULL GROUP BY procedure ORDER BY procedure"
    )
    totals = (
        "SELECT COUNT(*), SUM(CASE WHEN state = 'refused' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state = 'withdrawn' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN state IN ('filed', 'supplement', 'accepted', 'tribunal', 'scheduled', 'heard') THEN 1 ELSE 0 END) "
        "FROM arbitration_dispute WHERE filed_on >= %s"
    )
    claims = (
        "SELECT c.kind, COUNT(DISTINCT c.dispute_id) FROM arbitration_claim c "
        "JOIN arbitration_dispute d ON d.id = c.dispute_id WHERE d.filed_on >= %s GROUP BY c.kind"
    )
    run_grouped, run_totals, run_claims = _raw(grouped, [start]), _raw(totals, [start]), _raw(claims, [start])

    def raw() -> Any:
        return run_grouped(), run_totals(), run_claims()

    rows, total_row, claim_rows = raw()
    stats = dispute_statistics(user=clerk, period_from=start)
    by = {r.procedure: r for r in stats.rows}
    for procedure, accepted, closed, mediated, on_time, days in rows:
        got = by[procedure]
        assert (got.accepted, got.closed, got.mediated, got.on_time, got.total_days) == (
            accepted,
            closed,
            mediated,
            on_time,
            days,
        ), ("statistics differ from SQL", procedure)
    assert (stats.filed, stats.refused, stats.withdrawn, stats.open) == tuple(int(v) for v in total_row[0])
    assert {k: n for k, _label, n in stats.claims if n} == dict(claim_rows)
    t_raw = median_ms(raw, repeat=7, warmup=1)
    t_ours = median_ms(lambda: dispute_statistics(user=clerk, period_from=start), repeat=7, warmup=1)
    record("arbitration statistics (selector) vs raw SQL", t_ours, t_raw, "ratio ≤ 3", t_ours <= 3 * t_raw)
    client = _client("clerk")
    url = f"/arbitration/statistics/?filed_from={start.isoformat()}"
    assert client.get(url).status_code == 200
    t_page = median_ms(lambda: client.get(url), repeat=7, warmup=1)
    record("arbitration statistics page vs raw SQL", t_page, t_raw, "ratio ≤ 3", t_page <= 3 * t_raw)
    print(f"  fast track {stats.fast_track_reduction} % shorter in the loaded data", flush=True)


def bench_search() -> None:
    """The clerk's list search (numbers, and the parties' names) beside the plain scan of the same."""
    from hrbureau.arbitration.lists import DISPUTES
    from hrbureau.arbitration.models import Dispute

    assert DISPUTES.search is not None

    def ours(query: str) -> list[int]:
        condition = DISPUTES.search.condition(query, Dispute)  # type: ignore[union-attr]
        return sorted(Dispute.objects.filter(condition).values_list("id", flat=True))

    def scan(query: str) -> list[int]:
        sql = (
            "SELECT id FROM arbitration_dispute WHERE number LIKE %s OR case_no LIKE %s "
            "OR id IN (SELECT dispute_id FROM arbitration_party WHERE name LIKE %s)"
        )
        return like_scan(sql, query, 3)

    bench_text_search("dispute search", ("工人12345", "〕1234号", "企业43210"), ours, scan)


def bench_case_page() -> None:
    bench_case_page_queries(
        "dispute", _client("clerk"), "arbitration.dispute", (1, 2), lambda pk: f"/arbitration/{pk}/"
    )


def run(count: int) -> None:
    fill(count)
    bench_list()
    bench_search()
    bench_case_page()
    bench_statistics()
