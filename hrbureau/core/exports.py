"""Exports of lists to xlsx (mechanism 5).

Every export names its list's export permission (``<app>.export_<what>``), and ``xlsx_response`` refuses a
reader without it (403, audited like every refusal) before a row is read: seeing a list on screen does not
by itself allow taking all of it away in a file.

xlsxwriter in constant-memory mode writes row by row to a temporary file, so exporting a large list
holds one row in memory, not the list. Identifier and code columns are written as text: Excel would
otherwise turn an 18-digit ID number into 4.40301E+17 and lose its last digits (DOMAIN.md §4).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest
from django.utils import timezone

from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind
from hrbureau.core.permissions import is_declared

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def write_xlsx(
    target: Any,
    *,
    columns: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    text_columns: set[int] = frozenset(),  # type: ignore[assignment]
    sheet_name: str = "Sheet1",
) -> int:
    """Write ``rows`` under ``columns`` to ``target`` (a path or a file object); return the row count."""
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "remove_timezone": True,
        },
    )
    sheet = workbook.add_worksheet(sheet_name[:31])
    header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    when = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    for index, title in enumerate(columns):
        sheet.write_string(0, index, str(title), header)
        sheet.set_column(
            index, index, 24 if index in text_columns else 16, text if index in text_columns else None
        )
    count = 0
    for count, row in enumerate(rows, start=1):
        for index, value in enumerate(row):
            if value is None or value == "":
                continue
            if index in text_columns:
                sheet.write_string(count, index, str(value), text)
            elif isinstance(value, bool):
                sheet.write_boolean(count, index, value)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(count, index, float(value))
            elif isinstance(value, dt.datetime):
                sheet.write_datetime(
                    count, index, timezone.localtime(value) if timezone.is_aware(value) else value, when
                )
            elif isinstance(value, dt.date):
                sheet.write_datetime(count, index, value, date)
            else:
                # Never let a cell starting with "=" become a formula (CSV/xlsx injection).
                sheet.write_string(count, index, str(value))
    sheet.freeze_panes(1, 0)
    workbook.close()
    return count


def is_export_permission(permission: str) -> bool:
    return is_declared(permission) and permission.partition(".")[2].startswith("export_")


def xlsx_response(
    *,
    request: HttpRequest,
    permission: str,
    filename: str,
    columns: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    text_columns: set[int] = frozenset(),  # type: ignore[assignment]
) -> FileResponse:
    """The list as an xlsx download, for a reader holding ``permission`` (the list's export permission);
    anyone else gets a 403 before ``rows`` is read."""
    if not is_export_permission(permission):
        raise ValueError(f"{permission!r} is not a declared export permission")
    if not request.user.has_perm(permission):
        raise PermissionDenied(permission)
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by FileResponse)
    count = write_xlsx(handle, columns=columns, rows=rows, text_columns=text_columns)
    handle.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    audit_record(kind=AuditKind.EXPORT, request=request, reason=filename, detail={"rows": count})
    return FileResponse(
        handle, as_attachment=True, filename=f"{filename}-{stamp}.xlsx", content_type=XLSX_CONTENT_TYPE
    )
