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
