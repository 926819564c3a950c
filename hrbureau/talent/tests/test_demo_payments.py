"""The disbursement demo: a batch reconciled with two failures, the two paid in the next batch, a batch
waiting for the bank, one cancelled, one drafted; seeding twice adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from hrbureau.core.demo import DemoContext
from hrbureau.talent import demo_payments
from hrbureau.talent.choices import BatchState, InstalmentState, PaymentState
from hrbureau.talent.models import Instalment, Payment, PaymentBatch


def test_the_demo_pays_two_failures_in_the_next_batch_and_is_idempotent(world: Any) -> None:
    from hrbureau.people.tests.factories import PersonFactory

    PersonFactory.create_batch(20, street=world.units["street-a"])
    ctx = DemoContext(out=StringIO())
    demo_payments.seed(ctx)
    batches = list(PaymentBatch.objects.order_by("id"))
    assert [b.state for b in batches] == [
        BatchState.RECONCILED,
        BatchState.RECONCILED,
        BatchState.EXPORTED,
        BatchState.CANCELLED,
        BatchState.DRAFTED,
    ]
    first, second = batches[0], batches[1]
    failed = list(
        Payment.objects.filter(batch=first, state=PaymentState.FAILED).values_list("instalment_id", flat=True)
    )
    assert len(failed) == 2
    assert sorted(Payment.objects.filter(batch=second).values_list("instalment_id", flat=True)) == sorted(
        failed
    )
    assert Payment.objects.filter(batch=second, state=PaymentState.PAID).count() == 2
    assert Instalment.objects.filter(pk__in=failed, state=InstalmentState.PAID).count() == 2
    assert batches[4].count == 4  # the cancelled batch's two and two more
    counts = (PaymentBatch.objects.count(), Payment.objects.count(), Instalment.objects.count())
    demo_payments.seed(DemoContext(out=StringIO()))
    assert (PaymentBatch.objects.count(), Payment.objects.count(), Instalment.objects.count()) == counts
