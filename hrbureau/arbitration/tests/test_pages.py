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
from hrbureau.arbitration.tests.conftest import accepted, applicant, docx_text, file, respondent


@pytest.fixture
def client(client: Any) -> Any:
    """Pages in English, so the assertions read the English source messages."""
    client.cookies["hrbureau_language"] = "en"
    return client


def _post(client: Any, dispute: Dispute, action: str, **data: Any) -> Any:
    return client.post(f"/core/cases/arbitration.dispute/{dispute.pk}/actions/{action}/", data, follow=True)


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
    assert "This day has not come yet" in refused.content.decode()
    assert Dispute.objects.get(pk=dispute.pk).state == DisputeState.FILED
    done = _post(client, dispute, "accept")
    assert "Now “Accepted”" in done.content.decode()
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


def _portal_form(world: Any, **overrides: Any) -> dict[str, Any]:
    data = {
        "respondent_kind": "enterprise",
        "respondent_name": world.enterprises["a2"].name,
        "respondent_identifier": world.enterprises["a2"].uscc,
        "facts": "拖欠工资",
        "documents": "仲裁申请书",
        "phone": "13700137000",
        "claim_kind_1": "wages",
        "claim_text_1": "支付工资",
        "claim_amount_1": "5000",
    }
    data.update(overrides)
    return data


def test_an_online_application_with_a_bad_uscc_is_answered_on_the_form(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    client.force_login(world.users["individual"])
    bad = client.post("/arbitration/mine/new/", _portal_form(world, respondent_identifier="91440300ABC"))
    assert bad.status_code == 200
    assert "18 characters" in bad.content.decode()
    assert not Dispute.objects.exists()
    done = client.post("/arbitration/mine/new/", _portal_form(world, e_service="on"), follow=True)
    dispute = Dispute.objects.get()
    assert done.redirect_chain[-1][0] == f"/arbitration/mine/{dispute.pk}/"
    worker = dispute.parties.get(role=PartyRole.APPLICANT)
    assert worker.person == world.people["a1"]
    assert worker.accepts_electronic_service
    assert dispute.channel == "online"


def test_an_enterprise_files_as_the_applicant_against_a_person(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    client.force_login(world.users["enterprise"])
    client.post(
        "/arbitration/mine/new/",
        _portal_form(
            world,
            respondent_kind="person",
            respondent_name=world.people["b1"].name,
            respondent_identifier=world.people["b1"].id_number,
            claim_kind_1="damages",
            claim_text_1="赔偿培训费用",
        ),
    )
    dispute = Dispute.objects.get()
    assert dispute.parties.get(role=PartyRole.APPLICANT).enterprise == world.enterprises["a1"]
    assert dispute.parties.get(role=PartyRole.RESPONDENT).person == world.people["b1"]


def test_the_case_query_needs_the_number_and_a_partys_identifier(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = accepted(world, arb)
    found = client.get(
        "/arbitration/query/", {"number": dispute.case_no, "identifier": world.people["a1"].id_number}
    )
    assert 'data-testid="dispute-facts"' in found.content.decode()
    by_uscc = client.get(
        "/arbitration/query/", {"number": dispute.number, "identifier": world.enterprises["a2"].uscc.lower()}
    )
    assert 'data-testid="dispute-facts"' in by_uscc.content.decode()
    stranger = client.get(
        "/arbitration/query/", {"number": dispute.number, "identifier": world.people["b1"].id_number}
    )
    assert 'data-testid="query-not-found"' in stranger.content.decode()
    assert 'data-testid="dispute-facts"' not in stranger.content.decode()


def test_the_clerk_registers_an_application_at_the_counter(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    client.force_login(arb["clerk"])
    form = _portal_form(
        world,
        applicant_kind="person",
        applicant_name="王五",
        applicant_identifier="44030619900101123X",  # wrong check character
        filed_on=timezone.localdate().isoformat(),
        migrant_wages="on",
    )
    bad = client.post("/arbitration/new/", form)
    assert bad.status_code == 200
    assert "check character" in bad.content.decode()
    assert not Dispute.objects.exists()
    from hrbureau.arbitration.tests.conftest import new_resident_id

    form["applicant_identifier"] = new_resident_id()
    done = client.post("/arbitration/new/", form, follow=True)
    dispute = Dispute.objects.get()
    assert "receipt SJ" in done.content.decode()
    assert dispute.channel == "counter"
    assert dispute.migrant_wages
    assert dispute.parties.get(role=PartyRole.APPLICANT).person.name == "王五"


def test_an_agent_is_registered_only_with_a_power_of_attorney(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    dispute = accepted(world, arb)
    worker = dispute.parties.get(role=PartyRole.APPLICANT)
    client.force_login(arb["clerk"])
    missing = _post(client, dispute, "add_agent", party=worker.pk, kind="lawyer", name="李律师")
    assert "Attach the power of attorney" in missing.content.decode()
    assert not worker.agents.exists()
    letter = SimpleUploadedFile(
        "授权委托书.pdf", b"%PDF-1.4 power of attorney", content_type="application/pdf"
    )
    _post(
        client,
        dispute,
        "add_agent",
        party=worker.pk,
        kind="lawyer",
        name="李律师",
        special_authority="on",
        authorisation=letter,
    )
    agent = worker.agents.get()
    assert agent.special_authority
    assert agent.authorisation.original_name == "授权委托书.pdf"
    page = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert "李律师" in page
    from hrbureau.arbitration import documents
    from hrbureau.arbitration.choices import DocumentKind

    assert "委托代理人：李律师" in docx_text(
        documents.render(dispute, DocumentKind.ACCEPTANCE_NOTICE).content
    )


def test_the_room_schedule_shows_the_weeks_bookings(world: Any, arb: dict[str, Any], client: Any) -> None:
    from hrbureau.arbitration import services

    dispute = accepted(world, arb)
    services.dispute_form_tribunal(
        actor=arb["clerk"],
        dispute=dispute,
        arbitrator=arb["arbitrator"],
        panel=[arb["arbitrator2"], arb["arbitrator3"]],
    )
    day = timezone.localdate() + dt.timedelta(days=9)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(14)))
    services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room2"],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    client.force_login(arb["clerk"])
    week = client.get(f"/arbitration/rooms/?week={day.isoformat()}").content.decode()
    assert f"/arbitration/{dispute.pk}/" in week
    assert "14:00–15:00" in week
    other = client.get(
        f"/arbitration/rooms/?week={(day + dt.timedelta(days=7)).isoformat()}"
    ).content.decode()
    assert f"/arbitration/{dispute.pk}/" not in other
    assert client.get("/arbitration/rooms/?week=nonsense").status_code == 200


def test_collective_cases_head_the_clerks_list(world: Any, arb: dict[str, Any], client: Any) -> None:
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    collective = file(
        world, arb, day=dt.date(2026, 3, 2), parties=[*workers, respondent(world.enterprises["b1"])]
    )
    newer = [file(world, arb, day=dt.date(2026, 3, 10)) for _ in range(21)]
    client.force_login(arb["clerk"])
    page = client.get("/arbitration/").content.decode()
    assert page.index(collective.number) < page.index(newer[-1].number)
    # The next page carries on without the collective case again.
    import re

    cursor = re.search(r"cursor=([\w-]+)", page)
    assert cursor is not None
    second = client.get(f"/arbitration/?cursor={cursor.group(1)}").content.decode()
    assert collective.number not in second
    assert sum(d.number in page + second for d in newer) == 21


def test_the_triage_reads_in_the_language_of_the_page_not_of_the_acceptance(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = file(world, arb, migrant_wages=True, day=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(arb["clerk"])
    client.cookies["hrbureau_language"] = "zh-hans"
    _post(client, dispute, "accept")
    assert Dispute.objects.get(pk=dispute.pk).triage_proposal == "simplified"
    client.cookies["hrbureau_language"] = "en"
    english = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert "migrant-worker wages" in english
    assert "农民工" not in english.split('data-testid="triage"')[1].split("</div>\n    </div>")[0]
    client.cookies["hrbureau_language"] = "zh-hans"
    chinese = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert "农民工" in chinese.split('data-testid="triage"')[1]


def test_the_arbitrator_records_the_mediation_agreement_from_the_page(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = accepted(world, arb)
    claim = dispute.claims.get()
    client.force_login(arb["arbitrator"])
    page = client.get(f"/arbitration/{dispute.pk}/").content.decode()
    assert 'data-action="agree_mediation"' in page
    statement = f"/arbitration/{dispute.pk}/documents/mediation_statement/"
    assert client.get(statement).status_code == 404  # nothing to make it from yet
    refused = _post(client, dispute, "agree_mediation", terms="分期支付", **{f"agreed-{claim.pk}": "abc"})
    assert "abc is not an amount" in refused.content.decode()
    bad_day = _post(client, dispute, "agree_mediation", terms="x", payment_due="2026-13-01")
    assert "Enter a valid date" in bad_day.content.decode()
    assert not hasattr(Dispute.objects.get(pk=dispute.pk), "mediation_agreement")
    due = (timezone.localdate() + dt.timedelta(days=10)).isoformat()
    done = _post(
        client,
        dispute,
        "agree_mediation",
        terms="被申请人分两期支付\n申请人放弃其他请求",
        payment_due=due,
        **{f"agreed-{claim.pk}": "8,000"},
    ).content.decode()
    card = done.split('data-testid="mediation-agreement"')[1].split('data-testid="services"')[0]
    assert "8000.00" in card
    assert "被申请人分两期支付" in card
    assert due in card
    claim.refresh_from_db()
    assert claim.amount_agreed == 8000
    assert client.get(statement).status_code == 200


def test_collective_cases_head_the_clerks_to_do_whatever_their_due_date(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    from hrbureau.core.todo import todo_items

    sooner = file(world, arb, day=dt.date(2026, 3, 2))
    workers = [applicant(name=f"工人{i}", representative=i < 3) for i in range(10)]
    collective = file(
        world, arb, day=dt.date(2026, 3, 10), parties=[*workers, respondent(world.enterprises["b1"])]
    )
    assert sooner.due_on is not None
    assert collective.due_on is not None
    assert sooner.due_on < collective.due_on
    items = [
        i
        for i in todo_items(user=arb["clerk"])
        if i.url in (sooner.get_absolute_url(), collective.get_absolute_url())
    ]
    assert [i.url for i in items] == [collective.get_absolute_url(), sooner.get_absolute_url()]
    assert items[0].first == "collective case: handled first"
    assert items[1].first == ""
    client.force_login(arb["clerk"])
    page = client.get("/core/todo/").content.decode()
    assert page.index(collective.number) < page.index(sooner.number)
    assert 'data-testid="todo-first"' in page
