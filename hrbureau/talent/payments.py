"""Disbursement (发放): due instalments gathered into a payment batch, the batch's life on the workflow
core (drafted → exported → reconciled, or cancelled while drafted), and the services that move it.

A batch is built set-based: one ``INSERT … SELECT`` writes its lines (the payee, bank and account copied
from the application — the employer's name where the scheme pays the employer), one ``UPDATE`` marks the
instalments batched. Nothing is put in two batches: on PostgreSQL the due instalments are taken with
``FOR UPDATE SKIP LOCKED`` (two builds at once share them out), and everywhere the database constraint
of one sent-or-paid payment per instalment refuses a second line for the same instalment (the build is
then refused as a whole, nothing written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import counters
from hrbureau.core.money import to_fen
from hrbureau.core.workflow import TransitionError, create_case, declare_workflow, transition
from hrbureau.talent.choices import BatchState, InstalmentState, Payee, PaymentState
from hrbureau.talent.models import Instalment, Payment, PaymentBatch, SubsidyScheme

BATCH_WORKFLOW = declare_workflow(
    PaymentBatch,
    states=BatchState,
    initial=BatchState.DRAFTED,
    todo_states={BatchState.DRAFTED, BatchState.EXPORTED},
    final_states={BatchState.RECONCILED, BatchState.CANCELLED},
    slug="payment-batches",
)
BATCH_WORKFLOW.add(
    "export",
    gettext_lazy("Send to the bank (generate the payment file)"),
    source={BatchState.DRAFTED},
    target=BatchState.EXPORTED,
    permission="talent.manage_payment",
)
# Taken by the import of the bank's result file once every line is paid or failed, never by hand.
BATCH_WORKFLOW.add(
    "reconcile",
    gettext_lazy("Reconciled with the bank's results"),
    source={BatchState.EXPORTED},
    target=BatchState.RECONCILED,
    permission="talent.manage_payment",
    offered=False,
)
BATCH_WORKFLOW.add(
    "cancel",
    gettext_lazy("Cancel the batch"),
    source={BatchState.DRAFTED},
    target=BatchState.CANCELLED,
    permission="talent.manage_payment",
    requires_reason=True,
    button="danger",
)


class EmptyBatch(TransitionError):
    """No instalment is due (of the scheme asked for): no batch is made."""


@dataclass(frozen=True)
class BuildResult:
    batch: PaymentBatch
    left_out: int  # due instalments left out for want of an account number


def _next_number() -> str:
    year = timezone.localdate().year
    return f"FF{year}{counters.next_value(f'payment-batch-{year}'):05d}"


def _due_filter(scheme: SubsidyScheme | None) -> tuple[str, list[Any]]:
    """The WHERE of the due instalments to gather (with an account to pay into)."""
    where = "i.state = %s AND a.account_number <> ''"
    params: list[Any] = [InstalmentState.DUE]
    if scheme is not None:
        where += " AND a.scheme_id = %s"
        params.append(scheme.pk)
    return where, params


def _insert_lines(batch: PaymentBatch, scheme: SubsidyScheme | None, limit: int | None) -> int:
    """One INSERT … SELECT of the batch's lines, numbered 1, 2, … in the instalments' order."""
    where, params = _due_filter(scheme)
    taken = (
        f"SELECT i.id FROM talent_instalment i JOIN talent_subsidyapplication a ON a.id = i.application_id"  # noqa: S608 (names and placeholders only)
        f" WHERE {where} ORDER BY i.id"
    )
    if limit is not None:
        taken += f" LIMIT {int(limit)}"
    if connection.vendor == "postgresql":
        # Two builds at once share the due instalments out instead of both taking them.
        taken += " FOR UPDATE OF i SKIP LOCKED"
    now = timezone.now()
    sql = f"""
        INSERT INTO talent_payment (batch_id, instalment_id, line, amount, payee_name, bank_name,
                                    account_number, state, receipt_number, failure_reason,
                                    created_at, updated_at)
        SELECT %s, i.id, ROW_NUMBER() OVER (ORDER BY i.id), i.amount,
               CASE WHEN s.payee = %s AND e.id IS NOT NULL THEN e.name
                    WHEN a.account_name <> '' THEN a.account_name ELSE p.name END,
               a.bank_name, a.account_number, %s, '', '', %s, %s
          FROM talent_instalment i
          JOIN talent_subsidyapplication a ON a.id = i.application_id
          JOIN talent_subsidyscheme s ON s.id = a.scheme_id
          JOIN people_person p ON p.id = a.person_id
          LEFT JOIN enterprises_enterprise e ON e.id = a.employer_id
         WHERE i.id IN ({taken})
    """  # noqa: S608 (names and placeholders only)
    with connection.cursor() as cursor:
        cursor.execute(sql, [batch.pk, Payee.EMPLOYER, PaymentState.DRAFTED, now, now, *params])
        return cursor.rowcount


def build_batch(*, actor: Any, scheme: SubsidyScheme | None = None, limit: int | None = None) -> BuildResult:
    """Gather the due instalments (of ``scheme``, at most ``limit``) into a new drafted batch."""
    if not actor.has_perm("talent.manage_payment"):
        raise PermissionDenied("talent.manage_payment")
    try:
        with transaction.atomic():
            # The builder's unit sends it and reconciles it: it stays on that unit's to-do list until then.
            batch = PaymentBatch(
                number=_next_number(), created_by=actor, assigned_unit_id=getattr(actor, "org_unit_id", None)
            )
            create_case(batch, actor=actor, data={"scheme": scheme.pk if scheme else None, "limit": limit})
            count = _insert_lines(batch, scheme, limit)
            if count <= 0:
                raise EmptyBatch(_("No instalment is due: there is nothing to put in a batch."))
            marked = Instalment.objects.filter(
                state=InstalmentState.DUE,
                pk__in=Payment.objects.filter(batch=batch).values("instalment_id"),
            ).update(state=InstalmentState.BATCHED, updated_at=timezone.now())
            if marked != count:
                raise TransitionError(
                    _("Another batch took some of these instalments meanwhile. Build the batch again.")
                )
            totals = Payment.objects.filter(batch=batch).aggregate(n=Count("id"), s=Sum("amount"))
            batch.count, batch.total = totals["n"], to_fen(totals["s"])
            batch.save(update_fields=["count", "total", "updated_at"])
    except IntegrityError:
        # The constraint of one sent-or-paid payment per instalment: another build took one meanwhile.
        raise TransitionError(
            _("Another batch took some of these instalments meanwhile. Build the batch again.")
        ) from None
    left_out = Instalment.objects.filter(state=InstalmentState.DUE, application__account_number="")
    if scheme is not None:
        left_out = left_out.filter(application__scheme=scheme)
    return BuildResult(batch=batch, left_out=left_out.count())


@BATCH_WORKFLOW.performs("export", case="batch")
def batch_export(*, actor: Any, batch: PaymentBatch, reason: str = "") -> PaymentBatch:
    """Mark the batch sent to the bank: its payment file is from now on the one the bank pays from, and
    its lines are sent."""
    with transaction.atomic():
        transition(batch, "export", actor=actor, reason=reason, fields={"exported_at": timezone.now()})
        Payment.objects.filter(batch=batch, state=PaymentState.DRAFTED).update(
            state=PaymentState.SENT, updated_at=timezone.now()
        )
    return batch


@BATCH_WORKFLOW.performs("cancel", case="batch")
def batch_cancel(*, actor: Any, batch: PaymentBatch, reason: str) -> PaymentBatch:
    """Give up a drafted batch (never sent to the bank): its lines go, its instalments are due again."""
    with transaction.atomic():
        transition(batch, "cancel", actor=actor, reason=reason, data={"lines": batch.count})
        Instalment.objects.filter(
            state=InstalmentState.BATCHED,
            pk__in=Payment.objects.filter(batch=batch).values("instalment_id"),
        ).update(state=InstalmentState.DUE, updated_at=timezone.now())
        Payment.objects.filter(batch=batch).delete()
    return batch


def batch_lines(batch: PaymentBatch) -> Any:
    return Payment.objects.filter(batch=batch).order_by("line")


def batch_totals(batch: PaymentBatch) -> dict[str, Any]:
    """Lines and yuan of the batch by the bank's answer (sent, paid, failed)."""
    rows = Payment.objects.filter(batch=batch).values("state").annotate(n=Count("id"), s=Sum("amount"))
    found = {row["state"]: (row["n"], to_fen(row["s"])) for row in rows}
    shown = [PaymentState.DRAFTED] if batch.state == BatchState.DRAFTED else PaymentState.values[1:]
    return {
        state: {
            "count": found.get(state, (0, to_fen(None)))[0],
            "total": found.get(state, (0, to_fen(None)))[1],
        }
        for state in shown
    }
