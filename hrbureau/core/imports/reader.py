"""Reading a spreadsheet: xlsx/xlsm/xls/ods through python-calamine, csv in UTF-8 or GB18030 (what Excel
on a Chinese Windows writes). Yields the header row and then each data row as a list of cell values."""

from __future__ import annotations

import contextlib
import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


def _blank(row: list[Any]) -> bool:
    # A plain loop, not all(<generator>): it runs for every row, and most rows end it at their first cell.
    for cell in row:  # noqa: SIM110
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    else:
        raise ValidationError(_("The CSV file is neither UTF-8 nor GB18030 text."))
    dialect: Any = csv.excel
    with contextlib.suppress(csv.Error):  # not enough text to tell: the default comma dialect
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    yield from csv.reader(io.StringIO(text), dialect)


def _spreadsheet_rows(path: Path) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise ValidationError(
            _("The file cannot be read as a spreadsheet (%(error)s).") % {"error": exc}
        ) from exc
    yield from sheet.iter_rows()


def read_rows(path: Path) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    """(header cells, iterator of (spreadsheet row number, cells)) — blank rows skipped, numbers 1-based
    as the user sees them in Excel."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(_("Upload an .xlsx, .xls, .ods or .csv file."))
    rows = _csv_rows(path) if suffix == ".csv" else _spreadsheet_rows(path)
    numbered = ((number, list(row)) for number, row in enumerate(rows, start=1))
    for _number, row in numbered:
        if not _blank(row):
            header = row
            break
    else:
        raise ValidationError(_("The file is empty."))

    def data() -> Iterator[tuple[int, list[Any]]]:
        for row_number, cells in numbered:
            if not _blank(cells):
                yield row_number, cells

    return header, data()


def count_rows(path: Path) -> int:
    _, rows = read_rows(path)
    return sum(1 for _ in rows)
