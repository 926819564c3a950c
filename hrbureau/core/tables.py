"""The body of a list page's table, rendered in Python.

A list page shows twenty rows of seven or so cells; in Django's template language every cell is a few
nodes, each resolved, escaped and joined on its own, and the rows cost more than the whole rest of the
page. Django's admin builds its change list's rows in Python for the same reason. Here a row is a
sequence of cells, each escaped (a cell that is already safe HTML — a link, a badge — stays as it is),
and each cell carries its column's label as ``data-label`` for the phone layout
(``table-responsive-stack``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


def html_of(value: Any) -> str:
    """``value`` as HTML: escaped, unless it is safe HTML already (Django's ``conditional_escape``
    without its per-call check for lazy arguments, which costs more than the escaping of a short cell)."""
    if hasattr(value, "__html__"):
        return str(value.__html__())
    return escape(str(value))


def choice_labels(choices: Any) -> dict[Any, str]:
    """{value: label} of a choices class in the reader's language, translated once per language and
    process. A model's ``get_FOO_display()`` makes every lazy label hashable again on every call, which
    for a page of rows costs more than the rows' own query."""
    key = (choices, get_language() or "")
    labels = _CHOICE_LABELS.get(key)
    if labels is None:
        labels = _CHOICE_LABELS[key] = {value: str(label) for value, label in choices.choices}
    return labels


_CHOICE_LABELS: dict[tuple[Any, str], dict[Any, str]] = {}


@dataclass(frozen=True)
class Column:
    label: str | Promise
    css: str = ""  # the cells' class, e.g. "text-code" for codes and numbers set in a fixed-width font


def header_cells(columns: Sequence[Column]) -> SafeString:
    return mark_safe("".join(f"<th>{html_of(c.label)}</th>" for c in columns))  # noqa: S308 - escaped


def body_rows(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, empty: str | Promise
) -> SafeString:
    """``<tr>`` for each row (its cells in the columns' order), or one row saying ``empty``."""
    openings = [
        f'<td data-label="{html_of(c.label)}"' + (f' class="{c.css}">' if c.css else ">") for c in columns
    ]
    html = [
        "<tr>"
        + "".join(f"{opening}{html_of(cell)}</td>" for opening, cell in zip(openings, row, strict=True))
        + "</tr>"
        for row in rows
    ]
    if not html:
        return format_html('<tr><td colspan="{}" class="text-secondary">{}</td></tr>', len(columns), empty)
    return mark_safe("\n".join(html))  # noqa: S308 - every label and cell escaped above
