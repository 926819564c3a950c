"""The admin site speaks the bureau's language: branded (“人力资源局 后台管理”), every app and model named in
Chinese — the task queue's too —, and every column, filter and field label of every registered model
translated."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.utils import translation

CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that are the same in both languages: codes and abbreviations people use as they are.
SAME_IN_BOTH = {"ID", "USCC", "URL", "API", "IP", "SMS"}


def _untranslated(texts: list[str]) -> list[str]:
    return [t for t in texts if t and t not in SAME_IN_BOTH and not CJK.search(t)]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split()).rstrip(":：").strip()


def _columns(page: str) -> list[str]:
    if 'id="result_list"' not in page:
        return []
    table = page.split('id="result_list"', 1)[1].split("</thead>", 1)[0]
    return [
        _text(h)
        for h in re.findall(r'<th scope="col"[^>]*>(.*?)</th>', table, re.S)
        if "action-checkbox" not in h
    ]


def _filters(page: str) -> list[str]:
    return [_text(h) for h in re.findall(r"<summary>(.*?)</summary>", page, re.S)]


def _labels(page: str) -> list[str]:
    form = page.split('id="content-main"', 1)[-1]
    return [_text(h) for h in re.findall(r"<label[^>]*>(.*?)</label>", form, re.S)]


def _models() -> list[Any]:
    return sorted(admin.site._registry, key=lambda m: m._meta.label)


def test_the_site_is_branded(world: Any, client_for: Any) -> None:
    page = client_for("sysadmin").get("/admin/").content.decode()
    assert "<title>基础数据与设置 | 人力资源局 后台管理</title>" in page
    assert "人力资源局 后台管理" in page.split('id="site-name"', 1)[1].split("</div>", 1)[0]
    assert "hrbureau" not in _text(page)
    # Every app and model on the index is named in Chinese
    names = [
        _text(n)
        for n in re.findall(r'<caption>(.*?)</caption>|<th scope="row"[^>]*>(.*?)</th>', page, re.S)
        for n in n
        if n
    ]
    assert names
    assert _untranslated(names) == []


def test_the_task_queue_is_named_in_chinese(world: Any, client_for: Any) -> None:
    client = client_for("sysadmin")
    index = client.get("/admin/").content.decode()
    assert "后台任务" in index
    assert "任务队列" in index
    assert "Task Result" not in index
    assert "Tasks Database Backend" not in index
    page = client.get("/admin/django_tasks_database/dbtaskresult/").content.decode()
    assert "后台任务" in page


def _request(world: Any, path: str = "/admin/") -> Any:
    request = RequestFactory().get(path)
    request.user = world.users["sysadmin"]
    return request


def admin_texts(model: Any, world: Any) -> dict[str, list[str]]:
    """What a model's admin pages name, as Django renders it: the list's column headers, its filters'
    titles and the form's field labels (an empty list shows no header, so they are asked of the admin)."""
    from django.contrib.admin.utils import label_for_field

    model_admin = admin.site._registry[model]
    request = _request(world, f"/admin/{model._meta.app_label}/{model._meta.model_name}/")
    columns = [
        str(label_for_field(name, model, model_admin))
        for name in model_admin.get_list_display(request)
        if name != "action_checkbox"
    ]
    changelist = model_admin.get_changelist_instance(request)
    filters = [str(spec.title) for spec in changelist.filter_specs]
    labels: list[str] = []
    if model_admin.has_add_permission(request):
        form = model_admin.get_form(request, None)
        labels = [str(field.label) for field in form.base_fields.values()]
    labels += [
        str(label_for_field(name, model, model_admin))
        for name in model_admin.get_readonly_fields(request, None)
    ]
    return {"columns": columns, "filters": filters, "labels": labels}


@pytest.mark.parametrize("model", _models(), ids=lambda m: m._meta.label)
def test_every_admin_page_is_in_chinese(model: Any, world: Any, client_for: Any) -> None:
    with translation.override("zh-hans"):
        texts = admin_texts(model, world)
        assert {kind: _untranslated(found) for kind, found in texts.items()} == {
            "columns": [],
            "filters": [],
            "labels": [],
        }
    # and the pages open
    client = client_for("sysadmin")
    opts = model._meta
    assert client.get(f"/admin/{opts.app_label}/{opts.model_name}/").status_code == 200


def test_labels_end_with_a_chinese_colon(world: Any, client_for: Any) -> None:
    page = client_for("sysadmin").get("/admin/labour/checklistitem/add/").content.decode()
    labels = [_text_with_colon(h) for h in re.findall(r"<label[^>]*>(.*?)</label>", page, re.S)]
    assert "代码：" in labels
    assert not [label for label in labels if label.endswith(":")]


def _text_with_colon(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
