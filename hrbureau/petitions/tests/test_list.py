"""The work-order list page: its rows (rendered in Python, ``core.tables``) in both languages, and its
category and unit filters (options from cached lists that follow the categories and units)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils import timezone

from hrbureau.petitions.models import Category, WorkOrder
from hrbureau.petitions.tests.factories import make_order


def _page(client: Any, language: str, query: str = "") -> str:
    client.cookies["hrbureau_language"] = language
    response = client.get(f"/petitions/{query}")
    assert response.status_code == 200
    return response.content.decode()


def _row(body: str, order: WorkOrder) -> str:
    match = re.search(rf'<tr><td[^>]*><a href="/petitions/{order.pk}/">.*?</tr>', body, re.S)
    assert match, f"no row for {order.number}"
    return match.group(0)


def _orders(world: Any, office: dict[str, Any]) -> tuple[WorkOrder, WorkOrder]:
    late = make_order(category=office["categories"]["wages"], title="<b>拖欠</b>工资 & 加班费")
    WorkOrder.objects.filter(pk=late.pk).update(
        bounces=2,
        due_on=timezone.localdate() - dt.timedelta(days=1),
        handling_unit=world.units["labour_relations"],
        received_at=timezone.make_aware(dt.datetime(2026, 3, 2, 9, 5)),
    )
    plain = make_order(category=office["categories"]["enquiry"], title="政策咨询一件")
    WorkOrder.objects.filter(pk=plain.pk).update(bounces=0, due_on=None, handling_unit=None)
    late.refresh_from_db()
    plain.refresh_from_db()
    return late, plain


def test_rows_in_chinese(world: Any, office: dict[str, Any], client: Any) -> None:
    late, plain = _orders(world, office)
    client.force_login(office["staff"])
    body = _page(client, "zh-hans")
    row = _row(body, late)
    assert (
        f'<td data-label="编号" class="text-code"><a href="/petitions/{late.pk}/">{late.number}</a></td>'
        in row
    )
    assert "&lt;b&gt;拖欠&lt;/b&gt;工资 &amp; 加班费" in row  # the title escaped
    assert '<div class="small text-secondary">欠薪投诉</div>' in row
    assert "12345热线" in row
    assert '<span class="badge bg-orange-lt">退回 2 次</span>' in row
    assert "2026-03-02 09:05" in row  # received, in the platform's time zone
    assert '<span class="badge bg-red-lt">已超期</span>' in row
    assert "<b>" not in row
    other = _row(body, plain)
    assert "退回" not in other
    assert '<td data-label="承办单位">—</td>' in other  # no handling unit yet
    assert other.endswith('<td data-label="到期日" class="text-nowrap">—</td></tr>')  # no deadline running


def test_rows_in_english(world: Any, office: dict[str, Any], client: Any) -> None:
    late, _plain = _orders(world, office)
    client.force_login(office["staff"])
    row = _row(_page(client, "en"), late)
    assert '<td data-label="Channel" class="card-hide">12345 hotline</td>' in row  # not on a phone's card
    assert '<span class="badge bg-orange-lt">returned 2 times</span>' in row
    assert '<span class="badge bg-red-lt">overdue</span>' in row
    WorkOrder.objects.filter(pk=late.pk).update(bounces=1)
    row = _row(_page(client, "en"), late)
    assert '<span class="badge bg-orange-lt">returned 1 time</span>' in row


def test_nothing_matches(world: Any, office: dict[str, Any], client: Any) -> None:
    client.force_login(office["staff"])
    body = _page(client, "en", "?q=no-such-order")
    assert '<tr><td colspan="7" class="text-secondary">No work orders match.</td></tr>' in body


def test_the_category_filter_follows_new_categories(world: Any, office: dict[str, Any], client: Any) -> None:
    late, plain = _orders(world, office)
    client.force_login(office["staff"])
    wages = office["categories"]["wages"]
    body = _page(client, "zh-hans", f"?category={wages.pk}")
    assert f'<option value="{wages.pk}" selected>欠薪投诉</option>' in body
    assert f'href="/petitions/{late.pk}/"' in body
    assert f'href="/petitions/{plain.pk}/"' not in body

    added = Category.objects.create(code="new", name="新增分类", kind="enquiry")
    body = _page(client, "zh-hans")
    assert f'<option value="{added.pk}">新增分类</option>' in body
    added.name = "改名分类"
    added.save()
    assert f'<option value="{added.pk}">改名分类</option>' in _page(client, "zh-hans")
    gone = added.pk
    added.delete()
    body = _page(client, "zh-hans", f"?category={gone}")
    select = re.search(r'<select name="category".*?</select>', body, re.S)
    assert select
    assert f'<option value="{gone}"' not in select.group(0)
    assert 'class="alert alert-danger"' in body  # a category that no longer exists: an error, no rows
    assert f'href="/petitions/{late.pk}/"' not in body


def test_the_unit_filter_lists_departments_and_streets(
    world: Any, office: dict[str, Any], client: Any
) -> None:
    late, plain = _orders(world, office)
    client.force_login(office["staff"])
    labour = world.units["labour_relations"]
    body = _page(client, "zh-hans", f"?unit={labour.pk}")
    select = re.search(r'<select name="unit".*?</select>', body, re.S)
    assert select
    assert f'<option value="{labour.pk}" selected>{labour.name}</option>' in select.group(0)
    assert f'<option value="{world.units["street-a"].pk}">东湖街道</option>' in select.group(0)
    assert "网格" not in select.group(0)  # grids are not dispatched to
    assert f'href="/petitions/{late.pk}/"' in body
    assert f'href="/petitions/{plain.pk}/"' not in body


def test_the_unit_filter_follows_the_organisation(world: Any, office: dict[str, Any], client: Any) -> None:
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.services import orgunit_create

    client.force_login(office["staff"])

    def unit_options() -> str:
        select = re.search(r'<select name="unit".*?</select>', _page(client, "zh-hans"), re.S)
        assert select
        return select.group(0)

    assert "新设科室" not in unit_options()
    added = orgunit_create(
        kind=OrgUnitKind.DEPARTMENT, code="new-dept", name="新设科室", parent=world.units["bureau"]
    )
    assert f'<option value="{added.pk}">新设科室</option>' in unit_options()
    added.name = "改名科室"
    added.save()
    assert f'<option value="{added.pk}">改名科室</option>' in unit_options()
    added.is_active = False
    added.save()
    assert f'value="{added.pk}"' not in unit_options()


def test_categories_read_in_english_on_english_pages(world: Any, office: dict[str, Any], client: Any) -> None:
    """A category's English name (``name_en``) on English pages — the list, its filter, the order, the
    board, the portal — and its Chinese name otherwise, or when it has no English name."""
    Category.objects.filter(code="wages").update(name_en="Wage arrears complaint")
    late, plain = _orders(world, office)
    client.force_login(office["staff"])
    english = _page(client, "en")
    assert '<div class="small text-secondary">Wage arrears complaint</div>' in _row(english, late)
    assert '<div class="small text-secondary">政策咨询</div>' in _row(english, plain)  # no English name
    assert f'<option value="{late.category_id}">Wage arrears complaint</option>' in english
    chinese = _page(client, "zh-hans")
    assert '<div class="small text-secondary">欠薪投诉</div>' in _row(chinese, late)
    client.cookies["hrbureau_language"] = "en"
    detail = client.get(f"/petitions/{late.pk}/").content.decode()
    assert "Wage arrears complaint (Complaint)" in detail
    board = client.get("/petitions/board/?by=category").content.decode()
    assert "Wage arrears complaint" in board
    portal = client.get("/petitions/mine/new/")  # staff have no portal; the citizen's form:
    assert portal.status_code == 403
    client.force_login(world.users["individual"])
    assert "Wage arrears complaint" in client.get("/petitions/mine/new/").content.decode()


def test_the_demo_categories_and_the_admin_have_english_names(world: Any, client: Any) -> None:
    from hrbureau.petitions.demo import CATEGORIES

    assert all(row[2] and row[2].isascii() for row in CATEGORIES)
    Category.objects.create(code="x-test", name="测试分类", name_en="Test category", kind="enquiry")
    client.force_login(world.users["sysadmin"])
    changelist = client.get("/admin/petitions/category/").content.decode()
    assert "Test category" in changelist
    assert 'name="name_en"' in client.get("/admin/petitions/category/add/").content.decode()
