"""Documents from the case's data: the right text and figures, separate final and non-final awards with
their own remedies, generated and kept when served, downloadable by staff."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from hrbureau.arbitration import documents, services
from hrbureau.arbitration.choices import ClaimKind, DocumentKind, PartyRole, ServiceMethod
from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.tests.conftest import accepted, docx_text
from hrbureau.arbitration.tests.test_law import _to_heard
from hrbureau.core.models import CaseAttachment


def _awarded(world: Any, arb: dict[str, Any]) -> Dispute:
    dispute = accepted(
        world,
        arb,
        claims=[
            services.ClaimInput(ClaimKind.WAGES, "支付拖欠工资", "30000"),
            services.ClaimInput(ClaimKind.DAMAGES, "违法解除赔偿金", "80000"),
        ],
    )
    _to_heard(world, arb, dispute)
    wages, damages = dispute.claims.order_by("sort_order")
    services.dispute_award(
        actor=arb["arbitrator"],
        dispute=dispute,
        awarded={wages.pk: "28000", damages.pk: "60000"},
        on=dt.date(2026, 6, 1),
    )
    return dispute


def test_the_acceptance_notice_names_the_case_the_parties_and_the_claims(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = accepted(world, arb, day=dt.date(2026, 3, 2))
    text = docx_text(documents.render(dispute, DocumentKind.ACCEPTANCE_NOTICE).content)
    assert "受理通知书" in text
    assert dispute.case_no in text
    assert "2026年03月02日" in text
    assert world.people["a1"].name in text
    assert world.enterprises["a2"].name in text
    assert "12,000.00 元" in text


def test_a_mixed_award_is_two_documents_each_with_its_remedies(world: Any, arb: dict[str, Any]) -> None:
    dispute = _awarded(world, arb)
    made = documents.award_documents(dispute)
    assert [d.kind for d in made] == [DocumentKind.AWARD_FINAL, DocumentKind.AWARD_NONFINAL]
    final, non_final = (docx_text(d.content) for d in made)
    assert "28,000.00 元" in final
    assert "60,000.00 元" not in final
    assert documents.REMEDIES_FINAL in final
    assert "60,000.00 元" in non_final
    assert "28,000.00 元" not in non_final
    assert documents.REMEDIES_NONFINAL in non_final


def test_serving_makes_and_keeps_the_document_and_refuses_the_wrong_award_form(
    world: Any, arb: dict[str, Any]
) -> None:
    dispute = _awarded(world, arb)
    worker = dispute.parties.get(role=PartyRole.APPLICANT)
    with pytest.raises(ValidationError, match="two documents"):
        services.service_record(
            actor=arb["clerk"],
            dispute=dispute,
            party=worker,
            document=DocumentKind.AWARD,
            method=ServiceMethod.ELECTRONIC,
        )
    served = services.service_record(
        actor=arb["clerk"],
        dispute=dispute,
        party=worker,
        document=DocumentKind.AWARD_FINAL,
        method=ServiceMethod.ELECTRONIC,
    )
    kept = CaseAttachment.objects.get(pk=served.attachment_id)
    assert kept.original_name.endswith("裁决书（终局裁决）.docx")
    assert kept.content_type.endswith("wordprocessingml.document")
    # The portal party downloads exactly what was served.
    from django.test import Client

    client = Client()
    client.force_login(world.users["individual"])
    download = client.get(f"/core/attachments/{kept.pk}/")
    assert download.status_code == 200
    assert documents.REMEDIES_FINAL in docx_text(
        b"".join(download.streaming_content) if download.streaming else download.content
    )


def test_staff_download_a_document_and_an_unknown_kind_is_not_found(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    dispute = accepted(world, arb)
    client.force_login(arb["clerk"])
    response = client.get(f"/arbitration/{dispute.pk}/documents/acceptance_notice/")
    assert response.status_code == 200
    assert "attachment;" in response["Content-Disposition"]
    assert dispute.case_no in docx_text(response.content)
    assert client.get(f"/arbitration/{dispute.pk}/documents/receipt/").status_code == 404
    if not documents.pdf_available():
        assert (
            client.get(f"/arbitration/{dispute.pk}/documents/acceptance_notice/?format=pdf").status_code
            == 404
        )


def test_the_hearing_notice_gives_the_room_and_time(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    services.dispute_form_tribunal(
        actor=arb["clerk"],
        dispute=dispute,
        arbitrator=arb["arbitrator"],
        panel=[arb["arbitrator2"], arb["arbitrator3"]],
    )
    start = timezone.make_aware(
        dt.datetime.combine(timezone.localdate() + dt.timedelta(days=8), dt.time(9, 30))
    )
    services.hearing_book(
        actor=arb["clerk"],
        dispute=dispute,
        room=arb["room"],
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
    )
    text = docx_text(documents.render(dispute, DocumentKind.HEARING_NOTICE).content)
    assert f"{start:%Y年%m月%d日} 09:30" in text
    assert arb["room"].name in text
    assert "开庭3日前" in text
    # The days come from the configured limit in force on the hearing day, not from the wording.
    from hrbureau.arbitration.models import TimeLimit

    TimeLimit.objects.create(
        key="postpone_request", valid_from=timezone.localdate(), days=5, day_kind="calendar"
    )
    assert "开庭5日前" in docx_text(documents.render(dispute, DocumentKind.HEARING_NOTICE).content)


@pytest.mark.skipif(
    not documents.pdf_available(), reason="LibreOffice is not installed (.ci/run installs it)"
)
def test_a_document_is_made_as_pdf_where_libreoffice_is_installed(
    world: Any, arb: dict[str, Any], client: Any
) -> None:
    import shutil
    import subprocess
    import tempfile
    from pathlib import Path

    dispute = accepted(world, arb)
    client.force_login(arb["clerk"])
    response = client.get(f"/arbitration/{dispute.pk}/documents/acceptance_notice/?format=pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        with tempfile.TemporaryDirectory() as work:
            path = Path(work) / "notice.pdf"
            path.write_bytes(response.content)
            text = subprocess.run(
                ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
            ).stdout
        compact = "".join(text.split())  # pdftotext spaces Chinese from digits
        assert "受理通知书" in compact
        assert dispute.case_no in compact
        assert "申请人：居民A1" in compact  # the Chinese font was embedded: no boxes


def test_an_administrator_rewords_a_document_from_a_date(world: Any, arb: dict[str, Any]) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from hrbureau.arbitration.admin import DocumentWordingForm
    from hrbureau.arbitration.models import DocumentWording

    dispute = accepted(world, arb)
    today = timezone.localdate()
    form = DocumentWordingForm(
        data={"key": "acceptance_notice", "text": "案号{case_no}，收到于{recieved}。", "valid_from": today}
    )
    assert not form.is_valid()
    assert "{recieved}" in str(form.errors)
    bad_brace = DocumentWordingForm(
        data={"key": "acceptance_notice", "text": "案号{case_no", "valid_from": today}
    )
    assert not bad_brace.is_valid()
    good = DocumentWordingForm(
        data={
            "key": "acceptance_notice",
            "text": "经审查，本委于{accepted}受理你（单位）的申请，案号{case_no}。\n{claims}\n特此通知。",
            "valid_from": today,
        }
    )
    assert good.is_valid(), good.errors
    good.save()
    text = docx_text(documents.render(dispute, DocumentKind.ACCEPTANCE_NOTICE).content)
    assert f"案号{dispute.case_no}。" in text
    assert "特此通知。" in text
    assert "请求事项" in text  # the {claims} table still placed
    assert "符合受理条件" not in text  # the old wording is no longer in force
    # Without any wording in force the document cannot be made: a configuration error, said plainly.
    DocumentWording.objects.filter(key="acceptance_notice").delete()
    with pytest.raises(ImproperlyConfigured, match="document wording"):
        documents.render(dispute, DocumentKind.ACCEPTANCE_NOTICE)


def test_a_line_whose_placeholders_are_empty_is_left_out(world: Any, arb: dict[str, Any]) -> None:
    dispute = accepted(world, arb)
    services.mediation_agree(
        actor=arb["arbitrator"],
        dispute=dispute,
        terms="一次性支付",
        agreed={c.pk: "100" for c in dispute.claims.all()},
    )
    text = docx_text(documents.render(dispute, DocumentKind.MEDIATION_STATEMENT).content)
    assert "前履行完毕" not in text  # no payment day was agreed
    assert "以上合计人民币100.00 元。" in text
