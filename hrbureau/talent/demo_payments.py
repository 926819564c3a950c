"""Demo disbursement, made through the services the pages use: a first batch sent to the bank and
reconciled from its result file with two failures, the two paid in a second batch; a batch sent and
waiting for the bank's answer, one cancelled while drafted, one drafted. The instalments are those the
applications' demo left due; when there are none (this part loaded alone), a few approved applications
with a due instalment are made here. Seeding twice adds nothing: a reconciled batch means it is done."""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.demo import DemoContext
from hrbureau.people.models import Person
from hrbureau.talent import payments
from hrbureau.talent.choices import (
    AmountRule,
    ApplicationState,
    BatchState,
    Channel,
    Degree,
    InstalmentState,
    PaymentState,
)
from hrbureau.talent.models import (
    LIVE_APPLICATION,
    Instalment,
    Payment,
    PaymentBatch,
    SchemeRate,
    SubsidyApplication,
    SubsidyScheme,
)
from hrbureau.talent.reconcile import reconcile_batch

BANKS = ("中国工商银行深圳分行", "中国建设银行深圳分行", "招商银行深圳分行", "中国农业银行深圳分行")
FAILURES = ("账户已销户", "户名与账号不符")
AMOUNTS = {
    Degree.BACHELOR: Decimal("15000.00"),
    Degree.MASTER: Decimal("25000.00"),
    Degree.PHD: Decimal("30000.00"),
}


def _staff() -> Any:
    for department in ("talent", "employment", "labour_relations"):
        staff = (
            User.objects.filter(org_unit__code=department, role=Role.DEPT_STAFF, is_active=True)
            .order_by("id")
            .first()
        )
        if staff is not None:
            return staff
    return None


def _scheme() -> SubsidyScheme:
    scheme = SubsidyScheme.objects.filter(amount_rule=AmountRule.BY_DEGREE).order_by("id").first()
    if scheme is not None:
        return scheme
    scheme = SubsidyScheme.objects.create(
        code="living-subsidy",
        name="新引进人才生活补贴",
        name_en="New talent living subsidy",
        amount_rule=AmountRule.BY_DEGREE,
    )
    for degree, (amount, below) in {
        Degree.BACHELOR: (AMOUNTS[Degree.BACHELOR], 30),
        Degree.MASTER: (AMOUNTS[Degree.MASTER], 35),
        Degree.PHD: (AMOUNTS[Degree.PHD], 40),
    }.items():
        SchemeRate.objects.create(scheme=scheme, degree=degree, amount=amount, age_below=below)
    return scheme


def _approved(ctx: DemoContext, count: int) -> None:
    """``count`` approved applications of people with none for the scheme, each with a due instalment."""
    scheme = _scheme()
    rng = ctx.rng("talent-payments")
    taken = SubsidyApplication.objects.filter(LIVE_APPLICATION, scheme=scheme).values("person_id")
    people = list(Person.objects.exclude(pk__in=taken).order_by("id")[:count])
    today = timezone.localdate()
    start = SubsidyApplication.objects.filter(number__startswith="TS-D").count()
    for offset, person in enumerate(people, start=start + 1):
        degree = rng.choice([Degree.BACHELOR, Degree.MASTER, Degree.PHD])
        approved_on = today - dt.timedelta(days=rng.randint(5, 40))
        application = SubsidyApplication.objects.create(
            number=f"TS-D{offset:05d}",
            scheme=scheme,
            person=person,
            street_id=person.street_id,
            channel=Channel.COUNTER,
            degree=degree,
            graduated_on=today - dt.timedelta(days=rng.randint(60, 600)),
            amount=AMOUNTS[degree],
            bank_name=rng.choice(BANKS),
            account_name=person.name,
            account_number=f"6222{rng.randint(10**14, 10**15 - 1)}",
            levels_approved=2,
            approved_on=approved_on,
            state=ApplicationState.APPROVED,
        )
        Instalment.objects.create(
            application=application,
            number=1,
            period=str(today.year),
            amount=AMOUNTS[degree],
            due_on=approved_on,
            state=InstalmentState.DUE,
        )
    ctx.count("talent subsidy applications (for payment)", len(people))


def _answer(ctx: DemoContext, staff: Any, batch: PaymentBatch, *, failed: int) -> None:
    """The bank's result file for ``batch``: every line paid but the first ``failed`` chosen."""
    lines = list(Payment.objects.filter(batch=batch).order_by("line").values_list("line", "amount"))
    failing = {line for line, _amount in lines[1 : 1 + 3 * failed : 3]}
    book = Workbook()
    sheet = book.active
    sheet.append(["代发业务处理结果"])
    sheet.append(["序号", "金额", "处理状态", "回执号", "失败原因"])
    for index, (line, amount) in enumerate(lines):
        if line in failing:
            sheet.append([line, str(amount), "失败", "", FAILURES[index % len(FAILURES)]])
        else:
            sheet.append([line, str(amount), "成功", f"HD{batch.number[-5:]}{line:05d}", ""])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "result.xlsx"
        book.save(path)
        result = reconcile_batch(actor=staff, batch=batch, path=path)
    if not result.ok:
        raise RuntimeError(f"demo reconciliation failed: {result.errors[:3]}")
    ctx.count("payments reconciled", result.paid + result.failed)


def seed(ctx: DemoContext) -> None:
    staff = _staff()
    if staff is None:
        ctx.log("talent payments: no department staff; skipped")
        return
    if PaymentBatch.objects.filter(state=BatchState.RECONCILED).exists():
        return  # seeded before
    if Instalment.objects.filter(state=InstalmentState.DUE).count() < 6:
        _approved(ctx, 12)  # enough lines for two of them to fail
    if Instalment.objects.filter(state=InstalmentState.DUE).count() < 6:
        ctx.log("talent payments: too few people to pay; skipped")
        return
    # The first batch: sent, reconciled with two failures.
    first = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=first)
    _answer(ctx, staff, first, failed=2)
    # The second: the two failed (due again) paid.
    second = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=second)
    _answer(ctx, staff, second, failed=0)
    # Sent and waiting for the bank's answer.
    _approved(ctx, 3)
    waiting = payments.build_batch(actor=staff).batch
    payments.batch_export(actor=staff, batch=waiting)
    # Cancelled while drafted (its instalments due again), then drafted with two more.
    _approved(ctx, 2)
    cancelled = payments.build_batch(actor=staff).batch
    payments.batch_cancel(actor=staff, batch=cancelled, reason="发放名单需复核，作废重建")
    _approved(ctx, 2)
    payments.build_batch(actor=staff)
    ctx.count("payment batches", PaymentBatch.objects.count())
    ctx.log(
        "talent payments: %d batches, %d payments paid, %d failed",
        PaymentBatch.objects.count(),
        Payment.objects.filter(state=PaymentState.PAID).count(),
        Payment.objects.filter(state=PaymentState.FAILED).count(),
    )
