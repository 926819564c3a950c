"""Reconciliation (对账): the bank's result file of a batch read back, line by line.

The file is read with core's reader (xlsx, or a CSV in UTF-8 or GBK as the bank's system writes it; a
title row above the header is passed over) and its header mapped with core's header machinery
(``core.imports.spec``: 序号 or 流水号, 状态, 回单号 or 回执号, 失败原因 …). Each row names the batch's line
number; the amount and account, where the file has them, must be the line's. A paid line gets its
receipt number and its instalment is paid; a failed line its reason, and its instalment is due again so
that a later batch pays it.

All or nothing per file: an unknown line, a mismatch, a status that is neither, a line already
reconciled (the same file imported twice) — any error and nothing is written; the errors come back as a
report. So nothing is paid twice. The batch is reconciled once every line is paid or failed; an
application whose instalments are all paid or stopped is completed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.identifiers import to_half_width
from hrbureau.core.imports.reader import numbered_rows
from hrbureau.core.imports.spec import Column, ImportSpec, find_header, map_headers, text_cell
from hrbureau.core.models import CaseEvent
from hrbureau.core.workflow import transition
from hrbureau.talent.choices import ApplicationState, BatchState, InstalmentState, PaymentState
from hrbureau.talent.models import Instalment, Payment, PaymentBatch, SubsidyApplication

PAID_WORDS = {"成功", "已支付", "支付成功", "交易成功", "已入账", "success", "succeeded", "paid", "ok", "s"}
FAILED_WORDS = {"失败", "支付失败", "交易失败", "退回", "退票", "fail", "failed", "failure", "error", "f"}


def _none(*args: Any) -> Any:  # the spec is used for its header mapping only
    raise NotImplementedError


RESULT_FILE = ImportSpec(
    key="talent-bank-results",
    title=gettext_lazy("Bank result file"),
    permission="talent.manage_payment",
    columns=(
        Column("line", gettext_lazy("Line"), ("序号", "流水号", "行号", "明细序号", "编号"), required=True),
        Column(
            "status",
            gettext_lazy("Status"),
            ("状态", "处理状态", "交易状态", "支付状态", "结果"),
            required=True,
        ),
        Column(
            "receipt",
            gettext_lazy("Receipt number"),
            ("回单号", "回执号", "银行流水号", "交易流水号", "凭证号"),
        ),
        Column("reason", gettext_lazy("Failure reason"), ("失败原因", "原因", "备注", "错误信息")),
        Column(
            "amount",
            gettext_lazy("Amount (yuan)"),
            ("金额", "金额(元)", "金额（元）", "交易金额", "付款金额"),
        ),
        Column("account", gettext_lazy("Account number"), ("收款账号", "账号", "收款人账号", "卡号")),
    ),
    key_column="line",
    clean=_none,
    context=_none,
    existing=_none,
    write=_none,
    list_url_name="talent:batches",
)


@dataclass
class ReconcileResult:
    rows: int = 0
    paid: int = 0
    failed: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row in the file, what is wrong)
    reconciled: bool = False  # the batch is now reconciled

    @property
    def ok(self) -> bool:
        return not self.errors


def _amount(value: Any) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number cell: to the fen (a float's binary tail rounded away).
        return Decimal(round(value * 100)) / 100
    if str(value).strip() == "":
        return None
    try:
        return Decimal(to_half_width(str(value)).replace(",", "").replace("元", "").strip()).quantize(
            Decimal("0.01")
        )
    except InvalidOperation:
        return Decimal("NaN")


_STATUS_SEEN: dict[Any, str | None] = {}


def _status(value: Any) -> str | None:
    # A bank's file says the same few words on every line: each is worked out once.
    found = _STATUS_SEEN.get(value, "?") if isinstance(value, str) else "?"
    if found != "?":
        return found
    word = to_half_width(text_cell(value)).lower().replace(" ", "")
    found = PaymentState.PAID if word in PAID_WORDS else PaymentState.FAILED if word in FAILED_WORDS else None
    if isinstance(value, str) and len(_STATUS_SEEN) < 1000:
        _STATUS_SEEN[value] = found
    return found


def read_result_file(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], list[tuple[int, str]]]:
    """The rows of the bank's file as {field: cell}, and the errors of the file as a whole."""
    rows = list(numbered_rows(path))
    if not rows:
        return [], [(0, _("The file is empty."))]
    header_number = find_header(RESULT_FILE, rows)
    header = next(cells for number, cells in rows if number == header_number)
    mapping, _ignored, missing = map_headers(RESULT_FILE, header)
    if missing:
        return [], [
            (header_number, _("The file has no column for: %(columns)s.") % {"columns": "、".join(missing)})
        ]
    found = []
    for number, cells in rows:
        if number <= header_number:
            continue
        found.append((number, {key: cells[i] if i < len(cells) else None for i, key in mapping.items()}))
    return found, []


def _check(
    batch: PaymentBatch, rows: list[tuple[int, dict[str, Any]]], result: ReconcileResult
) -> list[tuple[int, str, str, str]]:
    """The settled lines (payment id, state, receipt, reason) if every row is right; errors otherwise."""
    lines = {
        line: (pk, amount, account, state)
        for pk, line, amount, account, state in Payment.objects.filter(batch=batch).values_list(
            "pk", "line", "amount", "account_number", "state"
        )
    }
    settled: list[tuple[int, str, str, str]] = []
    seen: dict[int, int] = {}
    for number, cells in rows:
        result.rows += 1
        raw = cells.get("line")
        if isinstance(raw, int | float) and not isinstance(raw, bool) and raw == int(raw):
            line = int(raw)
        else:
            raw_line = text_cell(raw)
            if raw_line in ("合计", "总计", "小计") or raw_line.startswith("合计"):
                result.rows -= 1  # a total row is no line
                continue
            try:
                line = int(Decimal(to_half_width(raw_line)))
            except (InvalidOperation, ValueError):
                result.errors.append((number, _("“%(value)s” is not a line number.") % {"value": raw_line}))
                continue
        known = lines.get(line)
        if known is None:
            result.errors.append(
                (
                    number,
                    _("Line %(line)d is not in batch %(batch)s.") % {"line": line, "batch": batch.number},
                )
            )
            continue
        if line in seen:
            result.errors.append(
                (number, _("Line %(line)d is also on row %(row)d.") % {"line": line, "row": seen[line]})
            )
            continue
        seen[line] = number
        pk, amount, account, state = known
        if state != PaymentState.SENT:
            result.errors.append((number, _("Line %(line)d is already reconciled.") % {"line": line}))
            continue
        given = _amount(cells.get("amount"))
        if given is not None and given != amount:
            result.errors.append(
                (
                    number,
                    _("Line %(line)d: the amount %(given)s is not the %(amount)s sent.")
                    % {"line": line, "given": cells.get("amount"), "amount": amount},
                )
            )
            continue
        given_account = cells.get("account")
        if given_account is not None and given_account != account:
            given_account = to_half_width(text_cell(given_account)).replace(" ", "")
        if given_account and given_account != account.replace(" ", ""):
            result.errors.append(
                (number, _("Line %(line)d: the account is not the one sent.") % {"line": line})
            )
            continue
        status = _status(cells.get("status"))
        if status is None:
            result.errors.append(
                (
                    number,
                    _("Line %(line)d: “%(value)s” is neither success (成功) nor failure (失败).")
                    % {"line": line, "value": cells.get("status")},
                )
            )
            continue
        receipt = text_cell(cells.get("receipt"))[:60]
        reason = text_cell(cells.get("reason"))[:300]
        if status == PaymentState.FAILED and not reason:
            reason = _("No reason given by the bank.")
        settled.append(
            (
                pk,
                status,
                receipt if status == PaymentState.PAID else "",
                reason if status == PaymentState.FAILED else "",
            )
        )
    return settled


def reconcile_batch(*, actor: Any, batch: PaymentBatch, path: Path) -> ReconcileResult:
    """Read the bank's result file of ``batch`` at ``path`` and settle its lines — all of them or none."""
    if not actor.has_perm("talent.manage_payment"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("talent.manage_payment")
    result = ReconcileResult()
    if batch.state != BatchState.EXPORTED:
        result.errors.append(
            (
                0,
                _("Only a batch sent to the bank is reconciled; this one is “%(state)s”.")
                % {"state": BatchState(batch.state).label},
            )
        )
        return result
    try:
        rows, errors = read_result_file(path)
    except ValidationError as error:
        result.errors.append((0, " ".join(error.messages)))
        return result
    result.errors.extend(errors)
    if result.errors:
        return result
    if not rows:
        result.errors.append((0, _("The file has no lines.")))
        return result
    with transaction.atomic():
        # Locks the batch: two imports of results for it at once take turns.
        PaymentBatch.objects.select_for_update().filter(pk=batch.pk).first()
        settled = _check(batch, rows, result)
        if result.errors:
            return result
        _write(batch, settled, result)
        if not Payment.objects.filter(batch=batch, state=PaymentState.SENT).exists():
            batch.refresh_from_db(fields=["state", "version"])
            transition(
                batch,
                "reconcile",
                actor=actor,
                data={"paid": result.paid, "failed": result.failed},
                fields={"reconciled_at": timezone.now()},
            )
            result.reconciled = True
    return result


def _write(batch: PaymentBatch, settled: list[tuple[int, str, str, str]], result: ReconcileResult) -> None:
    now = timezone.now()
    _update_lines(settled, now)
    result.paid = sum(1 for _pk, status, _r, _x in settled if status == PaymentState.PAID)
    result.failed = len(settled) - result.paid
    mine = Payment.objects.filter(batch=batch, reconciled_at=now)
    Instalment.objects.filter(
        state=InstalmentState.BATCHED,
        pk__in=mine.filter(state=PaymentState.PAID).values("instalment_id"),
    ).update(state=InstalmentState.PAID, updated_at=now)
    # A failed payment: the instalment is due again and goes into a later batch.
    Instalment.objects.filter(
        state=InstalmentState.BATCHED,
        pk__in=mine.filter(state=PaymentState.FAILED).values("instalment_id"),
    ).update(state=InstalmentState.DUE, updated_at=now)
    _complete_applications(mine, now)


def _update_lines(settled: list[tuple[int, str, str, str]], now: dt.datetime) -> None:
    """Each line's answer (state, receipt, reason) written by one UPDATE from a temporary table of the
    answers: the receipts differ line by line, and neither a query per line nor a CASE with 20,000
    branches keeps up with a bank's file."""
    table = "talent_reconcile_answers"
    with connection.cursor() as cursor:
        # Dropped before (a reconciliation earlier in the same transaction) and after.
        cursor.execute(f"DROP TABLE IF EXISTS {table}")
        if connection.vendor == "postgresql":
            cursor.execute(
                f"CREATE TEMPORARY TABLE {table} (id bigint PRIMARY KEY, state varchar(20), "
                "receipt varchar(60), reason varchar(300))"
            )
        else:
            cursor.execute(
                f"CREATE TEMPORARY TABLE {table} (id integer PRIMARY KEY, state text, receipt text, reason text)"
            )
        for start in range(0, len(settled), 5000):
            cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", settled[start : start + 5000])  # noqa: S608 (names and placeholders only)
        answer = f"(SELECT a.{{}} FROM {table} a WHERE a.id = talent_payment.id)"  # noqa: S608 (names and placeholders only)
        cursor.execute(
            f"UPDATE talent_payment SET state = {answer.format('state')}, "  # noqa: S608 (names and placeholders only)
            f"receipt_number = {answer.format('receipt')}, failure_reason = {answer.format('reason')}, "
            f"reconciled_at = %s, updated_at = %s WHERE id IN (SELECT id FROM {table})",
            [connection.ops.adapt_datetimefield_value(now)] * 2,
        )
        cursor.execute(f"DROP TABLE {table}")


def _complete_applications(mine: Any, now: dt.datetime) -> None:
    """Applications whose instalments are now all paid or stopped are completed (set-based, an event
    row each)."""
    open_instalments = Instalment.objects.filter(application=OuterRef("pk")).exclude(
        state__in=[InstalmentState.PAID, InstalmentState.STOPPED]
    )
    done = SubsidyApplication.objects.filter(
        state=ApplicationState.APPROVED,
        pk__in=mine.filter(state=PaymentState.PAID).values("instalment__application_id"),
    ).exclude(Exists(open_instalments))
    ids = list(done.values_list("pk", flat=True))
    moment = connection.ops.adapt_datetimefield_value(now)
    label = SubsidyApplication._meta.label_lower
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        SubsidyApplication.objects.filter(pk__in=chunk, state=ApplicationState.APPROVED).update(
            state=ApplicationState.COMPLETED, version=F("version") + 1, updated_at=now
        )
        # The completion recorded on each application as its event, in one INSERT … SELECT.
        marks = ", ".join(["%s"] * len(chunk))
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {CaseEvent._meta.db_table} (created_at, case_type, case_id, name, from_state,"  # noqa: S608 (names and placeholders only)
                " to_state, actor_id, actor_name, reason, data)"
                f" SELECT %s, %s, id, 'complete', %s, %s, NULL, '', '', '{{}}'"
                f" FROM {SubsidyApplication._meta.db_table} WHERE id IN ({marks})",
                [moment, label, ApplicationState.APPROVED, ApplicationState.COMPLETED, *chunk],
            )
