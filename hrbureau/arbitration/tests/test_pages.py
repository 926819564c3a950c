"""The clerk's and the arbitrator's pages drive the same services: each action through its form, a bad
input answered with a message and no change, the list filtered and exported."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from hrbureau.arbitration.choices import DisputeState, DocumentKind, PartyRole, ServiceMethod
from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import accepted, applicant, file, respondent


@pytest.fixture
def client(client: Any) -> Any:
    """Pages in English, so the assertions read the English source messages."""
    client.cookies["hrbureau_language"] = "en"
    return client


def _post(client: Any, dispute: Dispute, action: str, **data: Any) -> Any:
    return client.post(f"/arbitration/{dispute.pk}/act/{action}/", data, follow=True)


def test_the_clerk_takes_a_case_from_filing_to_a_booked_hearing(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = file(world, arb, day=timezone.localdate() - dt.timedelta(days=3))
    client.force_login(arb["clerk"])
    page = client.get(f"/arbitration/{dispute.pk}/")
    assert page.status_code == 200
    assert 'data-action="accept"' in page.content.decode()
    # A day in the future is refused with a message; nothing changes.
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused = _post(client, dispute, "accept", on=tomorrow)
    assert "cannot be in the future" in refused.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.FILED
    done = _post(client, dispute, "accept")
    assert "the case is now “Accepted”" in done.content.decode()
    dispute.refresh_from_db()
    assert dispute.case_no
    # The tribunal: three arbitrators for an ordinary case.
    one = _post(client, dispute, "form_tribunal", arbitrator=arb["arbitrator"].pk)
    assert "three arbitrators" in one.content.decode()
    _post(
        client,
        dispute,
        "form_tribunal",
        arbitrator=arb["arbitrator"].pk,
        panel=[arb["arbitrator2"].pk, arb["arbitrator3"].pk],
    )
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.TRIBUNAL
    starts = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=9), dt.time(9, 30))
    _post(
        client, dispute, "schedule_hearing", room=arb["room"].pk, starts_at=starts.isoformat(), minutes="90"
    )
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.SCHEDULED
    hearing = dispute.hearings.get()
    assert timezone.localtime(hearing.ends_at) - timezone.localtime(hearing.starts_at) == dt.timedelta(
        minutes=90
    )
    # Serving the hearing notice on the respondent by post, signed for today.
    company = dispute.parties.get(role=PartyRole.RESPONDENT)
    _post(
        client,
        dispute,
        "serve",
        party=company.pk,
        document=DocumentKind.HEARING_NOTICE,
        method=ServiceMethod.POST,
        signed_on=timezone.localdate().isoformat(),
    )
    service = dispute.services.get()
    assert service.served_on == timezone.localdate()
    proof = client.get(f"/arbitration/{dispute.pk}/services/{service.pk}/proof/")
    assert service.proof_no in proof.content.decode()


def test_the_arbitrator_awards_from_the_page(world: Any, arb: dict[str, Any], client: Any) -> None:
    dispute = accepted(world, arb, migrant_wages=True)
    client.force_login(arb["arbitrator"])
    _post(client, dispute, "confirm_procedure", procedure="simplified")
    client.force_login(arb["clerk"])
    _post(client, dispute, "form_tribunal", arbitrator=arb["arbitrator"].pk)
    starts = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=7), dt.time(14))
    _post(client, dispute, "schedule_hearing", room=arb["room"].pk, starts_at=starts.isoformat())
    client.force_login(arb["arbitrator"])
    _post(client, dispute, "hold_hearing")
    claim = dispute.claims.get()
    bad = _post(client, dispute, "award", **{f"claim-{claim.pk}": "十二万"})
    assert "is not an amount" in bad.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.HEARD
    good = _post(client, dispute, "award", **{f"claim-{claim.pk}": "12000"})
    assert "Final items: 1, non-final items: 0" in good.content.decode()
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.AWARDED
    assert dispute.claims.get().final is True


def test_the_list_filters_and_exports(world: Any, arb: dict[str, Any], client: Any) -> None:
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    collective = file(world, arb, parties=[*workers, respondent(world.enterprises["b1"])])
    single = file(world, arb)
    client.force_login(arb["clerk"])
    page = client.get("/arbitration/?collective=yes").content.decode()
    assert collective.number in page
    assert single.number not in page
    by_party = client.get("/arbitration/", {"q": "工人7"}).content.decode()
    assert collective.number in by_party
    assert single.number not in by_party
    export = client.get("/arbitration/?export=xlsx")
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    numbers = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert numbers == {collective.number, single.number}
    assert client.get("/arbitration/?filed_from=2026-13-01").status_code == 200
