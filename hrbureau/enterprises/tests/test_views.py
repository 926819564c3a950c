"""Enterprise pages: search, filters, export with codes as text, detail with history, edit, query counts."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from openpyxl import load_workbook

from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory


def test_search_by_a_two_character_fragment_and_by_code(world: Any, client_for: Any) -> None:
    EnterpriseFactory(name="深圳市东湖精密电子有限公司", street=world.units["street-a"])
    client = client_for("dept_staff")
    body = client.get("/enterprises/?q=东湖").content.decode()
    assert "深圳市东湖精密电子有限公司" in body
    assert "企业A1科技有限公司" not in body
    code = world.enterprises["b2"].uscc
    body = client.get(f"/enterprises/?q={code[2:10].lower()}").content.decode()
    assert "企业B2科技有限公司" in body


def test_filters_and_scope_combine(world: Any, client_for: Any) -> None:
    body = (
        client_for("street_staff").get(f"/enterprises/?street={world.units['street-b'].pk}").content.decode()
    )
    assert "企业B1科技有限公司" not in body  # another street stays invisible, filter or not
    assert "没有符合条件的企业" in body


def test_export_writes_codes_as_text_and_only_the_visible_rows(world: Any, client_for: Any) -> None:
    response = client_for("street_staff").get("/enterprises/?export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "统一社会信用代码"
    assert {r[1] for r in rows[1:]} == {"企业A1科技有限公司", "企业A2科技有限公司"}
    assert sheet.cell(row=2, column=1).data_type == "s"
    assert sheet.cell(row=2, column=1).number_format == "@"


def test_the_list_costs_the_same_queries_for_20_and_200_rows(
    world: Any, client_for: Any, django_assert_num_queries: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("dept_staff")
    client.get("/enterprises/")  # warm up session and caches

    def count(n: int) -> int:
        EnterpriseFactory.create_batch(n)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/enterprises/").status_code == 200
        return len(queries)

    assert count(20) == count(200)


def test_detail_records_the_visit_and_shows_history(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    enterprise = world.enterprises["a1"]
    response = client.post(
        f"/enterprises/{enterprise.pk}/edit/",
        {
            "uscc": enterprise.uscc,
            "name": "改名后的企业",
            "status": "active",
            "employees": "51",
            "street": world.units["street-a"].pk,
            "grid": world.units["grid-a1"].pk,
            "community": world.units["community-a"].pk,
        },
    )
    assert response.status_code == 302
    body = client.get(f"/enterprises/{enterprise.pk}/").content.decode()
    assert "改名后的企业" in body
    assert "企业A1科技有限公司" in body  # the old name, in the edit history
    workbench = client.get("/workbench/").content.decode()
    assert "改名后的企业" in workbench  # recent items


def test_the_edit_form_shows_translated_errors_and_saves_nothing(world: Any, client_for: Any) -> None:
    enterprise = world.enterprises["a1"]
    response = client_for("dept_staff").post(
        f"/enterprises/{enterprise.pk}/edit/", {"uscc": "91350100M000100Y44", "name": "x", "status": "active"}
    )
    assert response.status_code == 200
    assert "校验码应为 3，而不是 4" in response.content.decode()
    assert Enterprise.objects.get(pk=enterprise.pk).name == "企业A1科技有限公司"


def test_register_a_new_enterprise(world: Any, client_for: Any) -> None:
    response = client_for("street_staff").post(
        "/enterprises/new/",
        {
            "uscc": "91350100M000100Y43",
            "name": "新登记企业",
            "status": "active",
            "street": world.units["street-a"].pk,
        },
    )
    assert response.status_code == 302
    assert Enterprise.objects.get(uscc="91350100M000100Y43").street == world.units["street-a"]


def test_an_invalid_filter_shows_its_error_and_no_rows(world: Any, client_for: Any) -> None:
    body = client_for("dept_staff").get("/enterprises/?street=999999").content.decode()
    assert 'data-testid="filter-errors"' in body
    assert "企业A1科技有限公司" not in body


def test_unit_choices_follow_changes_to_the_tree(
    world: Any, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.services import orgunit_create

    client = client_for("dept_staff")
    assert "新设街道" not in client.get("/enterprises/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        orgunit_create(
            kind=OrgUnitKind.STREET, code="street-new", name="新设街道", parent=world.units["district"]
        )
    assert "新设街道" in client.get("/enterprises/").content.decode()
