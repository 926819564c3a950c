"""What the demo's labour inspectors enter in the employers' compliance record: penalties and incidents,
each with its own figures."""

from __future__ import annotations

import datetime as dt
import random

from hrbureau.compliance.choices import RecordKind
from hrbureau.core import demotext as t

RECORDS = [
    (RecordKind.PENALTY, 30),
    (RecordKind.PENALTY, 25),
    (RecordKind.PENALTY, 20),
    (RecordKind.MASS_INCIDENT, 3),
    (RecordKind.IGNORED_ORDER, 3),
    (RecordKind.CHILD_LABOUR, 1),
]


def record(rng: random.Random, index: int, on: dt.date) -> str:
    """A compliance record's description (``index`` into ``RECORDS``)."""
    workers = rng.randint(3, 40)
    fine = rng.choice([5000, 10000, 20000, 30000, 50000])
    return [
        f"{t.month_name(on)}未按时足额支付{workers}名员工劳动报酬，责令改正并处罚款{t.yuan(fine)}",
        f"{workers}名员工未签订书面劳动合同，责令改正并处罚款{t.yuan(fine)}",
        f"{workers}名员工月加班超过法定上限{rng.randint(20, 80)}小时，给予警告并处罚款{t.yuan(fine)}",
        f"因拖欠工资引发{workers + 20}名员工聚集讨薪",
        f"拒不履行{t.date_name(on - dt.timedelta(days=rng.randint(10, 40)))}下达的限期整改指令",
        "使用未满十六周岁的未成年人",
    ][index]
