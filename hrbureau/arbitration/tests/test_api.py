"""The disputes API: scoped like the pages (a party sees its own cases), the claims with their final flag."""

from __future__ import annotations

from typing import Any

from hrbureau.arbitration.tests.conftest import accepted, applicant, file, respondent
from hrbureau.arbitration.tests.test_law import _to_heard


def test_the_disputes_api_is_scoped_and_shows_the_award(world: Any, arb: dict[str, Any], client: Any) -> None:
    from hrbureau.arbitration import services

    mine = accepted(world, arb)
    other = file(world, arb, parties=[applicant(world.people["b2"]), respondent(world.enterprises["b2"])])
    _to_heard(world, arb, mine)
    claim = mine.claims.get()
    services.dispute_award(actor=arb["arbitrator"], dispute=mine, awarded={claim.pk: "9000"})
    client.force_login(world.users["individual"])
    listed = client.get("/api/v1/disputes").json()
    assert [d["number"] for d in listed["items"]] == [mine.number]
    detail = client.get(f"/api/v1/disputes/{mine.pk}").json()
    assert detail["state"] == "awarded"
    assert detail["claims"] == [
        {
            "kind": "wages",
            "description": "支付拖欠工资",
            "amount_claimed": "12000.00",
            "amount_awarded": "9000.00",
            "final": True,
        }
    ]
    assert client.get(f"/api/v1/disputes/{other.pk}").status_code == 403
    client.force_login(arb["clerk"])
    staff = client.get("/api/v1/disputes", {"state": "filed"}).json()
    assert [d["number"] for d in staff["items"]] == [other.number]
    assert client.get("/api/v1/disputes", {"state": "nonsense"}).status_code == 422
