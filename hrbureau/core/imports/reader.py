"""Reading a spreadsheet: xlsx/xlsm/xls/ods through python-calamine, csv in UTF-8 or GB18030 (what Excel
on a Chinese Windows writes). Yields the non-blank rows, numbered as the user sees them in Excel.

Only a file that ``filecheck.measure`` found within the limits is read here: calamine holds the whole
sheet in memory.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hrbureau.core.imports.filecheck import csv_dialect, csv_text

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = SPREADSHEET_SUFFIXES | {".csv"}


def _blank(row: list[Any]) -> bool:
    # A plain loop, not all(<generator>): it runs for every row, and most rows end it at their first cell.
    for cell in row:  # noqa: SIM110
        if cell is not None and (not isinstance(cell, str) or cell.strip()):
            return False
    return True


def _csv_rows(path: Path) -> Iterator[list[Any]]:
    text = csv_text(path)
    yield from csv.reader(io.StringIO(text), csv_dialect(text))


def _spreadsheet_rows(path: Path) -> Iterator[list[Any]]:
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except Exception as exc:  # calamine raises its own error types for every kind of damage
        raise ValidationError(
            _("The file cannot be read as a spreadsheet (%(error)s).") % {"error": exc}
        ) from exc
    # calamine gives the rows from the first one, but the columns from the first used one: a sheet
    # whose column A is empty gets it back, so that the columns are where the user sees them.
    skipped = [None] * (sheet.start[1] if sheet.start else 0)
    if skipped:
        yield from (skipped + row for row in sheet.iter_rows())
    else:
        yield from sheet.iter_rows()


def numbered_rows(path: Path) -> Iterator[tuple[int, list[Any]]]:
    """(spreadsheet row number, cells) of every non-blank row, numbers 1-based as the user sees them."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(_("Upload an .xlsx, .xls, .ods or .csv file."))
    rows = _csv_rows(path) if suffix == ".csv" else _spreadsheet_rows(path)
    for number, row in enumerate(rows, start=1):
        if not _blank(row):
            yield number, list(row)


def read_rows(path: Path, header_row: int) -> tuple[list[Any], Iterator[tuple[int, list[Any]]]]:
    """(the cells of row ``header_row``, iterator of the non-blank rows below it) — the rows above the
    header (a title, notes) are not data. Row 0: the first non-blank row (jobs checked before the header
    row was found)."""
    rows = numbered_rows(path)
    for number, cells in rows:
        if number == header_row or header_row == 0:
            return cells, rows
        if number > header_row:
            break
    raise ValidationError(_("Row %(row)d of the file is not a header row.") % {"row": header_row})
