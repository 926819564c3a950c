"""The demo's work orders read like a hotline's: a page of 20 has 20 different matters, each text about
its category with its own figures, and no sentence said over and over."""

from __future__ import annotations

import re
from collections import Counter
from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.petitions.models import WorkOrder

ARGS = (
    "--enterprises",
    "150",
    "--people",
    "100",
    "--work-orders",
    "120",
    "--disputes",
    "0",
    "--quiet-logins",
)
# What a matter of each category talks about.
SUBJECTS = {
    "wage-arrears": "工资",
    "labour-contract": "劳动合同|调岗|合同",
    "dismissal": "辞退|解除",
    "overtime": "加班",
    "social-insurance-arrears": "社会保险|社保|参保",
    "social-insurance": "保险|社保|医保|参保|养老",
    "talent-subsidy": "补贴",
    "employment-help": "就业|工作|贷款|求职|零工",
    "training": "培训|认定|技工",
    "hr-agency": "人力资源",
    "suggestion": "建议",
}


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。；！？]", text) if len(s.strip()) >= 6]


def test_a_page_of_work_orders_reads_like_twenty_different_matters(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    page = list(WorkOrder.objects.select_related("category").order_by("-received_at", "-id")[:20])
    assert len(page) == 20
    assert len({o.title for o in page}) >= 18
    # No sentence of the matters (or the replies) in more than two of the twenty.
    for texts in ([o.content for o in page], [o.reply for o in page if o.reply]):
        counts = Counter(s for text in texts for s in set(sentences(text)))
        assert max(counts.values(), default=0) <= 2, counts.most_common(3)
    for order in WorkOrder.objects.select_related("category"):
        assert re.search(SUBJECTS[order.category.code], order.title + order.content), (
            order.title,
            order.content,
        )
        assert not re.search(r"[A-Za-z]{3,}|测试|Lorem", order.title + order.content)
        assert re.search(r"\d", order.title + order.content)  # concrete: an amount, a month, a headcount
    # Complaints name the enterprise they are about.
    for order in WorkOrder.objects.filter(category__territorial=True).select_related("enterprise"):
        assert order.enterprise is not None
        assert order.enterprise.name in order.content
