"""The list mechanism (``core.lists``): the total (exact up to the limit, else an estimate that says so),
the page size, the pager keeping filters and size, the results part for htmx, the export's columns and
permission, and the API list's parameters from the declared filters."""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from hrbureau.core import lists
from hrbureau.core.lists import Total, list_total, rounded
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory


def _total(body: str, name: str = "enterprise") -> tuple[int, bool, str]:
    match = re.search(
        rf'data-testid="{name}-total" data-total="(\d+)" data-exact="(true|false)">([^<]*)<', body
    )
    assert match, body[:400]
    return int(match.group(1)), match.group(2) == "true", match.group(3)


def test_a_total_up_to_the_limit_is_exact(world: Any, client_for: Any) -> None:
    EnterpriseFactory.create_batch(3, street=world.units["street-a"])
    client = client_for("dept_staff")
    count, exact, text = _total(client.get("/enterprises/").content.decode())
    assert (count, exact) == (Enterprise.objects.count(), True)
    assert text == f"共 {count} 条"
    client.cookies["hrbureau_language"] = "en"
    assert _total(client.get("/enterprises/").content.decode())[2] == f"{count} records"


def test_above_the_limit_the_total_is_an_estimate_that_says_so(
    world: Any, client_for: Any, monkeypatch: Any
) -> None:
    from django.db import connection

    monkeypatch.setattr(lists, "EXACT_UP_TO", 5)
    EnterpriseFactory.create_batch(40)
    if connection.vendor == "postgresql":
        # The planner's statistics are kept outside transactions: refresh them, or an earlier test's
        # thousands of rows are what it estimates.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE enterprises_enterprise")
    client = client_for("dept_staff")
    count, exact, text = _total(client.get("/enterprises/").content.decode())
    assert not exact
    real = Enterprise.objects.count()
    assert 6 <= count <= 3 * real  # more than the limit, of the order of the real count
    assert "估算" in text
    assert "约" in text
    client.cookies["hrbureau_language"] = "en"
    assert "estimated" in _total(client.get("/enterprises/").content.decode())[2]
    # A filter that leaves few rows is counted exactly again.
    street = world.units["street-b"].pk
    count, exact, _text = _total(client.get(f"/enterprises/?street={street}").content.decode())
    assert exact
    assert count == Enterprise.objects.filter(street_id=street).count()


def test_the_postgresql_estimate_is_the_planners(world: Any, monkeypatch: Any) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's planner")
    monkeypatch.setattr(lists, "EXACT_UP_TO", 10)
    EnterpriseFactory.create_batch(60, status="active")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE enterprises_enterprise")
    total = list_total(Enterprise.objects.filter(status="active"))
    assert not total.exact
    assert 30 <= total.count <= 120


def test_the_sqlite_estimate_reads_the_newest_rows(world: Any, monkeypatch: Any) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's sample")
    monkeypatch.setattr(lists, "EXACT_UP_TO", 10)
    monkeypatch.setattr(lists, "ESTIMATE_SAMPLE", 20)
    EnterpriseFactory.create_batch(60, status="active")
    total = list_total(Enterprise.objects.filter(status="active"))
    assert not total.exact
    assert 40 <= total.count <= 90
    # An estimate is kept: the same query asked again is not counted again.
    EnterpriseFactory.create_batch(30, status="active")
    assert list_total(Enterprise.objects.filter(status="active")).count == total.count


def test_estimates_are_rounded_to_two_figures() -> None:
    assert rounded(7) == 7
    assert rounded(12_345) == 12_000
    assert rounded(2_567_890) == 2_600_000
    from django.utils import translation

    with translation.override("en"):
        assert str(Total(2_567_890, exact=False)) == "about 2,600,000 records (estimated)"
        assert str(Total(1, exact=True)) == "1 record"
    assert str(Total(2_567_890, exact=False)) == "约 2,600,000 条（估算）"


def test_page_size_is_chosen_and_kept_by_the_pager(world: Any, client_for: Any) -> None:
    EnterpriseFactory.create_batch(60, street=world.units["street-a"])
    client = client_for("dept_staff")
    body = client.get("/enterprises/").content.decode()
    assert body.count('<tr><td data-label="名称">') == 20
    assert '<option value="50">50</option>' in body
    body = client.get(f"/enterprises/?per_page=50&street={world.units['street-a'].pk}").content.decode()
    assert body.count('<tr><td data-label="名称">') == 50
    assert '<option value="50" selected>50</option>' in body
    following = re.search(r'rel="next" href="([^"]+)"', body)
    assert following
    assert "per_page=50" in following.group(1)
    assert f"street={world.units['street-a'].pk}" in following.group(1)
    # The filter panel keeps the chosen size; an unknown size falls back to the list's own.
    assert '<input type="hidden" name="per_page" value="50">' in body
    assert (
        client.get("/enterprises/?per_page=100000").content.decode().count('<tr><td data-label="名称">') == 20
    )


def test_htmx_gets_the_results_alone(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    part = client.get("/enterprises/?q=企业A1", headers={"HX-Request": "true"}).content.decode()
    assert part.lstrip().startswith('<div class="card">')
    assert "企业A1科技有限公司" in part
    assert 'data-testid="enterprise-total"' in part
    assert "<html" not in part


def test_the_search_box_searches_as_you_type(world: Any, client_for: Any) -> None:
    body = client_for("dept_staff").get("/petitions/").content.decode()
    box = re.search(r'<input type="search" name="q"[^>]*data-testid="workorder-q"[^>]*>', body)
    assert box
    assert 'hx-get="/petitions/"' in box.group(0)
    assert 'hx-target="#workorder-results"' in box.group(0)


def test_the_export_puts_its_columns_in_the_offices_order_and_needs_its_permission(
    world: Any, client_for: Any
) -> None:
    response = client_for("dept_staff").get("/accounts/org-units/?kind=street&export=xlsx")
    rows = list(
        load_workbook(BytesIO(b"".join(response.streaming_content))).active.iter_rows(values_only=True)
    )
    assert rows[0] == ("代码", "类型", "名称", "英文名称", "上级单位")
    assert {row[0] for row in rows[1:]} == {"street-a", "street-b"}
    # A street worker sees the organisation but may not take it away in a file.
    assert client_for("street_staff").get("/accounts/org-units/").status_code == 200
    assert client_for("street_staff").get("/accounts/org-units/?export=xlsx").status_code == 403


def test_a_filter_default_applies_when_the_address_names_none(world: Any, client_for: Any) -> None:
    from django.utils import timezone

    body = client_for("arbitration_clerk").get("/arbitration/appointments/desk/").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in body


@pytest.mark.parametrize(
    ("path", "names"),
    [
        (
            "/workorders",
            {
                "q",
                "state",
                "channel",
                "category",
                "unit",
                "street",
                "received_from",
                "received_to",
                "enterprise",
            },
        ),
        (
            "/disputes",
            {"q", "state", "procedure", "collective", "filed_from", "filed_to", "claim", "enterprise"},
        ),
        ("/enterprises", {"q", "street", "grid", "industry_section", "size_class", "status", "tag"}),
        ("/people", {"q", "street", "grid", "employment_status", "education"}),
        ("/org-units", {"kind"}),
    ],
)
def test_the_api_lists_take_the_declared_filters(
    world: Any, client_for: Any, path: str, names: set[str]
) -> None:
    schema = client_for("dept_staff").get("/api/v1/openapi.json").json()
    parameters = {p["name"] for p in schema["paths"][f"/api/v1{path}"]["get"]["parameters"]}
    assert parameters == names | {"cursor", "limit"}


def test_an_api_list_filters_by_a_declared_filter(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    street = world.units["street-a"].pk
    items = client.get(f"/api/v1/enterprises?street={street}&limit=200").json()["items"]
    assert items
    assert {item["street_id"] for item in items} == {street}
    assert client.get("/api/v1/disputes?collective=yes").status_code == 422  # true or false only
    assert client.get("/api/v1/workorders?received_from=0").status_code == 422  # a day as YYYY-MM-DD


def test_a_labelled_column_reads_the_label_in_the_readers_language() -> None:
    from types import SimpleNamespace

    from django.utils import translation

    from hrbureau.core.tables import labelled
    from hrbureau.personnel.records_choices import CertificationState

    value = labelled(CertificationState)  # made once, at import, as a list declares its columns
    row = SimpleNamespace(state=CertificationState.SUBMITTED)
    with translation.override("en"):
        english = value(row)
    with translation.override("zh-hans"):
        chinese = value(row)
    assert english == "Submitted"
    assert chinese != english
    assert labelled(CertificationState, "state")(SimpleNamespace(state="gone")) == "gone"
