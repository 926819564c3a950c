"""Disbursement's test data, made directly with the models (the application workflow is another part's):
a scheme, people, approved applications with a bank account, and their due instalments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from hrbureau.talent.choices import AmountRule, ApplicationState, Channel, Degree, InstalmentState, Payee
from hrbureau.talent.models import Instalment, SubsidyApplication, SubsidyScheme

_numbers = iter(range(1, 10**9))


def scheme(
    code: str = "living", *, payee: str = Payee.PERSON, name: str = "新引进人才生活补贴"
) -> SubsidyScheme:
    found, _created = SubsidyScheme.objects.get_or_create(
        code=code,
        defaults={"name": name, "amount_rule": AmountRule.BY_DEGREE, "payee": payee},
    )
    return found


def approved(
    *,
    person: Any,
    of: SubsidyScheme | None = None,
    employer: Any = None,
    amount: Decimal = Decimal("15000.00"),
    instalments: int = 1,
    due: int | None = None,
    account: str | None = None,
) -> SubsidyApplication:
    """An approved application of ``person`` with ``instalments`` equal instalments, the first ``due``
    of them (all by default) due."""
    of = of or scheme()
    n = next(_numbers)
    application = SubsidyApplication.objects.create(
        number=f"TS-T{n:06d}",
        scheme=of,
        person=person,
        employer=employer,
        street_id=person.street_id,
        channel=Channel.PORTAL,
        degree=Degree.BACHELOR,
        amount=amount,
        bank_name="中国工商银行深圳分行",
        account_name="",
        account_number=f"62220{n:014d}" if account is None else account,
        state=ApplicationState.APPROVED,
        approved_on=timezone.localdate(),
    )
    share = (amount / instalments).quantize(Decimal("0.01"))
    due = instalments if due is None else due
    today = timezone.localdate()
    Instalment.objects.bulk_create(
        [
            Instalment(
                application=application,
                number=k,
                period=str(today.year + k - 1),
                amount=share,
                due_on=today + dt.timedelta(days=365 * (k - 1)),
                state=InstalmentState.DUE if k <= due else InstalmentState.WAITING,
            )
            for k in range(1, instalments + 1)
        ]
    )
    return application


# --- rows of disbursement's declared lists, for hrbureau/tests/test_declared_lists.py ----------------


def corpus_rows(world: Any, rng: Any) -> None:
    """Two schemes, applications in both streets, a batch reconciled (paid and failed lines), one sent
    and one drafted: every state, scheme, street and batch of the payments' filters."""
    from hrbureau.people.tests.factories import PersonFactory
    from hrbureau.talent import payments
    from hrbureau.talent.models import Payment

    staff = world.users["dept_staff"]
    schemes = [scheme(), scheme("award", name="人才奖励")]
    for n in range(3):
        for k in range(4):
            person = PersonFactory(street=world.units[f"street-{'ab'[k % 2]}"])
            approved(
                person=person,
                of=schemes[(n + k // 2) % 2],
                amount=Decimal(rng.choice(["15000.00", "800.50"])),
                instalments=3,
                due=1,
            )
        batch = payments.build_batch(actor=staff).batch
        if n < 2:
            payments.batch_export(actor=staff, batch=batch)
        if n == 0:
            now = timezone.now()
            lines = list(Payment.objects.filter(batch=batch).order_by("line"))
            Payment.objects.filter(pk__in=[p.pk for p in lines[::2]]).update(
                state="paid", receipt_number="R1", reconciled_at=now
            )
            Payment.objects.filter(pk__in=[p.pk for p in lines[1::2]]).update(
                state="failed", failure_reason="户名不符", reconciled_at=now
            )


def makers(world: Any) -> dict[str, Any]:
    """One more row of each disbursement list (the query-count test)."""
    from hrbureau.enterprises.tests.factories import EnterpriseFactory  # noqa: F401
    from hrbureau.people.tests.factories import PersonFactory
    from hrbureau.talent import payments

    staff = world.users["dept_staff"]

    def batch(i: int) -> Any:
        approved(person=PersonFactory(street=world.units["street-a"]), amount=Decimal("100.00"))
        return payments.build_batch(actor=staff).batch

    def payment(i: int) -> Any:
        found = batch(i)
        return found.payments.get()

    return {"paymentbatch": batch, "payment": payment}
