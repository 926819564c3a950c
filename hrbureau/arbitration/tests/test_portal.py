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
    assert client.post(f"{document_url}sign/").status_code == 302
    service.refresh_from_db()
    assert service.signed_at is not None
    assert "Nothing is waiting for you" in client.get("/portal/").content.decode()


def test_the_application_copy_masks_the_workers_id_number(world: Any, arb: dict[str, Any]) -> None:
    from hrbureau.arbitration import documents

    dispute = _against_enterprise_a1(world, arb)
    text = "\n".join(
        str(value)
        for _kind, value in documents.read(documents.render(dispute, DocumentKind.APPLICATION_COPY).content)
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
