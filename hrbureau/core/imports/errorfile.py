"""The file of rows not imported: each rejected row with its original cells and every reason, each
skipped row (a total, a note) with why, and a summary sheet whose counts add up to the file's rows.

Written in constant memory, before the import's transaction (a large one takes a while, and nothing
should wait for it), and removed again if that transaction fails.
"""

from __future__ import annotations

import contextlib
import heapq
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter
from django.utils.translation import gettext as _

from hrbureau.core.imports.spec import ImportSpec
from hrbureau.core.imports.storage import folder
from hrbureau.core.models import ImportJob

if TYPE_CHECKING:
    from hrbureau.core.imports.engine import Plan


def write(spec: ImportSpec, job: ImportJob, header: list[Any], plan: Plan) -> str:
    """Write the file; its name (in the imports folder), or "" when every row was imported."""
    if not plan.rejects and not plan.skips:
        return ""
    name = f"{Path(job.stored_name).stem}-errors.xlsx"
    workbook = xlsxwriter.Workbook(
        str(folder() / name),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    width = len(header)
    sheet = workbook.add_worksheet(str(spec.title)[:31])
    titles = [_("Row"), *[("" if h is None else str(h)) for h in header], _("Reason")]
    for index, title in enumerate(titles):
        sheet.write_string(0, index, title, bold)
    sheet.set_column(1, width, 16, text)
    sheet.set_column(width + 1, width + 1, 60, workbook.add_format({"text_wrap": True, "valign": "top"}))
    # One problem a line (a problem may itself list the accepted words, separated by "；").
    rejected = ((number, cells, "\n".join(reasons)) for number, cells, reasons in sorted(plan.rejects))
    for line, (number, cells, reason) in enumerate(heapq.merge(rejected, plan.skips), start=1):
        sheet.write_number(line, 0, number)
        for index, cell in enumerate(cells[:width], start=1):
            if cell is not None and cell != "":
                # The original cells go back as text, exactly as they came (an ID keeps all its digits;
                # a cell starting with "=" stays text, never a formula).
                sheet.write_string(line, index, str(cell), text)
        sheet.write_string(line, width + 1, reason)
    sheet.freeze_panes(1, 0)

    summary = workbook.add_worksheet(_("Summary")[:31])
    summary.set_column(0, 0, 24)
    summary.set_column(1, 1, 40)
    lines = [
        (_("File"), job.original_name),
        (_("Rows"), plan.rows),
        (_("Created"), len(plan.creates)),
        (_("Updated"), len(plan.updates)),
        (_("Rejected"), len(plan.rejects)),
        (_("Skipped"), len(plan.skips)),
    ]
    for row, (label, value) in enumerate(lines):
        summary.write_string(row, 0, str(label), bold)
        if isinstance(value, int):
            summary.write_number(row, 1, value)
        else:
            summary.write_string(row, 1, str(value))
    summary.write_string(
        len(lines) + 1, 0, _("Rows = created + updated + rejected + skipped. Nothing else was imported.")
    )
    workbook.close()
    return name


def remove(job: ImportJob, name: str) -> None:
    if name:
        with contextlib.suppress(OSError):
            (folder() / name).unlink()
