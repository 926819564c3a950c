"""The parties' pages of a dispute: what waits for them, the documents served on them (read before
signing), the respondent's view of what it must answer, and only their own files."""

from __future__ import annotations

from typing import Any

import pytest

from hrbureau.arbitration import services
from hrbureau.arbitration.choices import DocumentKind, PartyRole, ServiceMethod
from hrbureau.arbitration.tests.conftest import accepted, applicant, file, respondent

pytestmark = pytest.mark.django_db


def _in_english(client: Any) -> Any:
    client.cookies["hrbureau_language"] = "en"
    return client


def _against_enterprise_a1(world: Any, arb: dict[str, Any]) -> Any:
    """Worker A1 against enterprise A1 (the standard enterprise user's), both consenting to e-service."""
    return accepted(
        world,
        arb,
        parties=[
            applicant(world.people["a1"], e_service_consent=True),
            respondent(world.enterprises["a1"], e_service_consent=True),
        ],
    )


def test_a_document_to_sign_waits_in_the_enterprises_to_do_until_signed(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    # Given the copy of the application served electronically on the respondent enterprise
    dispute = _against_enterprise_a1(world, arb)
    service = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.RESPONDENT),
        document=DocumentKind.APPLICATION_COPY,
        method=ServiceMethod.ELECTRONIC,
    )
    client = _in_english(client_for("enterprise"))
    document_url = f"/arbitration/mine/{dispute.pk}/documents/{service.pk}/"
    # Then "things waiting for you" lists it
    home = client.get("/portal/").content.decode()
    assert "Nothing is waiting for you" not in home
    assert f'href="{document_url}"' in home
    # and before signing, the enterprise reads what the applicant asks and downloads the document
    page = client.get(document_url).content.decode()
    assert "公司拖欠2026年1月至2月工资" in page  # the facts
    assert "支付拖欠工资" in page  # the claim
    assert world.people["a1"].name in page  # the applicant
    service.refresh_from_db()
    assert service.attachment is not None
    assert service.signed_at is None
    download = client.get(f"/core/attachments/{service.attachment.pk}/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    # When it signs for it, the to-do is empty.
    signed = client.post(
        f"/core/cases/arbitration.dispute/{dispute.pk}/actions/sign_document/",
        {"service": service.pk, "next": document_url},
    )
    assert signed.status_code == 302
    assert signed["Location"] == document_url
    service.refresh_from_db()
    assert service.signed_at is not None
    assert "Nothing is waiting for you" in client.get("/portal/").content.decode()


def test_the_application_copy_masks_the_workers_id_number(world: Any, arb: dict[str, Any]) -> None:
    from hrbureau.arbitration import documents

    dispute = _against_enterprise_a1(world, arb)
    text = "\n".join(
        str(value)
        for _kind, value, _align in documents.read(
            documents.render(dispute, DocumentKind.APPLICATION_COPY).content
        )
    )
    person = world.people["a1"]
    assert person.name in text
    assert person.id_number not in text
    assert person.id_number[:6] in text
    assert "答辩书" in text  # the defence period is told [law Art.30]


def test_the_respondent_reads_the_applicant_the_claims_and_the_facts(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    dispute = _against_enterprise_a1(world, arb)
    response = _in_english(client_for("enterprise")).get(f"/arbitration/mine/{dispute.pk}/")
    page = response.content.decode()
    assert world.people["a1"].name in page
    assert "支付拖欠工资" in page
    assert "公司拖欠2026年1月至2月工资，经催讨未果。" in page
    assert "You are the respondent" in page
    # The applicant's identifiers are not on the respondent's page.
    assert world.people["a1"].id_number not in page


def test_a_party_opens_only_the_documents_served_on_itself(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    dispute = _against_enterprise_a1(world, arb)
    notice = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.APPLICANT),
        document=DocumentKind.ACCEPTANCE_NOTICE,
        method=ServiceMethod.ELECTRONIC,
    )
    assert notice.attachment is not None
    url = f"/core/attachments/{notice.attachment.pk}/"
    assert client_for("individual").get(url).status_code == 200
    # The other side sees the case but not the worker's papers, even with the file's number.
    enterprise = client_for("enterprise")
    assert enterprise.get(f"/arbitration/mine/{dispute.pk}/").status_code == 200
    assert (
        notice.attachment.original_name
        not in enterprise.get(f"/arbitration/mine/{dispute.pk}/").content.decode()
    )
    assert enterprise.get(url).status_code == 403
    assert client_for("arbitration_clerk").get(url).status_code == 200


def test_materials_to_supplement_wait_in_the_applicants_to_do(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    dispute = file(world, arb, parties=[applicant(world.people["a1"]), respondent(world.enterprises["a1"])])
    services.dispute_request_supplement(actor=arb["clerk"], dispute=dispute, items=["劳动合同复印件"])
    home = _in_english(client_for("individual")).get("/portal/").content.decode()
    assert f'href="/arbitration/mine/{dispute.pk}/"' in home
    assert "Nothing is waiting for you" not in home
    # The respondent has nothing to do about it.
    other = _in_english(client_for("enterprise")).get("/portal/").content.decode()
    assert "Nothing is waiting for you" in other


# --- online filing -------------------------------------------------------------------------------------

PDF = b"%PDF-1.4\n% evidence\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _application(**overrides: Any) -> dict[str, Any]:
    data = {
        "respondent_kind": "enterprise",
        "respondent_name": "",
        "respondent_identifier": "",
        "respondent_phone": "",
        "respondent_address": "",
        "facts": "公司自2025年11月起拖欠工资。",
        "claim_kind_1": "wages",
        "claim_text_1": "支付拖欠工资",
        "claim_amount_1": "18000",
        "phone": "13712345678",
        "e_service": "on",
    }
    data.update(overrides)
    return data


def test_a_worker_files_against_an_employer_found_by_name_with_evidence_files(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrbureau.arbitration.models import Dispute

    employer = world.enterprises["a2"]
    client = _in_english(client_for("individual"))
    # Given the employer's registered name and no code, and two evidence files
    response = client.post(
        "/arbitration/mine/new/",
        _application(
            respondent_name=employer.name,
            evidence=[
                SimpleUploadedFile("劳动合同.pdf", PDF, content_type="application/pdf"),
                SimpleUploadedFile("工资条.png", PNG, content_type="image/png"),
            ],
        ),
    )
    # Then the application is filed against that registered enterprise
    dispute = Dispute.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/arbitration/mine/{dispute.pk}/"
    party = dispute.parties.get(role=PartyRole.RESPONDENT)
    assert (party.enterprise, party.identifier) == (employer, employer.uscc)
    assert dispute.enterprise == employer
    # with the evidence kept as the worker's own files, listed on the receipt.
    from hrbureau.core.attachments import attachments_of

    files = attachments_of(dispute)
    assert [f.original_name for f in files] == ["劳动合同.pdf", "工资条.png"]
    assert {f.uploaded_by for f in files} == {world.users["individual"]}
    assert dispute.receipts.get().items == ["仲裁申请书（网上提交）", "劳动合同.pdf", "工资条.png"]
    assert client.get(f"/core/attachments/{files[0].pk}/").status_code == 200


def test_a_file_that_is_not_what_its_name_says_is_refused_and_nothing_is_filed(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from hrbureau.arbitration.models import Dispute
    from hrbureau.core.models import CaseAttachment

    response = _in_english(client_for("individual")).post(
        "/arbitration/mine/new/",
        _application(
            respondent_name=world.enterprises["a2"].name,
            evidence=[
                SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
            ],
        ),
    )
    assert response.status_code == 200
    assert (
        "合同.pdf: The file's content does not match its name (.pdf)."
        in response.context["form"].errors["evidence"]
    )
    assert not Dispute.objects.exists()
    assert not CaseAttachment.objects.exists()


def test_too_many_files_are_refused_by_the_service(world: Any, arb: dict[str, Any]) -> None:
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    many = [SimpleUploadedFile(f"{n}.pdf", PDF) for n in range(services.EVIDENCE_MAX_FILES + 1)]
    with pytest.raises(ValidationError) as refused:
        file(world, arb, evidence=many)
    assert "evidence" in refused.value.message_dict


def test_an_employer_not_in_the_register_is_named_with_its_address(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    from hrbureau.arbitration.models import Dispute

    client = _in_english(client_for("individual"))
    # Without an address, the worker is told what is missing and nothing is filed.
    response = client.post("/arbitration/mine/new/", _application(respondent_name="某某外地劳务有限公司"))
    assert response.status_code == 200
    assert "give its USCC, or its address" in str(response.context["form"].errors["respondent_identifier"])
    assert not Dispute.objects.exists()
    # With the address, it is filed against the unregistered enterprise.
    response = client.post(
        "/arbitration/mine/new/",
        _application(respondent_name="某某外地劳务有限公司", respondent_address="示范区工业路8号"),
    )
    assert response.status_code == 302
    party = Dispute.objects.get().parties.get(role=PartyRole.RESPONDENT)
    assert (party.name, party.identifier, party.enterprise, party.address) == (
        "某某外地劳务有限公司",
        "",
        None,
        "示范区工业路8号",
    )
    assert "某某外地劳务有限公司" in client.get("/arbitration/mine/").content.decode()


def test_two_registered_enterprises_of_one_name_need_the_code(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    from hrbureau.enterprises.tests.factories import EnterpriseFactory

    twin = EnterpriseFactory(name=world.enterprises["a2"].name)
    client = _in_english(client_for("individual"))
    response = client.post("/arbitration/mine/new/", _application(respondent_name=twin.name))
    assert "Several registered enterprises bear this name" in str(response.context["form"].errors)
    response = client.post(
        "/arbitration/mine/new/", _application(respondent_name=twin.name, respondent_identifier=twin.uscc)
    )
    assert response.status_code == 302


def test_the_form_shows_who_files_and_the_persons_own_phone(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    person = world.people["a1"]
    person.phone = "13712345678"
    person.save()
    response = client_for("individual").get("/arbitration/mine/new/")
    page = response.content.decode()
    assert 'data-testid="filing-as"' in page
    assert person.name in page
    assert person.id_number[:6] in page
    assert person.id_number not in page
    assert response.context["form"]["phone"].value() == "13712345678"
    enterprise = client_for("enterprise").get("/arbitration/mine/new/").content.decode()
    assert world.enterprises["a1"].uscc in enterprise


# --- the respondent lookup ----------------------------------------------------------------------------


def test_the_lookup_gives_only_what_the_public_may_know(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    employer = world.enterprises["a2"]
    client = client_for("individual")
    found = client.get("/arbitration/mine/respondents/", {"q": employer.name[:5]}).json()
    assert found["results"][0] == {
        "name": employer.name,
        "uscc": employer.uscc[:6] + "********" + employer.uscc[-4:],
        "street": "西岭街道" if employer.street == world.units["street-b"] else "东湖街道",
    }
    body = str(found)
    assert employer.uscc not in body
    assert employer.registered_address not in body
    assert employer.legal_representative not in body


def test_the_lookup_cannot_read_out_the_register(world: Any, arb: dict[str, Any], client_for: Any) -> None:
    from hrbureau.arbitration.respondents import LOOKUP_MAX_RESULTS
    from hrbureau.enterprises.tests.factories import EnterpriseFactory

    for n in range(LOOKUP_MAX_RESULTS + 3):
        EnterpriseFactory(name=f"东湖精密制造{n}有限公司")
    client = client_for("individual")
    # Short queries find nothing; a long one a few names, and says there are more.
    assert client.get("/arbitration/mine/respondents/", {"q": "有限公"}).json()["results"] == []
    many = client.get("/arbitration/mine/respondents/", {"q": "东湖精密制造"}).json()
    assert len(many["results"]) == LOOKUP_MAX_RESULTS
    assert many["more"] is True
    # Not by code or address either.
    enterprise = world.enterprises["a2"]
    assert client.get("/arbitration/mine/respondents/", {"q": enterprise.uscc[:8]}).json()["results"] == []
    assert (
        client.get("/arbitration/mine/respondents/", {"q": enterprise.registered_address}).json()["results"]
        == []
    )
    # And only so many searches a user may make in a while.
    for _n in range(30 - 4):  # the default allowance, 30 in 10 minutes, less the 4 searches above
        assert client.get("/arbitration/mine/respondents/", {"q": "东湖精密"}).status_code == 200
    refused = client.get("/arbitration/mine/respondents/", {"q": "东湖精密"})
    assert refused.status_code == 429
    assert refused.json()["results"] == []
    assert int(refused["Retry-After"]) > 0
    # Another user has their own allowance.
    assert (
        client_for("enterprise").get("/arbitration/mine/respondents/", {"q": "东湖精密"}).status_code == 200
    )


def test_a_citizen_books_a_visit_under_the_name_of_their_person_record(
    world: Any, arb: dict[str, Any], client_for: Any
) -> None:
    context = client_for("individual").get("/arbitration/appointments/").context
    assert context["name"] == world.people["a1"].name != world.users["individual"].full_name


def test_the_public_query_shows_a_served_case_without_its_files(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = _against_enterprise_a1(world, arb)
    notice = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=dispute.parties.get(role=PartyRole.APPLICANT),
        document=DocumentKind.ACCEPTANCE_NOTICE,
        method=ServiceMethod.ELECTRONIC,
    )
    response = client.get(
        "/arbitration/query/", {"number": dispute.case_no, "identifier": world.people["a1"].id_number}
    )
    assert response.status_code == 200
    assert response.context["dispute"] == dispute
    assert notice.attachment.original_name not in response.content.decode()
