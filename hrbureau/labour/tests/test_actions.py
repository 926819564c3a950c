"""Acting on a labour risk through core's actions (DESIGN.md mechanism 10): every step of the risk's
workflow from its page (the form its transition declares) and through the API
(``POST /api/v1/labour-risks/<id>/actions/<name>``), under the same permissions, scope and guards."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hrbureau.core.models import CaseEvent
from hrbureau.labour import services
from hrbureau.labour.choices import RiskState
from hrbureau.labour.models import Risk
from hrbureau.labour.tests.conftest import record
from hrbureau.tests.casepage import grow, queries_of

pytestmark = pytest.mark.django_db


def _page(risk: Risk, name: str) -> str:
    return f"/core/cases/labour.risk/{risk.pk}/actions/{name}/"


def _api(risk: Risk, name: str) -> str:
    return f"/api/v1/labour-risks/{risk.pk}/actions/{name}"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["hrbureau_language"] = "en"
    return client


def _events(risk: Risk) -> list[str]:
    return list(
        CaseEvent.objects.filter(case_type="labour.risk", case_id=risk.pk)
        .order_by("id")
        .values_list("name", flat=True)
    )


@pytest.fixture
def risk(world: Any, lab: dict[str, Any]) -> Risk:
    return record(world, lab, on=timezone.localdate() - dt.timedelta(days=3))  # type: ignore[no-any-return]


def test_each_step_from_the_page_through_its_declared_form(
    world: Any, lab: dict[str, Any], risk: Risk
) -> None:
    street, staff = _client(lab["street"]), _client(lab["staff"])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    # Given the street's staff on the risk's page: assigning is the next step, verifying is not theirs.
    page = street.get(f"/labour/risks/{risk.pk}/").content.decode()
    assert 'data-testid="case-actions"' in page
    assert 'data-action="assign"' in page
    assert 'data-action="verify"' not in page
    # When they assign it (the day given), take it up and resolve it
    done = street.post(
        _page(risk, "assign"),
        {"unit": world.units["street-a"].pk, "on": yesterday.isoformat(), "version": risk.version},
    )
    assert done.status_code == 302
    assert done["Location"] == f"/labour/risks/{risk.pk}/"
    assert street.post(_page(risk, "take_up"), {}).status_code == 302
    # (a day to come is refused inside the form)
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused = street.post(_page(risk, "resolve"), {"resolution": "已补发", "on": future})
    assert refused.status_code == 200
    assert "has not come yet" in refused.content.decode()
    assert street.post(_page(risk, "resolve"), {"resolution": "已补发"}).status_code == 302
    # Then the department sends it back once, with a reason, and verifies the second resolution
    assert staff.post(_page(risk, "reject"), {"reason": "工资未足额"}).status_code == 302
    risk.refresh_from_db()
    assert (risk.state, risk.assigned_unit) == (RiskState.RESOLVING, world.units["street-a"])
    street.post(_page(risk, "resolve"), {"resolution": "已足额补发"})
    assert staff.post(_page(risk, "verify"), {}).status_code == 302
    risk.refresh_from_db()
    assert risk.state == RiskState.VERIFIED
    assert risk.resolution == "已足额补发"
    assert _events(risk) == ["create", "assign", "take_up", "resolve", "reject", "resolve", "verify"]
    assign = CaseEvent.objects.get(case_type="labour.risk", case_id=risk.pk, name="assign")
    assert assign.data["on"] == yesterday.isoformat()
    assert assign.actor == lab["street"]


def test_escalation_from_the_page_asks_for_a_reason(world: Any, lab: dict[str, Any], risk: Risk) -> None:
    grid = _client(lab["grid"])
    form = grid.get(_page(risk, "escalate")).content.decode()
    assert 'name="reason"' in form
    assert 'name="on"' in form
    assert grid.post(_page(risk, "escalate"), {"reason": ""}).status_code == 200
    assert grid.post(_page(risk, "escalate"), {"reason": "工人聚集"}).status_code == 302
    risk.refresh_from_db()
    assert risk.escalated
    # Escalated once: not offered again.
    assert 'data-action="escalate"' not in grid.get(f"/labour/risks/{risk.pk}/").content.decode()


def test_the_page_refuses_without_the_permission_or_outside_the_scope(
    world: Any, lab: dict[str, Any], risk: Risk
) -> None:
    # Leadership reads the risk but does not act on it.
    assert _client(world.users["leader"]).post(_page(risk, "escalate"), {"reason": "x"}).status_code == 403
    # Street B's staff may assign risks, but not street A's.
    assert _client(lab["street_b"]).post(_page(risk, "take_up"), {}).status_code == 403
    assert _events(risk) == ["create"]


def test_a_stale_version_from_the_page_changes_nothing(world: Any, lab: dict[str, Any], risk: Risk) -> None:
    seen = risk.version
    services.risk_assign(actor=lab["street"], risk=risk, unit=world.units["street-a"])
    response = _client(lab["street"]).post(
        _page(risk, "assign"), {"unit": world.units["street-b"].pk, "version": seen}
    )
    assert response.status_code == 200
    assert "changed by someone else meanwhile" in response.content.decode()
    risk.refresh_from_db()
    assert risk.assigned_unit == world.units["street-a"]


def test_every_step_through_the_api(world: Any, lab: dict[str, Any], risk: Risk) -> None:
    street, staff = _client(lab["street"]), _client(lab["staff"])

    def post(client: Client, name: str, **data: Any) -> Any:
        return client.post(_api(risk, name), data=data, content_type="application/json")

    assert post(street, "assign").status_code == 422  # no unit
    done = post(street, "assign", unit=world.units["street-a"].pk, version=risk.version)
    assert done.status_code == 200, done.content
    assert done.json()["state"] == RiskState.ASSIGNED
    assert post(street, "take_up").status_code == 200
    assert post(street, "resolve", resolution="已补发").json()["state"] == RiskState.RESOLVED
    # The resolver may not verify (the guard), the department may.
    refused = post(street, "verify")
    assert refused.status_code in (403, 409)
    assert post(staff, "verify").json()["state"] == RiskState.VERIFIED
    # The same step again: 409, nothing done.
    again = post(staff, "verify")
    assert again.status_code == 409
    assert again.json()["code"] == "not_possible"
    assert _events(risk) == ["create", "assign", "take_up", "resolve", "verify"]


def test_the_api_refuses_a_stale_version_without_permission_or_out_of_scope(
    world: Any, lab: dict[str, Any], risk: Risk
) -> None:
    seen = risk.version
    services.risk_escalate(actor=lab["grid"], risk=risk, reason="工人聚集")
    stale = _client(lab["street"]).post(
        _api(risk, "assign"),
        data={"unit": world.units["street-a"].pk, "version": seen},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["code"] == "changed_meanwhile"
    leader = _client(world.users["leader"]).post(
        _api(risk, "take_up"), data={}, content_type="application/json"
    )
    assert leader.status_code == 403
    other_street = _client(lab["street_b"]).post(
        _api(risk, "assign"), data={"unit": world.units["street-b"].pk}, content_type="application/json"
    )
    assert other_street.status_code in (403, 404)
    assert _events(risk) == ["create", "escalate"]


def test_the_risk_page_does_not_grow_with_its_history(world: Any, lab: dict[str, Any], risk: Risk) -> None:
    url = f"/labour/risks/{risk.pk}/"
    before = (queries_of(lab["street"], url), queries_of(lab["staff"], url))
    grow(risk, 200, lab["staff"])
    after = (queries_of(lab["street"], url), queries_of(lab["staff"], url))
    assert after == before
