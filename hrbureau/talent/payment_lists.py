"""Disbursement's declared lists and the batch's case page (``core.lists``, ``core.casepage``): the
batches, the payments (filters by state, scheme, street and batch), and the batch page with its lines,
totals and actions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, of_record
from hrbureau.core.identifiers import mask_account
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, labelled, link
from hrbureau.talent.choices import BatchState, PaymentState
from hrbureau.talent.models import Payment, PaymentBatch


def _schemes() -> list[tuple[Any, str]]:
    # A handful of rows, read with the page (one query): a scheme configured a moment ago is offered.
    from hrbureau.talent.models import SubsidyScheme

    return [("", str(_("All schemes"))), *SubsidyScheme.objects.order_by("code").values_list("pk", "name")]


def _streets() -> list[tuple[Any, str]]:
    from hrbureau.accounts.choices import OrgUnitKind
    from hrbureau.accounts.selectors import unit_choices
    from hrbureau.core.choicecache import cached_choices

    text = str(_("All streets"))
    return cached_choices(
        "orgunits", lambda: [("", text), *unit_choices(OrgUnitKind.STREET)], variant=f"talent-streets|{text}"
    )


BATCHES = ListSpec(
    name="paymentbatch",
    title=_("Payment batches"),
    permission="talent.view_payment",
    rows=lambda user: PaymentBatch.objects.for_user(user),
    ordering=("-id",),
    filters=(Choice("state", _("State"), BatchState, empty=_("All states")),),
    columns=(
        Column(
            _("Number"),
            "text-code",
            value=lambda b: b.number,
            html=lambda b: link("talent:batch", b.pk, b.number),
            text=True,
        ),
        Column(_("State"), value=labelled(BatchState)),
        Column(_("Payments"), "text-end", value=lambda b: b.count),
        Column(_("Total (yuan)"), "text-end", value=lambda b: b.total),
        Column(_("Built at"), "text-nowrap", value=lambda b: b.created_at, card=False),
        Column(_("Sent to the bank at"), "text-nowrap", value=lambda b: b.exported_at, card=False),
        Column(_("Reconciled at"), "text-nowrap", value=lambda b: b.reconciled_at, card=False),
    ),
    export=Export("talent.export_payment", filename="payment-batches"),
    actions=(
        Action(
            _("Build a batch"),
            "talent:batch_build",
            "talent.manage_payment",
            primary=True,
            testid="build-batch",
        ),
        Action(_("Totals paid"), "talent:payment_totals", "talent.view_payment", icon="chart-bar"),
    ),
    empty=_("No payment batches yet."),
)

_RELATED = (
    "batch",
    "instalment__application__scheme",
    "instalment__application__street",
)

PAYMENTS = ListSpec(
    name="payment",
    title=_("Subsidy payments"),
    permission="talent.view_payment",
    rows=lambda user: Payment.objects.for_user(user),
    ordering=("-id",),
    filters=(
        of_record("batch", "batch_id"),
        Choice("state", _("State"), PaymentState, empty=_("All states")),
        Choice(
            "scheme",
            _("Scheme"),
            source=_schemes,
            coerce=int,
            lookup="instalment__application__scheme_id",
        ),
        Choice(
            "street",
            _("Street"),
            source=_streets,
            coerce=int,
            lookup="instalment__application__street_id",
        ),
    ),
    columns=(
        Column(
            _("Batch"),
            "text-code",
            value=lambda p: p.batch.number,
            html=lambda p: link("talent:batch", p.batch_id, p.batch.number),
            text=True,
        ),
        Column(_("Line"), "text-end", value=lambda p: p.line),
        Column(_("Payee"), value=lambda p: p.payee_name),
        Column(_("Scheme"), value=lambda p: str(p.instalment.application.scheme)),
        Column(_("Street"), value=lambda p: str(p.instalment.application.street or "")),
        Column(_("Account"), "text-code", value=lambda p: mask_account(p.account_number), text=True),
        Column(_("Amount (yuan)"), "text-end", value=lambda p: p.amount),
        Column(_("State"), value=labelled(PaymentState)),
        Column(_("Receipt number"), "text-code", value=lambda p: p.receipt_number, text=True, card=False),
        Column(_("Failure reason"), value=lambda p: p.failure_reason, card=False),
        Column(_("Reconciled at"), "text-nowrap", value=lambda p: p.reconciled_at, card=False),
    ),
    page_related=_RELATED,
    export=Export("talent.export_payment", filename="payments", related=_RELATED),
    empty=_("No payments match."),
)

LINES_SHOWN = 50


@dataclass(frozen=True)
class BatchPage(CasePage):
    """The batch's case page with its totals by the bank's answer, a page of its lines, the bank file's
    download and the upload of the bank's result file."""

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        from hrbureau.talent.payments import batch_totals

        totals = batch_totals(case)
        lines = case.payments.select_related("instalment__application__scheme").order_by("line")
        return {
            "lines": list(lines[:LINES_SHOWN]),
            "lines_shown": LINES_SHOWN,
            **super().context(case=case, user=user),
            "totals": [
                (choice_labels(PaymentState)[state], row["count"], row["total"])
                for state, row in totals.items()
            ],
            "may_download": case.state in (BatchState.EXPORTED, BatchState.RECONCILED)
            and user.has_perm("talent.export_payment"),
            "may_upload": case.state == BatchState.EXPORTED and user.has_perm("talent.manage_payment"),
        }


BATCH_PAGE = BatchPage(
    kind=_("Payment batch"),
    permission="talent.view_payment",
    model=PaymentBatch,
    heading=lambda b: b.number,
    related=("created_by",),
    template="talent/payments/batch_detail.html",
    fields=(
        Column(_("Payments"), value=lambda b: b.count),
        Column(_("Total (yuan)"), value=lambda b: b.total),
        Column(_("Built by"), value=lambda b: b.created_by.get_full_name() if b.created_by else ""),
        Column(_("Sent to the bank at"), value=lambda b: b.exported_at),
        Column(_("Reconciled at"), value=lambda b: b.reconciled_at),
    ),
)
