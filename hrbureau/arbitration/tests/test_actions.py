"""Acting on a dispute through core's actions: the forms declared on its transitions (several
arbitrators by touch, a field per claim, the day of the act), a party's own records only, and the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hrbureau.arbitration import services
from hrbureau.arbitration.choices import DisputeState, DocumentKind, PartyRole, ServiceMethod
from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import accepted
from hrbureau.core.models import CaseEvent

pytestmark = pytest.mark.django_db


def _url(dispute: Dispute, name: str) -> str:
    return f"/core/cases/arbitration.dispute/{dispute.pk}/actions/{name}/"


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["hrbureau_language"] = "en"
    return client


def test_the_tribunal_is_chosen_from_checkboxes_that_a_phone_can_tick(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb)
    html = _client(arb["clerk"]).get(_url(dispute, "form_tribunal")).content.decode()
    # No <select multiple> (Ctrl-click): a checkbox per arbitrator, with the filter box's words.
    assert "multiple" not in html
    assert html.count('type="checkbox" name="panel"') == 3
    assert 'data-choice-filter="Find an arbitrator"' in html
    response = _client(arb["clerk"]).post(
        _url(dispute, "form_tribunal"),
        {"arbitrator": arb["arbitrator"].pk, "panel": [arb["arbitrator2"].pk, arb["arbitrator3"].pk]},
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == DisputeState.TRIBUNAL
    assert set(dispute.panel.all()) == {arb["arbitrator2"], arb["arbitrator3"]}


def test_the_day_of_the_act_is_today_unless_an_earlier_day_is_given(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    client = _client(arb["arbitrator"])
    form = client.get(_url(dispute, "suspend")).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in form  # today, labelled, not an empty box
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    refused = client.post(_url(dispute, "suspend"), {"on": tomorrow, "reason": "等待鉴定"})
    assert "This day has not come yet" in refused.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.ACCEPTED
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    client.post(_url(dispute, "suspend"), {"on": yesterday.isoformat(), "reason": "等待鉴定"})
    event = CaseEvent.objects.filter(case_type="arbitration.dispute", case_id=dispute.pk).last()
    assert event is not None
    assert event.name == "suspend"
    assert event.data["on"] == yesterday.isoformat()


def test_a_party_acts_only_on_its_own_records_of_the_case(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    company = dispute.parties.get(role=PartyRole.RESPONDENT)
    service = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=company,
        document=DocumentKind.ACCEPTANCE_NOTICE,
        method=ServiceMethod.ELECTRONIC,
    )
    worker = _client(world.users["individual"])  # the applicant
    # The form offers the worker only the worker's own party …
    form = worker.get(_url(dispute, "e_service")).content.decode()
    assert f'<option value="{company.pk}"' not in form
    # … and the respondent's party, or a document served on it, sent anyway, is refused (403, audited).
    assert worker.post(_url(dispute, "e_service"), {"party": company.pk, "consent": "no"}).status_code == 403
    assert worker.post(_url(dispute, "sign_document"), {"service": service.pk}).status_code == 403
    company.refresh_from_db()
    service.refresh_from_db()
    assert company.accepts_electronic_service
    assert service.signed_at is None
    # A value that is no record of the case at all is an ordinary mistake, said in the form.
    mistake = worker.post(_url(dispute, "sign_document"), {"service": 999999})
    assert mistake.status_code == 200


def test_the_award_says_which_items_are_final(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb, migrant_wages=True)
    services.dispute_confirm_procedure(actor=arb["arbitrator"], dispute=dispute, procedure="simplified")
    services.dispute_form_tribunal(actor=arb["clerk"], dispute=dispute, arbitrator=arb["arbitrator"])
    starts = timezone.make_aware(dt.datetime.combine(timezone.localdate() + dt.timedelta(days=7), dt.time(9)))
    services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room"],
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
    )
    services.dispute_hold_hearing(actor=arb["arbitrator"], dispute=dispute)
    claim = dispute.claims.get()
    client = _client(arb["arbitrator"])
    form = client.get(_url(dispute, "award")).content.decode()
    assert f'name="claim-{claim.pk}"' in form
    assert 'inputmode="decimal"' in form
    done = client.post(_url(dispute, "award"), {f"claim-{claim.pk}": "12,000"}, follow=True)
    assert "Final items: 1, non-final items: 0" in done.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.AWARDED


def test_the_api_books_a_hearing_with_the_pages_form(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    services.dispute_confirm_procedure(actor=arb["arbitrator"], dispute=dispute, procedure="simplified")
    services.dispute_form_tribunal(actor=arb["clerk"], dispute=dispute, arbitrator=arb["arbitrator"])
    client = _client(arb["clerk"])
    url = f"/api/v1/disputes/{dispute.pk}/actions/schedule_hearing"
    starts = dt.datetime.combine(timezone.localdate() + dt.timedelta(days=8), dt.time(14, 30))
    response = client.post(
        url,
        data={"room": arb["room"].pk, "starts_at": starts.strftime("%Y-%m-%dT%H:%M"), "minutes": 90},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == DisputeState.SCHEDULED
    hearing = dispute.hearings.get()
    assert timezone.localtime(hearing.ends_at) - timezone.localtime(hearing.starts_at) == dt.timedelta(
        minutes=90
    )
    # Without the permission the body is not even read: 403.
    refused = _client(world.users["leader"]).post(url, data={}, content_type="application/json")
    assert refused.status_code == 403
