"""The honest employer list, public and for the department: hundreds of names in keyset pages (never one
page of 600 rows), searchable by a part of a name in Chinese or by USCC — exactly what a substring scan of
the names and codes finds."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone

from hrbureau.compliance.choices import EvaluationState, Grade
from hrbureau.compliance.models import EmployerGrade, Evaluation
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory

STREETS = ["东湖", "西岭", "南山", "北岸"]
TRADES = ["精密电子", "通用机械", "物流", "餐饮管理", "建筑工程", "软件"]


@pytest.fixture
def published(world: Any) -> Evaluation:
    """A published list of 130 names (and one enterprise graded B, not on it)."""
    enterprises = [
        EnterpriseFactory(name=f"{STREETS[i % 4]}{TRADES[i % 6]}第{i:03d}有限公司") for i in range(130)
    ]
    evaluation = Evaluation.objects.create(
        year=timezone.localdate().year - 1,
        state=EvaluationState.PUBLISHED,
        published_on=timezone.localdate(),
        created_by=world.users["dept_staff"],
    )
    EmployerGrade.objects.bulk_create(
        EmployerGrade(evaluation=evaluation, enterprise=e, grade=Grade.A, candidate=True) for e in enterprises
    )
    EmployerGrade.objects.create(evaluation=evaluation, enterprise=world.enterprises["a1"], grade=Grade.B)
    return evaluation


def _names(page: str) -> list[str]:
    table = page.split('data-testid="honest-table"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'data-label="[^"]*">([^<]*有限公司)</td>', table)


def _next(page: str) -> str | None:
    found = re.search(r'rel="next" href="([^"]+)"', page)
    return found.group(1).replace("&amp;", "&") if found else None


def test_the_public_list_comes_in_pages(published: Evaluation, client: Any) -> None:
    first = client.get("/compliance/honest-employers/").content.decode()
    assert len(_names(first)) == 50
    assert "130" in first.split('data-testid="honest-count"', 1)[1].split("</h3>", 1)[0]
    seen, page = _names(first), first
    while (link := _next(page)) is not None:
        page = client.get(f"/compliance/honest-employers/{link}").content.decode()
        seen += _names(page)
    listed = sorted(
        Enterprise.objects.filter(
            pk__in=published.grades.filter(candidate=True).values("enterprise_id")
        ).values_list("name", flat=True)
    )
    assert seen == listed  # every name once, in order of name
    assert world_a1_absent(seen)


def world_a1_absent(names: list[str]) -> bool:
    return "企业A1科技有限公司" not in names


@pytest.mark.parametrize("query", ["东湖", "通用机械", "岭物", "岭通", "第007", "有限公司", "不存在的名字"])
def test_the_search_finds_what_a_substring_scan_finds(published: Evaluation, client: Any, query: str) -> None:
    page = client.get("/compliance/honest-employers/", {"q": query}).content.decode()
    seen = _names(page)
    while (link := _next(page)) is not None:
        page = client.get(f"/compliance/honest-employers/{link}").content.decode()
        seen += _names(page)
    listed = published.grades.filter(candidate=True).select_related("enterprise")
    scan = sorted(g.enterprise.name for g in listed if query in g.enterprise.name)
    assert seen == scan
    if not scan:
        assert "No enterprise on the list matches." in page or "没有" in page


def test_the_search_by_uscc_and_odd_input(published: Evaluation, client: Any) -> None:
    grade = published.grades.filter(candidate=True).select_related("enterprise").first()
    assert grade is not None
    code = grade.enterprise.uscc
    page = client.get("/compliance/honest-employers/", {"q": code.lower()}).content.decode()
    assert _names(page) == [grade.enterprise.name]
    # An enterprise graded B is not found on the list, whatever is typed
    assert _names(client.get("/compliance/honest-employers/", {"q": "企业A1"}).content.decode()) == []
    for odd in ("\x00东湖", "%", "_", "'", "东湖" * 80):
        assert client.get("/compliance/honest-employers/", {"q": odd}).status_code == 200


def test_the_department_searches_the_grades(published: Evaluation, client_for: Any) -> None:
    client = client_for("dept_staff")
    page = client.get("/compliance/grades/", {"evaluation": published.pk, "q": "南山物流"}).content.decode()
    table = page.split('data-testid="employergrade-table"', 1)[1].split("</table>", 1)[0]
    names = re.findall(r">([^<>]*有限公司)<", table)
    expected = sorted(
        g.enterprise.name
        for g in published.grades.select_related("enterprise")
        if "南山物流" in g.enterprise.name
    )
    assert sorted(names) == expected
    assert expected


def test_an_unknown_list_asked_for_shows_the_newest(published: Evaluation, client: Any) -> None:
    newest = client.get("/compliance/honest-employers/").content.decode()
    chosen = client.get("/compliance/honest-employers/", {"year": published.pk}).content.decode()
    assert _names(chosen) == _names(newest)
    for odd in ("abc", "9" * 30, str(published.pk + 1000), "-1"):
        page = client.get("/compliance/honest-employers/", {"year": odd})
        assert page.status_code == 200, odd
        assert _names(page.content.decode()) == _names(newest)
