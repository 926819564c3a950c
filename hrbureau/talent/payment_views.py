"""Disbursement's pages beyond the declared lists and the batch's case page: building a batch, the bank
file's download (audited: it carries whole ID numbers), the upload of the bank's result file with its
error report, and the totals paid."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind
from hrbureau.core.exports import XLSX_CONTENT_TYPE
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import TransitionError
from hrbureau.talent import payment_figures, payments
from hrbureau.talent.bank_file import write_bank_file
from hrbureau.talent.choices import BatchState
from hrbureau.talent.models import PaymentBatch
from hrbureau.talent.payment_forms import BuildForm, ResultFileForm, TotalsForm
from hrbureau.talent.reconcile import reconcile_batch


@permission_required("talent.manage_payment")
def batch_build(request: HttpRequest) -> HttpResponseBase:
    form = BuildForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            built = payments.build_batch(
                actor=request.user, scheme=form.cleaned_data["scheme"], limit=form.cleaned_data["limit"]
            )
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _("Batch %(number)s built: %(count)d payments, %(total)s yuan.")
                % {"number": built.batch.number, "count": built.batch.count, "total": built.batch.total},
            )
            if built.left_out:
                messages.warning(
                    request,
                    _("%(count)d due instalments have no bank account and were left out.")
                    % {"count": built.left_out},
                )
            return redirect("talent:batch", pk=built.batch.pk)
    return render(request, "talent/payments/batch_build.html", {"form": form})


@permission_required("talent.export_payment")
def bank_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The batch's payment file for the bank, once it is sent (the full ID numbers: an audited export)."""
    batch = get_for_user_or_404(PaymentBatch.objects.all(), request.user, pk=pk)
    if batch.state not in (BatchState.EXPORTED, BatchState.RECONCILED):
        messages.error(request, _("Send the batch to the bank first: its file is generated then."))
        return redirect("talent:batch", pk=batch.pk)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by FileResponse)
    count = write_bank_file(handle, batch)
    handle.seek(0)
    for kind in (AuditKind.EXPORT, AuditKind.REVEAL):
        audit_record(
            kind=kind,
            request=request,
            target=batch,
            reason=f"bank file {batch.number}",
            detail={"rows": count},
        )
    return FileResponse(
        handle, as_attachment=True, filename=f"{batch.number}-bank.xlsx", content_type=XLSX_CONTENT_TYPE
    )


@require_POST
@permission_required("talent.manage_payment")
def result_upload(request: HttpRequest, pk: int) -> HttpResponseBase:
    batch = get_for_user_or_404(PaymentBatch.objects.all(), request.user, pk=pk)
    form = ResultFileForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name or "result.xlsx").suffix.lower() or ".xlsx"
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"result{suffix}"
            with open(path, "wb") as target:
                for chunk in upload.chunks():
                    target.write(chunk)
            result = reconcile_batch(actor=request.user, batch=batch, path=path)
        if result.ok:
            messages.success(
                request,
                _("%(paid)d paid and %(failed)d failed lines reconciled.")
                % {"paid": result.paid, "failed": result.failed},
            )
            return redirect("talent:batch", pk=batch.pk)
    return render(
        request,
        "talent/payments/result_errors.html",
        {"batch": batch, "form": form, "result": result},
        status=400,
    )


@permission_required("talent.view_payment")
def payment_totals(request: HttpRequest) -> HttpResponseBase:
    form = TotalsForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    user: Any = request.user
    context = {
        "form": form,
        "year": year,
        "total": payment_figures.grand_total(user, year=year),
        "by_scheme": payment_figures.by_scheme(user, year=year),
        "by_street": payment_figures.by_street(user, year=year),
        "by_month": payment_figures.by_month(user, year=year),
        "by_year": payment_figures.by_year(user),
    }
    return render(request, "talent/payments/totals.html", context)
