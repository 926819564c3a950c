"""The enterprise list and the list API show each row's tags (fetched once per page), the filter offers
the current tags in the reader's language, and the filter's options are escaped."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction

from hrbureau.enterprises.models import EnterpriseTag
from hrbureau.enterprises.tests.factories import EnterpriseFactory


def _row(body: str, name: str) -> str:
    match = re.search(rf"<tr>(?:(?!</tr>).)*{re.escape(name)}(?:(?!</tr>).)*</tr>", body, re.S)
    assert match, f"no row for {name}"
    return match.group(0)


def test_each_row_shows_its_own_tags_by_code_in_the_page_language(world: Any, client_for: Any) -> None:
    key = EnterpriseTag.objects.create(code="t-key", name="重点企业", name_en="Key enterprise")
    giant = EnterpriseTag.objects.create(code="s-giant", name="专精特新", name_en="Little giant")
    both = EnterpriseFactory(name="两个标签有限公司", street=world.units["street-a"])
    both.tags.set([key, giant])
    EnterpriseFactory(name="没有标签有限公司", street=world.units["street-a"]).tags.set([])
    client = client_for("dept_staff")
    body = client.get("/enterprises/").content.decode()
    row = _row(body, "两个标签有限公司")
    assert row.index("专精特新") < row.index("重点企业")  # ordered by code: s-giant, t-key
    assert "badge bg-blue-lt" not in _row(body, "没有标签有限公司")
    client.cookies["hrbureau_language"] = "en"
    row = _row(client.get("/enterprises/").content.decode(), "两个标签有限公司")
    assert row.index("Little giant") < row.index("Key enterprise")


def test_the_list_api_gives_each_item_its_tag_codes(world: Any, client_for: Any) -> None:
    key = EnterpriseTag.objects.create(code="t-key", name="重点企业")
    giant = EnterpriseTag.objects.create(code="s-giant", name="专精特新")
    tagged = EnterpriseFactory(street=world.units["street-a"])
    tagged.tags.set([key, giant])
    response = client_for("dept_staff").get("/api/v1/enterprises?limit=200")
    assert response.status_code == 200
    items = {item["uscc"]: item["tags"] for item in response.json()["items"]}
    assert items[tagged.uscc] == ["s-giant", "t-key"]
    assert items[world.enterprises["a1"].uscc] == []
    detail = client_for("dept_staff").get(f"/api/v1/enterprises/{tagged.pk}").json()
    assert sorted(detail["tags"]) == ["s-giant", "t-key"]


def test_the_tag_filter_follows_new_and_renamed_tags(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    assert "创新驿站" not in client.get("/enterprises/").content.decode()
    tag = EnterpriseTag.objects.create(code="postdoc", name="创新驿站")
    assert '<option value="postdoc">创新驿站</option>' in client.get("/enterprises/").content.decode()
    tag.name = "博士后创新基地"
    tag.save()
    body = client.get("/enterprises/").content.decode()
    assert '<option value="postdoc">博士后创新基地</option>' in body
    tag.delete()
    assert 'value="postdoc"' not in client.get("/enterprises/").content.decode()


def test_filter_options_are_escaped(world: Any, client_for: Any) -> None:
    EnterpriseTag.objects.create(code="odd", name='<b>"加粗"</b>')
    body = client_for("dept_staff").get("/enterprises/?tag=odd").content.decode()
    assert '<option value="odd" selected>&lt;b&gt;&quot;加粗&quot;&lt;/b&gt;</option>' in body
    assert "<b>" not in body


@pytest.mark.django_db(transaction=True)
def test_a_tag_list_built_before_the_tag_was_committed_is_rebuilt_after() -> None:
    from hrbureau.core.choicecache import cached_choices
    from hrbureau.enterprises.selectors import TAG_CHOICES, tag_choices

    with transaction.atomic():
        EnterpriseTag.objects.create(code="race", name="竞态标签")
        # Meanwhile another process builds the list from what is committed so far: without the tag.
        assert cached_choices(TAG_CHOICES, lambda: []) == []
    assert ("race", "竞态标签") in tag_choices()


def test_the_export_lists_each_row_s_tags(world: Any, client_for: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    tagged = EnterpriseFactory(name="导出标签有限公司", street=world.units["street-a"])
    tagged.tags.set(
        [
            EnterpriseTag.objects.create(code="t-key", name="重点企业"),
            EnterpriseTag.objects.create(code="s-giant", name="专精特新"),
        ]
    )
    response = client_for("dept_staff").get("/enterprises/?export=xlsx")
    rows = list(
        load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    exported = {row[1]: row[-1] for row in rows[1:]}
    assert exported["导出标签有限公司"] == "专精特新、重点企业"
    assert exported["企业A1科技有限公司"] in ("", None)


def test_rows_show_the_street_size_and_status_in_the_page_language(world: Any, client_for: Any) -> None:
    from hrbureau.accounts.models import OrgUnit

    street = world.units["street-a"]
    OrgUnit.objects.filter(pk=street.pk).update(name_en="Donghu Subdistrict")
    # A street since closed is no longer offered as a filter, but its enterprises still name it.
    closed = OrgUnit.objects.create(
        kind=street.kind,
        code="street-closed",
        name="旧城街道",
        name_en="Old Town",
        parent=street.parent,
        is_active=False,
    )
    from hrbureau.core.choicecache import choices_changed

    choices_changed("orgunits")
    EnterpriseFactory(name="东湖小型有限公司", street=street, size_class="small", status="active")
    EnterpriseFactory(name="旧城注销有限公司", street=closed, size_class="", status="deregistered")
    client = client_for("dept_staff")
    body = client.get("/enterprises/").content.decode()
    row = _row(body, "东湖小型有限公司")
    assert "东湖街道" in row
    assert "小型" in row
    assert "bg-green-lt" in row
    row = _row(body, "旧城注销有限公司")
    assert "旧城街道" in row
    assert "注销" in row
    assert "bg-orange-lt" in row
    assert ">—<" in row
    client.cookies["hrbureau_language"] = "en"
    body = client.get("/enterprises/").content.decode()
    row = _row(body, "东湖小型有限公司")
    assert "Donghu Subdistrict" in row
    assert "Small" in row
    assert 'data-label="Street"' in row
    row = _row(body, "旧城注销有限公司")
    assert "Old Town" in row
    assert "Deregistered" in row


def test_a_row_escapes_the_name_and_links_to_the_enterprise(world: Any, client_for: Any) -> None:
    odd = EnterpriseFactory(name='<script>"坏"</script>有限公司', street=world.units["street-a"])
    body = client_for("dept_staff").get("/enterprises/").content.decode()
    assert f'<a href="/enterprises/{odd.pk}/">&lt;script&gt;&quot;坏&quot;&lt;/script&gt;有限公司</a>' in body
    assert '<script>"坏"' not in body


def test_the_filter_selects_show_each_request_its_own_selection_and_language(
    world: Any, client_for: Any
) -> None:
    client = client_for("dept_staff")
    street = world.units["street-a"]
    for status, other in (("active", "revoked"), ("revoked", "active"), ("active", "revoked")):
        body = client.get(f"/enterprises/?status={status}&street={street.pk}").content.decode()
        assert f'<option value="{status}" selected>' in body
        assert f'<option value="{other}">' in body
        assert f'<option value="{street.pk}" selected>东湖街道</option>' in body
    client.cookies["hrbureau_language"] = "en"
    body = client.get("/enterprises/?status=revoked").content.decode()
    assert '<option value="revoked" selected>Licence revoked</option>' in body
    assert '<option value="">All statuses</option>' in body
