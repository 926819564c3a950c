"""The bank's payment file (代发文件) of a batch: one xlsx row per line with the columns a bank's bulk
payment (代发) asks for. The full ID number is in it — the bank checks the payee by it — so the download is
allowed to those who may export payments and recorded in the audit as an export that reveals ID numbers.

Written row by row by ``core.exports.write_xlsx`` (xlsxwriter in constant-memory mode), the lines read
with one query as an iterator: 20,000 lines cost the same memory as 20."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from hrbureau.core.exports import write_xlsx
from hrbureau.talent.choices import Payee
from hrbureau.talent.models import Payment, PaymentBatch

# The bank's own column names, in the bank's order (they are not translated: the bank reads them).
COLUMNS = ("序号", "收款人姓名", "证件号码", "收款账号", "开户行", "金额(元)", "用途/摘要", "批次号")
TEXT_COLUMNS = {2, 3, 7}  # ID numbers and accounts stay text (Excel would round 18 digits)


def bank_rows(batch: PaymentBatch) -> Iterator[tuple[Any, ...]]:
    purpose = _("Talent subsidy")
    rows = (
        Payment.objects.filter(batch=batch)
        .order_by("line")
        .values_list(
            "line",
            "payee_name",
            "instalment__application__scheme__payee",
            "instalment__application__person__id_number",
            "instalment__application__employer__uscc",
            "account_number",
            "bank_name",
            "amount",
            "instalment__application__scheme__name",
            "instalment__number",
        )
    )
    for line, payee, paid_to, id_number, uscc, account, bank, amount, scheme, number in rows.iterator(
        chunk_size=5000
    ):
        identifier = uscc if paid_to == Payee.EMPLOYER and uscc else id_number
        yield (line, payee, identifier, account, bank, amount, f"{purpose} {scheme} #{number}", batch.number)


def write_bank_file(target: Any, batch: PaymentBatch) -> int:
    """Write the batch's payment file to ``target`` (a path or a binary file); the number of lines."""
    return write_xlsx(
        target, columns=COLUMNS, rows=bank_rows(batch), text_columns=TEXT_COLUMNS, sheet_name=batch.number
    )
