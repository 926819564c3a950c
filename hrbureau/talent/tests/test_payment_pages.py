"""Disbursement's pages: building a batch, sending it, downloading the bank file (audited), reconciling
from an uploaded result file (and its error report), the totals paid in Decimal yuan by scheme, street
and month."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from hrbureau.core.models import AuditEvent
from hrbureau.talent import payment_figures, payments
from hrbureau.talent.choices import BatchState, PaymentState
from hrbureau.talent.models import Payment, PaymentBatch
from hrbureau.talent.tests.payment_factories import approved, scheme


def _result(rows: list[list[Any]]) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["序号", "状态", "回单号", "失败原因"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("result.xlsx", buffer.getvalue())


def test_from_building_to_reconciling_on_the_pages(world: Any, client_for: Any) -> None:
    approved(person=world.people["a1"], amount=Decimal("15000.00"))
    approved(person=world.people["b1"], amount=Decimal("25000.55"))
    client = client_for("dept_staff")
    # An empty scheme's batch is refused with a message
    empty = scheme("none", name="空项目")
    refused = client.post("/talent/batches/new/", {"scheme": empty.pk})
    assert refused.status_code == 200
    assert "没有应发期次" in refused.content.decode()  # nothing is due
    # The batch of every scheme
    built = client.post("/talent/batches/new/", {})
    assert built.status_code == 302, built.content.decode()
    batch = PaymentBatch.objects.get()
    assert built.url == f"/talent/batches/{batch.pk}/"
    page = client.get(built.url).content.decode()
    assert batch.number in page
    assert "40000.55" in page
    # Sent to the bank through its declared action, then the bank file downloaded and audited
    sent = client.post(
        f"/core/cases/talent.paymentbatch/{batch.pk}/actions/export/", {"version": batch.version}
    )
    assert sent.status_code in (200, 302)
    batch.refresh_from_db()
    assert batch.state == BatchState.EXPORTED
    download = client.get(f"/talent/batches/{batch.pk}/bank-file/")
    sheet = load_workbook(BytesIO(b"".join(download.streaming_content))).active
    assert sheet.cell(2, 3).value == world.people["a1"].id_number
    assert set(AuditEvent.objects.filter(object_id=str(batch.pk)).values_list("kind", flat=True)) == {
        "export",
        "reveal",
    }
    # A wrong file: the error report, nothing written
    wrong = client.post(f"/talent/batches/{batch.pk}/result/", {"file": _result([[7, "成功", "R7", ""]])})
    assert wrong.status_code == 400
    assert "不在批次" in wrong.content.decode()  # the line is not in the batch
    assert not Payment.objects.exclude(state=PaymentState.SENT).exists()
    # The right one
    right = client.post(
        f"/talent/batches/{batch.pk}/result/",
        {"file": _result([[1, "成功", "R1", ""], [2, "失败", "", "户名不符"]])},
    )
    assert right.status_code == 302
    batch.refresh_from_db()
    assert batch.state == BatchState.RECONCILED
    listed = client.get(f"/talent/payments/?batch={batch.pk}&state=failed").content.decode()
    assert "户名不符" in listed
    assert "R1" not in listed
    totals = client.get("/talent/payments/totals/").content.decode()
    assert "15000.00" in totals


def test_totals_by_scheme_street_and_month_to_the_fen(world: Any) -> None:
    staff = world.users["dept_staff"]
    other = scheme("award", name="人才奖励")
    approved(person=world.people["a1"], amount=Decimal("100.10"))
    approved(person=world.people["a2"], of=other, amount=Decimal("200.20"))
    approved(person=world.people["b1"], amount=Decimal("300.33"))
    approved(person=world.people["b2"], amount=Decimal("999.99"))  # failed: not counted
    batch = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=batch)
    from django.utils import timezone

    now = timezone.now()
    Payment.objects.filter(batch=batch).exclude(amount=Decimal("999.99")).update(
        state=PaymentState.PAID, reconciled_at=now
    )
    Payment.objects.filter(amount=Decimal("999.99")).update(state=PaymentState.FAILED, reconciled_at=now)
    leader = world.users["leader"]
    by_scheme = {row.label: row.total for row in payment_figures.by_scheme(leader)}
    assert by_scheme == {"新引进人才生活补贴": Decimal("400.43"), "人才奖励": Decimal("200.20")}
    by_street = {row.label: row.total for row in payment_figures.by_street(leader)}
    assert by_street == {"东湖街道": Decimal("300.30"), "西岭街道": Decimal("300.33")}
    month = timezone.localtime(now)
    assert [(r.label, r.count, r.total) for r in payment_figures.by_month(leader)] == [
        (f"{month.year}-{month.month:02d}", 3, Decimal("600.63"))
    ]
    assert payment_figures.grand_total(leader, year=month.year - 1).total == Decimal("0.00")
    from hrbureau.core import figures

    assert figures.get("talent.yuan_paid").count(leader) == 600
