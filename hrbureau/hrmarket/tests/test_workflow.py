"""An HR-service agency's licence on the workflow core: every inspection, sanction, suspension,
revocation and reinstatement through the case page's core actions and the API, under the departments'
permission, refused on a case changed meanwhile or a state that does not allow it (409); each step an
event naming who took it; the page's queries do not grow with its history; the list found by licence
number or the enterprise's name through the text index, its export behind the export permission; the
events the data migration gives agencies registered before the workflow core."""

from __future__ import annotations

import datetime as dt
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from hrbureau.core.models import CaseEvent
from hrbureau.hrmarket import services
from hrbureau.hrmarket.models import EnforcementAction, HRAgency
from hrbureau.tests.casepage import grow, queries_of

LABEL = "hrmarket.hragency"


@pytest.fixture
def staff(world: Any) -> Any:
    return world.users["dept_staff"]


@pytest.fixture
def agency(world: Any, staff: Any) -> HRAgency:
    return services.agency_register(
        actor=staff,
        enterprise=world.enterprises["a1"],
        licence_no="人社许440300-0007",
        licence_kind="labour_dispatch",
        licensed_on=dt.date(2024, 1, 1),
        valid_until=dt.date(2025, 1, 1),
    )


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["hrbureau_language"] = "en"
    client.force_login(user)
    return client


def _page(agency: HRAgency, name: str) -> str:
    return f"/core/cases/{LABEL}/{agency.pk}/actions/{name}/"


def _api(agency: HRAgency, name: str) -> str:
    return f"/api/v1/hr-agencies/{agency.pk}/actions/{name}"


def test_the_licence_steps_on_the_page_and_their_events(world: Any, staff: Any, agency: HRAgency) -> None:
    client = _client(staff)
    page = client.get(agency.get_absolute_url()).content.decode()
    assert _page(agency, "suspend") in page
    assert _page(agency, "reinstate") not in page  # not suspended
    today = timezone.localdate().isoformat()
    client.post(
        _page(agency, "enforce"),
        {"kind": "fine", "taken_on": today, "amount": "5000", "description": "发布虚假招聘信息"},
    )
    assert EnforcementAction.objects.get().amount == 5000
    agency.refresh_from_db()
    client.post(
        _page(agency, "suspend"), {"taken_on": today, "description": "超范围经营", "version": agency.version}
    )
    agency.refresh_from_db()
    assert agency.state == "suspended"
    client.post(_page(agency, "reinstate"), {"reason": "已整改", "version": agency.version})
    agency.refresh_from_db()
    assert agency.state == "licensed"
    client.post(_page(agency, "revoke"), {"taken_on": today, "description": "情节严重"})
    agency.refresh_from_db()
    assert agency.state == "revoked"
    assert list(EnforcementAction.objects.order_by("id").values_list("kind", flat=True)) == [
        "fine",
        "suspension",
        "revocation",
    ]
    events = CaseEvent.objects.filter(case_type=LABEL, case_id=agency.pk).order_by("id")
    assert [(e.name, e.from_state, e.to_state, e.actor_id) for e in events] == [
        ("create", "", "licensed", staff.pk),
        ("enforce", "licensed", "licensed", staff.pk),
        ("suspend", "licensed", "suspended", staff.pk),
        ("reinstate", "suspended", "licensed", staff.pk),
        ("revoke", "licensed", "revoked", staff.pk),
    ]
    timeline = client.get(agency.get_absolute_url()).content.decode().split('data-testid="case-timeline"')[1]
    assert "Revoke the licence → Licence revoked" in timeline
    assert staff.get_full_name() in timeline


def test_the_api_under_the_same_checks(world: Any, staff: Any, agency: HRAgency) -> None:
    client = _client(staff)
    seen = agency.version
    done = client.post(
        _api(agency, "suspend"),
        data={"description": "超范围经营", "version": seen},
        content_type="application/json",
    )
    assert done.status_code == 200, done.content
    assert done.json()["state"] == "suspended"
    stale = client.post(
        _api(agency, "reinstate"), data={"reason": "已整改", "version": seen}, content_type="application/json"
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "changed_meanwhile"
    again = client.post(_api(agency, "suspend"), data={"description": "x"}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "not_possible"
    no_reason = client.post(_api(agency, "reinstate"), data={}, content_type="application/json")
    assert no_reason.status_code == 422
    # Leadership reads the register but takes no step; street staff do not even see it.
    for user in (world.users["leader"], world.users["street_staff"]):
        refused = _client(user).post(
            _api(agency, "reinstate"), data={"reason": "x"}, content_type="application/json"
        )
        assert refused.status_code in (403, 404)
        assert _client(user).post(_page(agency, "reinstate"), {"reason": "x"}).status_code == 403
    agency.refresh_from_db()
    assert agency.state == "suspended"


def test_the_agency_page_does_not_grow_with_its_history(staff: Any, agency: HRAgency) -> None:
    url = agency.get_absolute_url()
    before = queries_of(staff, url)
    grow(agency, 200, staff)
    assert queries_of(staff, url) == before


def test_the_list_searches_filters_and_exports(world: Any, staff: Any, agency: HRAgency) -> None:
    client = _client(staff)
    by_licence = client.get("/hrmarket/agencies/", {"q": "440300-0007"}).content.decode()
    assert 'data-testid="agency-total" data-total="1"' in by_licence
    by_name = client.get("/hrmarket/agencies/", {"q": world.enterprises["a1"].name[1:4]}).content.decode()
    assert 'data-testid="agency-total" data-total="1"' in by_name
    nothing = client.get("/hrmarket/agencies/", {"q": "没有这家机构"}).content.decode()
    assert 'data-testid="agency-total" data-total="0"' in nothing
    expired = client.get("/hrmarket/agencies/", {"expired": "1"}).content.decode()
    assert 'data-testid="agency-total" data-total="1"' in expired
    revoked = client.get("/hrmarket/agencies/", {"status": "revoked"}).content.decode()
    assert 'data-testid="agency-total" data-total="0"' in revoked
    assert client.get("/hrmarket/agencies/", {"export": "xlsx"}).status_code == 200
    # Reading the register is not exporting it: a role with sight but not the export permission.
    from hrbureau.core.permissions import REGISTRY

    assert "hrmarket.export_agency" in REGISTRY
    assert (
        _client(world.users["street_staff"]).get("/hrmarket/agencies/", {"export": "xlsx"}).status_code == 403
    )


def test_agencies_registered_before_the_workflow_get_their_known_steps(world: Any, staff: Any) -> None:
    old = HRAgency.objects.create(
        enterprise=world.enterprises["a2"],
        licence_no="OLD-1",
        licence_kind="hr_service",
        licensed_on=dt.date(2020, 1, 1),
        state="revoked",
    )
    for kind, day in (("suspension", dt.date(2021, 1, 1)), ("revocation", dt.date(2022, 1, 1))):
        EnforcementAction.objects.create(
            agency=old, kind=kind, taken_on=day, description=kind, recorded_by=staff
        )
    migration = importlib.import_module("hrbureau.hrmarket.migrations.0004_agency_events")
    migration.forward(apps, None)
    migration.forward(apps, None)  # again: nothing doubled
    events = CaseEvent.objects.filter(case_type=LABEL, case_id=old.pk).order_by("id")
    assert [(e.name, e.to_state, e.actor_id) for e in events] == [
        ("create", "licensed", None),
        ("suspend", "suspended", staff.pk),
        ("revoke", "revoked", staff.pk),
    ]
