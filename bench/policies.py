"""Policy matching benchmarks (issue 17): one policy's eligibility matched over every enterprise by one
set-based query (goal ≥ 200,000 enterprises/s, the time of fetching the matching ids over the whole
table), equal to the per-enterprise Python evaluation on a random sample of 1,000; and the near-miss list
of the same policy (the enterprises failing exactly one condition, counted by condition) within 3× the
matching query.

A tenth of the loaded enterprises carry the key-enterprise tag (bulk-inserted once)."""

from __future__ import annotations

import random
import time
from typing import Any

from bench.run import median_ms, record

POLICY = {
    "all": [
        {"field": "status", "op": "eq", "value": "active"},
        {"field": "employees", "op": "gte", "value": 50},
        {"field": "size_class", "op": "in", "value": ["small", "medium"]},
        {"field": "registration_date", "op": "gte", "value": "2004-01-01"},
        {
            "any": [
                {"field": "tag.key-enterprise", "op": "eq", "value": True},
                {"field": "industry_division", "op": "eq", "value": "39"},
            ]
        },
    ]
}
# The same with a fact another line declares (open labour risks): informative.
WITH_FACT = {"all": [*POLICY["all"], {"field": "labour.open_risks", "op": "eq", "value": 0}]}
SAMPLE = 1_000


def _tag_a_tenth() -> None:
    from django.db import connection, transaction

    from hrbureau.enterprises.models import Enterprise, EnterpriseTag

    tag, _ = EnterpriseTag.objects.get_or_create(code="key-enterprise", defaults={"name": "重点企业"})
    through = Enterprise.tags.through
    if through.objects.filter(enterprisetag=tag).exists():
        return
    table = through._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (enterprise_id, enterprisetag_id) "
            "SELECT id, %s FROM enterprises_enterprise WHERE id %% 10 = 3",
            [tag.pk],
        )


def run() -> None:
    from django.db.models import Count

    from hrbureau.core import rules
    from hrbureau.enterprises.models import Enterprise
    from hrbureau.policies.rules import ENTERPRISE_SUBJECT

    _tag_a_tenth()
    total = Enterprise.objects.count()
    condition = rules.validate(ENTERPRISE_SUBJECT, POLICY)

    def matching() -> list[int]:
        return list(rules.matching(ENTERPRISE_SUBJECT, condition).values_list("pk", flat=True))

    def near_misses() -> list[tuple[Any, ...]]:
        rows = rules.near_misses(ENTERPRISE_SUBJECT, condition).order_by()
        return list(rows.values_list("near_miss").annotate(n=Count("pk")))

    found = set(matching())
    # The query's answer is the Python evaluation's, enterprise by enterprise, on a random sample.
    rng = random.Random(17)
    top = Enterprise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    sample = set(rng.sample(range(1, top + 1), min(SAMPLE, top)))
    loaded = rules.subject(ENTERPRISE_SUBJECT).queryset(
        Enterprise.objects.filter(pk__in=sample), condition=condition
    )
    differ = [e.pk for e in loaded if rules.evaluate(ENTERPRISE_SUBJECT, condition, e) != (e.pk in found)]
    checked = len(sample)
    repeat = 5 if total >= 500_000 else 9
    t_match = median_ms(matching, repeat=repeat, warmup=1)
    rate = total / (t_match / 1000) if t_match else 0.0
    record(
        f"one policy matched over {total:,} enterprises (set-based), enterprises/s",
        rate,
        None,
        "≥ 200,000/s",
        rate >= 200_000,
        unit="enterprises/s",
        note=f"{len(found):,} qualify; {t_match:.0f} ms",
    )
    record(
        f"policy matching equals the Python evaluation on {checked:,} random enterprises, differences",
        float(len(differ)),
        None,
        "= 0",
        not differ,
        unit="enterprises",
    )
    t_near = median_ms(near_misses, repeat=repeat, warmup=1)
    record(
        "near-miss list of one policy (counts by condition) vs the matching query",
        t_near,
        t_match,
        "≤ 3× matching",
        t_near <= 3 * t_match,
    )
    fact = rules.validate(ENTERPRISE_SUBJECT, WITH_FACT)
    started = time.perf_counter()
    list(rules.matching(ENTERPRISE_SUBJECT, fact).values_list("pk", flat=True))
    seconds = time.perf_counter() - started
    record(
        "one policy with a fact of another line (open labour risks), enterprises/s",
        total / seconds if seconds else 0.0,
        None,
        "informative",
        True,
        unit="enterprises/s",
    )
