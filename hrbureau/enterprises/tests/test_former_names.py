"""An enterprise's former names (曾用名): entered on the form, in a spreadsheet or through the API as one
text with the separators people use, kept as a list, shown on the detail page and in the edit history;
and the detail page's timeline, where each app adds what it knows of the enterprise."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from hrbureau.core import timeline
from hrbureau.core.imports.tests.test_imports import commit, upload, xlsx_bytes
from hrbureau.core.models import EditRecord
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.services import enterprise_validate


def test_former_names_are_split_on_the_separators_people_use() -> None:
    cleaned = enterprise_validate(
        {
            "uscc": "91350100M000100Y43",
            "name": "现名有限公司",
            "former_names": "甲有限公司；乙有限公司、 丙   有限公司;;  ",
        },
        check_unique=False,
    )
    assert cleaned["former_names"] == ["甲有限公司", "乙有限公司", "丙 有限公司"]
    listed = enterprise_validate(
        {"uscc": "91350100M000100Y43", "name": "现名有限公司", "former_names": ["  丁有限公司 ", ""]},
        check_unique=False,
    )
    assert listed["former_names"] == ["丁有限公司"]


def _form(world: Any, enterprise: Enterprise, **changes: str) -> dict[str, Any]:
    return {
        "uscc": enterprise.uscc,
        "name": enterprise.name,
        "status": "active",
        "street": world.units["street-a"].pk,
        "community": world.units["community-a"].pk,
        "grid": world.units["grid-a1"].pk,
        **changes,
    }


def test_the_form_keeps_former_names_and_the_history_records_them(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    enterprise = world.enterprises["a1"]
    response = client.post(
        f"/enterprises/{enterprise.pk}/edit/", _form(world, enterprise, former_names="旧名一; 旧名二")
    )
    assert response.status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.former_names == ["旧名一", "旧名二"]
    edit = client.get(f"/enterprises/{enterprise.pk}/edit/").content.decode()
    assert 'value="旧名一；旧名二"' in edit
    detail = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert "旧名一；旧名二" in detail
    record = EditRecord.objects.filter(object_id=str(enterprise.pk)).latest("id")
    assert record.changes["former_names"] == ["", "旧名一、旧名二"]


def test_former_names_come_in_from_a_spreadsheet(world: Any) -> None:
    job = upload(
        world,
        "enterprises",
        xlsx_bytes(
            ["统一社会信用代码", "企业名称", "曾用名"],
            [["91350100M000100Y43", "新名有限公司", "老名字、更老的名字"]],
        ),
    )
    job = commit(world, job)
    assert (job.created_count, job.rejected_count) == (1, 0), job.message
    assert Enterprise.objects.get(uscc="91350100M000100Y43").former_names == ["老名字", "更老的名字"]


def test_the_detail_timeline_shows_every_apps_entries_newest_first(
    world: Any, client_for: Any, monkeypatch: Any
) -> None:
    enterprise = world.enterprises["a1"]
    client = client_for("dept_staff")
    client.post(f"/enterprises/{enterprise.pk}/edit/", _form(world, enterprise, name="时间线企业有限公司"))
    seen: list[Any] = []

    def later_app(user: Any, record: Any) -> list[timeline.TimelineEntry]:
        seen.append((user, record))
        return [
            timeline.TimelineEntry(
                at=timezone.now() - dt.timedelta(days=3), title="劳动争议立案", url="/arbitration/1/"
            )
        ]

    providers = {**timeline._PROVIDERS}
    providers["enterprises.Enterprise"] = [*providers["enterprises.Enterprise"], later_app]
    monkeypatch.setattr(timeline, "_PROVIDERS", providers)
    body = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    section = body[body.index('data-testid="timeline"') :]
    assert seen == [(world.users["dept_staff"], enterprise)]  # each provider is asked with the reader
    assert '<a href="/arbitration/1/">劳动争议立案</a>' in section
    assert "修改 · " in section  # the edit, in the reader's language
    assert section.index("修改 · ") < section.index("劳动争议立案"), "the edit (today) before the older entry"
