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
    assert "博士后工作站" not in client.get("/enterprises/").content.decode()
    tag = EnterpriseTag.objects.create(code="postdoc", name="博士后工作站")
    assert '<option value="postdoc">博士后工作站</option>' in client.get("/enterprises/").content.decode()
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
