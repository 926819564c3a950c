"""Labour-demand lists (用工需求清单): an enterprise records and sees only its own; staff their area;
hires fill a demand step by step; the open demand by industry and street; coverage and fill rate."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hrbureau.core import figures
from hrbureau.enterprises import plan_selectors as sel
from hrbureau.enterprises import plan_services as svc
from hrbureau.enterprises.models import LabourDemand
from hrbureau.enterprises.plan_lists import LABOUR_DEMANDS
from hrbureau.enterprises.tests.plan_data import plan_data


def test_an_enterprise_records_its_own_need_on_the_portal(world: Any, client_for: Any) -> None:
    plan_data(world)
    client = client_for("enterprise")
    response = client.post(
        "/enterprises/mine/labour-needs/new/",
        {
            "post": "电工",
            "headcount": "3",
            "education": "high_school",
            "wage_min": "6000",
            "wage_max": "8000.50",
        },
    )
    assert response.status_code == 302
    demand = LabourDemand.objects.get(post="电工")
    assert (demand.enterprise, demand.on_portal, demand.state) == (world.enterprises["a1"], True, "open")
    assert demand.wage_max == Decimal("8000.50")
    body = client.get("/enterprises/mine/labour-needs/").content.decode()
    assert "电工" in body
    assert "数控车工" in body
    assert "仓库管理员" not in body


def test_an_enterprise_changes_only_its_own_needs(world: Any, client_for: Any) -> None:
    data = plan_data(world)
    client = client_for("enterprise")
    assert client.get(f"/enterprises/mine/labour-needs/{data['demand_b1'].pk}/edit/").status_code == 403
    response = client.post(
        f"/enterprises/mine/labour-needs/{data['demand_a1'].pk}/edit/",
        {"post": "数控车工", "headcount": "8", "education": "any"},
    )
    assert response.status_code == 302
    data["demand_a1"].refresh_from_db()
    assert data["demand_a1"].headcount == 8
    with pytest.raises(PermissionDenied):
        svc.labour_demand_record(
            actor=world.users["enterprise"],
            enterprise=world.enterprises["b1"],
            data={"post": "x", "headcount": 1},
        )


def test_staff_see_their_area(world: Any) -> None:
    plan_data(world)
    street = {d.post for d in LabourDemand.objects.for_user(world.users["street_staff"])}
    district = {d.post for d in LabourDemand.objects.for_user(world.users["dept_head"])}
    assert street == {"数控车工"}
    assert district == {"数控车工", "仓库管理员"}
    # The staff list's permission is not the enterprise's: its own records reach it on the portal only.
    assert not LabourDemand.objects.for_user(world.users["enterprise"]).exists()
    with pytest.raises(PermissionDenied):
        svc.labour_demand_record(
            actor=world.users["street_staff"],
            enterprise=world.enterprises["b1"],
            data={"post": "x", "headcount": 1},
        )


def test_hires_fill_a_demand_step_by_step(world: Any) -> None:
    demand = plan_data(world)["demand_a1"]  # 5 needed
    staff = world.users["street_staff"]
    svc.demand_hires_record(actor=staff, demand=demand, hires=2, note="专场招聘会")
    demand.refresh_from_db()
    assert (demand.state, demand.filled) == ("partly_filled", 2)
    with pytest.raises(ValidationError):  # more than are still needed
        svc.demand_hires_record(actor=staff, demand=demand, hires=4)
    svc.demand_hires_record(actor=staff, demand=demand, hires=3)
    demand.refresh_from_db()
    assert (demand.state, demand.filled) == ("filled", 5)


def test_a_headcount_cannot_shrink_to_the_hires(world: Any) -> None:
    demand = plan_data(world)["demand_a1"]
    svc.demand_hires_record(actor=world.users["dept_staff"], demand=demand, hires=2)
    demand.refresh_from_db()
    with pytest.raises(ValidationError):
        svc.labour_demand_update(
            actor=world.users["enterprise"], demand=demand, data={"post": "数控车工", "headcount": 2}
        )


def test_a_wage_range_runs_upwards(world: Any) -> None:
    plan_data(world)
    with pytest.raises(ValidationError):
        svc.labour_demand_record(
            actor=world.users["dept_staff"],
            enterprise=world.enterprises["a1"],
            data={"post": "焊工", "headcount": 1, "wage_min": Decimal("9000"), "wage_max": Decimal("7000")},
        )


def test_fill_rate_and_key_coverage(world: Any) -> None:
    data = plan_data(world)  # A1: 5 needed, B1: 2; key enterprises A1, A2, B1
    staff, reader = world.users["dept_staff"], world.users["dept_head"]
    svc.demand_hires_record(actor=staff, demand=data["demand_a1"], hires=3)
    withdrawn = svc.labour_demand_record(
        actor=staff, enterprise=world.enterprises["a2"], data={"post": "保洁", "headcount": 10}
    )
    svc.demand_withdraw(actor=staff, demand=withdrawn, reason="企业取消招聘")
    # Withdrawn demands count for neither coverage nor the fill rate: 3 of 7.
    assert figures.get("enterprises.key_with_demand").count(reader) == 2
    assert sel.fill_totals(sel.demands_counted(reader)) == (3, 7)
    assert figures.get("enterprises.labour_fill_rate").count(reader) == 43
    a = world.units["street-a"].pk
    assert figures.get("enterprises.labour_fill_rate").by_street(reader)[a] == 60


def test_open_demand_by_industry_and_street(world: Any) -> None:
    data = plan_data(world)
    svc.demand_hires_record(actor=world.users["dept_staff"], demand=data["demand_a1"], hires=1)
    table = sel.open_demand_table(LabourDemand.objects.for_user(world.users["dept_head"]))
    assert [name for _, name in table["streets"]] == sorted(["东湖街道", "西岭街道"])
    assert table["total"] == 4 + 2
    assert len(table["rows"]) == 1  # both enterprises make things (section C)


def test_list_filters_and_summary_page(world: Any, client_for: Any) -> None:
    plan_data(world)
    svc.labour_demand_record(
        actor=world.users["dept_staff"],
        enterprise=world.enterprises["b2"],
        data={"post": "叉车司机", "headcount": 1},
    )
    reader = world.users["dept_head"]

    def posts(**values: Any) -> set[str]:
        return {d.post for d in LABOUR_DEMANDS.queryset(user=reader, values=values)}

    assert posts(key=True) == {"数控车工", "仓库管理员"}
    assert posts(key=False) == {"叉车司机"}
    assert posts(street=world.units["street-b"].pk) == {"仓库管理员", "叉车司机"}
    page = client_for("dept_head").get("/enterprises/labour-demand/?q=车工")
    body = page.content.decode()
    assert "labour-demand-summary" in body
    assert "数控车工" in body
    assert "叉车司机" not in body


def test_staff_record_a_demand_by_the_enterprises_code(world: Any, client_for: Any) -> None:
    plan_data(world)
    client = client_for("street_staff")
    b1 = world.enterprises["b1"]
    refused = client.post(
        "/enterprises/labour-demand/new/",
        {"uscc": b1.uscc, "post": "x", "headcount": "1", "education": "any"},
    )
    assert refused.status_code == 200
    assert not LabourDemand.objects.filter(post="x").exists()
    a2 = world.enterprises["a2"]
    done = client.post(
        "/enterprises/labour-demand/new/",
        {"uscc": a2.uscc, "post": "质检员", "headcount": "2", "education": "any"},
    )
    assert done.status_code == 302
    assert LabourDemand.objects.get(post="质检员").on_portal is False
