"""Reconciliation of a batch from the bank's result file: paid with a receipt, failed with a reason (due
again, into a later batch), unknown lines, mismatches and lines already reconciled refused with nothing
written, the same file twice pays nothing twice, and applications completed when all is paid."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from hrbureau.talent import payments
from hrbureau.talent.choices import ApplicationState, BatchState, InstalmentState, PaymentState
from hrbureau.talent.models import Instalment, Payment
from hrbureau.talent.reconcile import reconcile_batch
from hrbureau.talent.tests.payment_factories import approved


def _xlsx(tmp_path: Path, header: list[str], rows: list[list[Any]], name: str = "result.xlsx") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["中国工商银行代发业务处理结果"])  # a title row above the header
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


@pytest.fixture(autouse=True)
def english() -> Any:
    """The messages checked here are read in English (the platform speaks Chinese by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def exported(world: Any) -> Any:
    staff = world.users["dept_staff"]
    approved(person=world.people["a1"], amount=Decimal("15000.00"))
    approved(person=world.people["a2"], amount=Decimal("25000.00"))
    approved(person=world.people["b1"], amount=Decimal("30000.00"), instalments=2, due=1)
    batch = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=batch)
    return batch


def test_paid_and_failed_lines_are_settled_and_the_failed_one_goes_into_the_next_batch(
    world: Any, exported: Any, tmp_path: Path
) -> None:
    staff = world.users["dept_staff"]
    path = _xlsx(
        tmp_path,
        ["流水号", "收款人姓名", "金额（元）", "状态", "回执号", "失败原因"],
        [
            ["1", "居民A1", "15000.00", "成功", "R0001", ""],  # numbers as text
            [2, "居民A2", 25000, "失败", "", "账户已销户"],
            [3, "居民B1", 15000, "success", "R0003", ""],
        ],
    )
    result = reconcile_batch(actor=staff, batch=exported, path=path)
    assert result.ok, result.errors
    assert (result.rows, result.paid, result.failed, result.reconciled) == (3, 2, 1, True)
    lines = {p.line: p for p in Payment.objects.filter(batch=exported)}
    assert (lines[1].state, lines[1].receipt_number) == (PaymentState.PAID, "R0001")
    assert (lines[2].state, lines[2].failure_reason) == (PaymentState.FAILED, "账户已销户")
    assert lines[1].instalment.state == InstalmentState.PAID
    assert lines[2].instalment.state == InstalmentState.DUE
    exported.refresh_from_db()
    assert exported.state == BatchState.RECONCILED
    assert exported.reconciled_at is not None
    # The one-instalment application paid is completed; the one with a waiting instalment is not.
    assert lines[1].instalment.application.state == ApplicationState.COMPLETED
    assert lines[3].instalment.application.state == ApplicationState.APPROVED
    assert lines[2].instalment.application.state == ApplicationState.APPROVED
    # The failed one goes into the next batch, on its own line
    second = payments.build_batch(actor=staff).batch
    again = Payment.objects.get(batch=second)
    assert again.instalment_id == lines[2].instalment_id
    assert Payment.objects.filter(instalment_id=again.instalment_id).count() == 2


def test_the_same_file_twice_pays_nothing_twice(world: Any, exported: Any, tmp_path: Path) -> None:
    staff = world.users["dept_staff"]
    path = _xlsx(tmp_path, ["序号", "状态", "回单号"], [[1, "成功", "R1"]])
    assert reconcile_batch(actor=staff, batch=exported, path=path).paid == 1
    again = reconcile_batch(actor=staff, batch=exported, path=path)
    assert not again.ok
    assert "already reconciled" in again.errors[0][1]
    assert Payment.objects.filter(state=PaymentState.PAID).count() == 1
    assert Instalment.objects.filter(state=InstalmentState.PAID).count() == 1
    exported.refresh_from_db()
    assert exported.state == BatchState.EXPORTED  # lines 2 and 3 still sent


def test_a_file_with_an_error_writes_nothing_and_reports_each_error(
    world: Any, exported: Any, tmp_path: Path
) -> None:
    staff = world.users["dept_staff"]
    path = _xlsx(
        tmp_path,
        ["序号", "金额", "收款账号", "状态", "回单号", "失败原因"],
        [
            [1, 15000, None, "成功", "R1", ""],  # right
            [2, 2500, None, "成功", "R2", ""],  # the wrong amount
            [9, 100, None, "成功", "R9", ""],  # no such line
            [3, 15000, "000111", "成功", "R3", ""],  # another account
            [1, 15000, None, "成功", "R1", ""],  # the same line twice
        ],
    )
    result = reconcile_batch(actor=staff, batch=exported, path=path)
    assert [row for row, _message in result.errors] == [4, 5, 6, 7]
    assert "amount" in result.errors[0][1]
    assert "not in batch" in result.errors[1][1]
    assert "account" in result.errors[2][1]
    assert "also on row" in result.errors[3][1]
    assert not Payment.objects.exclude(state=PaymentState.SENT).exists()
    assert Instalment.objects.filter(state=InstalmentState.BATCHED).count() == 3


def test_a_gbk_csv_with_english_words(world: Any, exported: Any, tmp_path: Path) -> None:
    staff = world.users["dept_staff"]
    path = tmp_path / "result.csv"
    path.write_bytes(
        "序号,收款人姓名,状态,回执号,失败原因\r\n1,居民A1,success,B001,\r\n2,居民A2,fail,,户名不符\r\n".encode(
            "gbk"
        )
    )
    result = reconcile_batch(actor=staff, batch=exported, path=path)
    assert result.ok, result.errors
    assert (result.paid, result.failed, result.reconciled) == (1, 1, False)
    assert Payment.objects.get(line=2).failure_reason == "户名不符"


def test_a_file_without_a_status_column_or_with_an_unknown_status(
    world: Any, exported: Any, tmp_path: Path
) -> None:
    staff = world.users["dept_staff"]
    no_status = reconcile_batch(
        actor=staff, batch=exported, path=_xlsx(tmp_path, ["序号", "回单号"], [[1, "R"]])
    )
    assert not no_status.ok
    assert "no column" in no_status.errors[0][1]
    odd = reconcile_batch(
        actor=staff, batch=exported, path=_xlsx(tmp_path, ["序号", "状态"], [[1, "处理中"]], name="b.xlsx")
    )
    assert not odd.ok
    assert "neither" in odd.errors[0][1]


def test_a_drafted_batch_is_not_reconciled(world: Any, tmp_path: Path) -> None:
    staff = world.users["dept_staff"]
    approved(person=world.people["a1"])
    batch = payments.build_batch(actor=staff).batch
    result = reconcile_batch(actor=staff, batch=batch, path=_xlsx(tmp_path, ["序号", "状态"], [[1, "成功"]]))
    assert not result.ok
    assert not Payment.objects.filter(state=PaymentState.PAID).exists()
