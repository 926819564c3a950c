"""Disbursement: due instalments gathered into a batch (payee copied from the application, the employer
where the scheme pays it), the bank file, cancellation, and never an instalment in two batches."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from openpyxl import load_workbook

from hrbureau.core.workflow import TransitionError
from hrbureau.talent import payments
from hrbureau.talent.bank_file import COLUMNS, write_bank_file
from hrbureau.talent.choices import BatchState, InstalmentState, Payee, PaymentState
from hrbureau.talent.models import Instalment, Payment
from hrbureau.talent.tests.payment_factories import approved, scheme


@pytest.fixture(autouse=True)
def english() -> Any:
    """The messages checked here are read in English (the platform speaks Chinese by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def staff(world: Any) -> Any:
    return world.users["dept_staff"]


def test_a_batch_gathers_the_due_instalments_and_copies_the_payee(world: Any, staff: Any) -> None:
    # Given two approved applications, one of a scheme paying the employer, and a waiting instalment
    a1 = approved(person=world.people["a1"], amount=Decimal("15000.00"))
    employer_scheme = scheme("award", payee=Payee.EMPLOYER, name="人才奖励")
    b1 = approved(
        person=world.people["b1"],
        of=employer_scheme,
        employer=world.enterprises["b1"],
        amount=Decimal("30000.00"),
        instalments=3,
        due=1,
    )
    # When a batch is built
    built = payments.build_batch(actor=staff)
    batch = built.batch
    # Then both due instalments are lines, numbered, with the payee as the bank must pay it
    lines = list(Payment.objects.filter(batch=batch).order_by("line"))
    assert [p.line for p in lines] == [1, 2]
    assert lines[0].payee_name == world.people["a1"].name
    assert lines[0].account_number == a1.account_number
    assert lines[1].payee_name == world.enterprises["b1"].name
    assert lines[1].amount == Decimal("10000.00")
    # (not yet sent while the batch is a draft)
    assert all(p.state == PaymentState.DRAFTED for p in lines)
    assert batch.state == BatchState.DRAFTED
    assert (batch.count, batch.total) == (2, Decimal("25000.00"))
    assert str(batch.total) == "25000.00"  # to the fen, as the page shows it, whatever SUM gave back
    assert payments.batch_totals(batch) == {PaymentState.DRAFTED: {"count": 2, "total": Decimal("25000.00")}}
    assert set(
        Instalment.objects.filter(state=InstalmentState.BATCHED).values_list("application", flat=True)
    ) == {a1.pk, b1.pk}
    assert Instalment.objects.filter(state=InstalmentState.WAITING).count() == 2
    # And nothing is left to build a second one from
    with pytest.raises(payments.EmptyBatch):
        payments.build_batch(actor=staff)


def test_a_batch_of_one_scheme_and_a_limit(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"])
    other = scheme("award", name="人才奖励")
    approved(person=world.people["a2"], of=other)
    approved(person=world.people["b1"], of=other)
    batch = payments.build_batch(actor=staff, scheme=other, limit=1).batch
    assert batch.count == 1
    assert Payment.objects.get(batch=batch).instalment.application.scheme == other
    assert Instalment.objects.filter(state=InstalmentState.DUE).count() == 2


def test_an_application_without_an_account_is_left_out_and_counted(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"])
    approved(person=world.people["a2"], account="")
    built = payments.build_batch(actor=staff)
    assert built.batch.count == 1
    assert built.left_out == 1


def test_an_empty_batch_is_refused_and_nothing_is_kept(world: Any, staff: Any) -> None:
    from hrbureau.talent.models import PaymentBatch

    with pytest.raises(payments.EmptyBatch, match="nothing to put in a batch"):
        payments.build_batch(actor=staff)
    assert not PaymentBatch.objects.exists()


def test_an_instalment_never_goes_into_two_batches(world: Any, staff: Any) -> None:
    # Given a batch holding the instalment
    application = approved(person=world.people["a1"])
    first = payments.build_batch(actor=staff).batch
    # When a second build reads the instalment as due (a build that read it before the first committed)
    Instalment.objects.filter(application=application).update(state=InstalmentState.DUE)
    # Then the database refuses the second line: the build fails as a whole, nothing written
    with pytest.raises(TransitionError, match="Another batch"):
        payments.build_batch(actor=staff)
    assert Payment.objects.filter(instalment__application=application).count() == 1
    assert Payment.objects.get().batch == first
    from hrbureau.talent.models import PaymentBatch

    assert PaymentBatch.objects.count() == 1


def test_cancelling_a_drafted_batch_makes_its_instalments_due_again(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"])
    batch = payments.build_batch(actor=staff).batch
    with pytest.raises(TransitionError):
        payments.batch_cancel(actor=staff, batch=batch, reason="")
    payments.batch_cancel(actor=staff, batch=batch, reason="金额有误")
    batch.refresh_from_db()
    assert batch.state == BatchState.CANCELLED
    assert not Payment.objects.filter(batch=batch).exists()
    assert Instalment.objects.get().state == InstalmentState.DUE
    # And the next batch takes it
    assert payments.build_batch(actor=staff).batch.count == 1


def test_an_exported_batch_cannot_be_cancelled(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"])
    batch = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=batch)
    assert batch.state == BatchState.EXPORTED
    assert batch.exported_at is not None
    with pytest.raises(TransitionError):
        payments.batch_cancel(actor=staff, batch=batch, reason="晚了")


def test_the_bank_file_has_the_bank_columns_and_the_full_id_number(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"], amount=Decimal("15000.50"))
    employer_scheme = scheme("award", payee=Payee.EMPLOYER, name="人才奖励")
    approved(person=world.people["b1"], of=employer_scheme, employer=world.enterprises["b1"])
    batch = payments.build_batch(actor=staff).batch
    buffer = BytesIO()
    assert write_bank_file(buffer, batch) == 2
    sheet = load_workbook(BytesIO(buffer.getvalue())).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert tuple(rows[0]) == COLUMNS
    assert rows[1][0] == 1
    assert rows[1][2] == world.people["a1"].id_number  # whole, as text
    assert rows[1][5] == 15000.5
    assert rows[1][7] == batch.number
    assert rows[2][2] == world.enterprises["b1"].uscc  # the employer is paid: its code
    assert "新引进人才生活补贴" in rows[1][6]


def test_the_permission_to_build(world: Any) -> None:
    from django.core.exceptions import PermissionDenied

    approved(person=world.people["a1"])
    with pytest.raises(PermissionDenied):
        payments.build_batch(actor=world.users["leader"])
    batch = payments.build_batch(actor=world.users["dept_staff"]).batch
    with pytest.raises(PermissionDenied):
        payments.batch_export(actor=world.users["street_staff"], batch=batch)


def test_exporting_a_batch_sends_its_lines(world: Any, staff: Any) -> None:
    approved(person=world.people["a1"])
    batch = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=batch)
    assert set(Payment.objects.filter(batch=batch).values_list("state", flat=True)) == {PaymentState.SENT}
    totals = payments.batch_totals(batch)
    assert list(totals) == [PaymentState.SENT, PaymentState.PAID, PaymentState.FAILED]
    assert str(totals[PaymentState.SENT]["total"]) == "15000.00"
    assert str(totals[PaymentState.FAILED]["total"]) == "0.00"
