"""The template of an import: an empty sheet with the column names (required ones marked *, identifier
columns formatted as text), and a sheet of instructions listing, for every column, the other names a
header may use and the words accepted for its values."""

from __future__ import annotations

from typing import Any

import xlsxwriter
from django.utils.translation import gettext as _

from hrbureau.core.imports.spec import ImportSpec


def write(spec: ImportSpec, target: Any) -> None:
    workbook = xlsxwriter.Workbook(target, {"strings_to_numbers": False, "strings_to_formulas": False})
    bold = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
    text = workbook.add_format({"num_format": "@"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})

    sheet = workbook.add_worksheet(str(spec.title)[:31])
    for index, column in enumerate(spec.columns):
        sheet.write_string(0, index, f"{column.label}{'*' if column.required else ''}", bold)
        sheet.set_column(
            index,
            index,
            24 if column.kind in ("code", "text") else 16,
            text if column.kind in ("code", "text") else None,
        )
    sheet.freeze_panes(1, 0)

    notes = workbook.add_worksheet(_("Instructions")[:31])
    titles = [_("Column"), _("Required"), _("Also accepted as the column name"), _("Accepted values")]
    for index, title in enumerate(titles):
        notes.write_string(0, index, title, bold)
    notes.set_column(0, 0, 24)
    notes.set_column(1, 1, 8)
    notes.set_column(2, 2, 40)
    notes.set_column(3, 3, 70)
    for row, column in enumerate(spec.columns, start=1):
        notes.write_string(row, 0, str(column.label), wrap)
        notes.write_string(row, 1, _("yes") if column.required else "", wrap)
        notes.write_string(row, 2, "、".join(column.synonyms), wrap)
        notes.write_string(row, 3, accepted_values(column), wrap)
    end = len(spec.columns) + 2
    for line in (
        _("A title, a date or notes above the column names are fine: the row of column names is found."),
        _("Total rows (合计, 总计, 小计) and notes below the table (注：…, 填表人：…) are skipped."),
        _("Identifier columns are text: an 18-digit number typed as a number loses its last digits."),
    ):
        notes.write_string(end, 0, line)
        end += 1
    workbook.close()


def accepted_values(column: Any) -> str:
    if column.kind in ("choice", "flag"):
        return column.accepted_text(limit=12)
    return {
        "date": _("a date: 2024-07-01, 2024/7/1, 2024年7月1日, 20240701 or a date cell"),
        "int": _("a whole number"),
    }.get(column.kind, "")


DATE_EXAMPLES = ("2024-07-01", "2024/7/1", "2024年7月1日", "20240701")


def accepted_on_page(column: Any) -> dict[str, Any] | None:
    """What the upload page lists for a column's values: the options with the other words accepted for
    each, or examples of a date, or a short note. Words and examples are literals, shown as typed."""
    if column.kind in ("choice", "flag"):
        return {"options": column.accepted_shown(limit=12)}
    if column.kind == "date":
        return {"examples": DATE_EXAMPLES, "note": _("or a cell formatted as a date")}
    if column.kind == "int":
        return {"note": _("a whole number")}
    return None
