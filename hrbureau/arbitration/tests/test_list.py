"""The clerk's dispute list: its rows (rendered in Python, ``core.tables``) in both languages — the case
number and its badges, the respondent, the state, the procedure, the amount and the deadline."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import applicant, file, respondent


def _row(client: Any, dispute: Dispute, language: str) -> str:
    client.cookies["hrbureau_language"] = language
    body = client.get("/arbitration/").content.decode()
    match = re.search(rf'<tr><td[^>]*><a href="/arbitration/{dispute.pk}/">.*?</tr>', body, re.S)
    assert match, f"no row for {dispute.number}"
    return match.group(0)


def test_rows_in_chinese_and_english(world: Any, arb: dict[str, Any], client: Any) -> None:
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    collective = file(world, arb, parties=[*workers, respondent(world.enterprises["b1"])])
    Dispute.objects.filter(pk=collective.pk).update(
        case_no="深示劳人仲案字〔2026〕1号",
        suspended_since=dt.date(2026, 3, 5),
        due_on=timezone.localdate() - dt.timedelta(days=2),
    )
    client.force_login(arb["clerk"])
    client.cookies["hrbureau_language"] = "zh-hans"
    assert "<th>申请日期</th>" in client.get("/arbitration/").content.decode()  # the date, not the state
    row = _row(client, collective, "zh-hans")
    assert (
        f'<td data-label="编号" class="text-code"><a href="/arbitration/{collective.pk}/">'
        '深示劳人仲案字〔2026〕1号</a> <span class="badge bg-purple-lt">集体</span></td>'
    ) in row
    assert f'<td data-label="被申请人">{world.enterprises["b1"].name}</td>' in row
    assert (
        '<span class="badge bg-blue-lt">已申请</span> <span class="badge bg-secondary-lt">已中止</span>'
        in row
    )
    assert '<td data-label="程序">普通程序</td>' in row
    assert '<td data-label="请求金额" class="text-end">12000.00</td>' in row
    assert '<span class="badge bg-red-lt">已超期</span>' in row

    row = _row(client, collective, "en")
    assert '<span class="badge bg-purple-lt">collective</span>' in row
    assert (
        '<span class="badge bg-blue-lt">Filed</span> <span class="badge bg-secondary-lt">suspended</span>'
        in row
    )
    assert "Ordinary procedure" in row
    assert '<span class="badge bg-red-lt">overdue</span>' in row


def test_a_plain_case_shows_its_application_number_and_no_badges(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = file(world, arb)
    Dispute.objects.filter(pk=dispute.pk).update(due_on=None, enterprise=None)
    client.force_login(arb["clerk"])
    row = _row(client, dispute, "en")
    assert f'<a href="/arbitration/{dispute.pk}/">{dispute.number}</a></td>' in row
    assert "badge bg-purple-lt" not in row
    assert "suspended" not in row
    assert '<td data-label="Respondent">—</td>' in row
    assert row.endswith('<td data-label="Due" class="text-nowrap">—</td></tr>')


def test_nothing_matches(world: Any, arb: dict[str, Any], client: Any) -> None:
    client.force_login(arb["clerk"])
    client.cookies["hrbureau_language"] = "en"
    body = client.get("/arbitration/", {"q": "no such case"}).content.decode()
    assert '<tr><td colspan="7" class="text-secondary">No disputes match.</td></tr>' in body


def test_a_name_with_markup_is_escaped(world: Any, arb: dict[str, Any], client: Any) -> None:
    dispute = file(world, arb)
    enterprise = world.enterprises["a2"]
    type(enterprise).objects.filter(pk=enterprise.pk).update(name="<script>x</script>有限公司")
    client.force_login(arb["clerk"])
    row = _row(client, dispute, "en")
    assert "&lt;script&gt;x&lt;/script&gt;有限公司" in row
    assert "<script>" not in row
