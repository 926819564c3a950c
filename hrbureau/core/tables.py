"""The body of a list page's table, rendered in Python.

A list page shows twenty rows of seven or so cells; in Django's template language every cell is a few
nodes, each resolved, escaped and joined on its own, and the rows cost more than the whole rest of the
page. Django's admin builds its change list's rows in Python for the same reason. Here a row is a
sequence of cells, each escaped (a cell that is already safe HTML — a link, a badge — stays as it is),
and each cell carries its column's label as ``data-label`` for the phone layout
(``table-responsive-stack``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.utils import timezone
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


def labelled(choices: Any, field: str = "state") -> Callable[[Any], str]:
    """A column's value: the label of the row's ``field`` among ``choices``, in the reader's language
    (looked up when the row is shown, never when the module is imported)."""

    def label(row: Any) -> str:
        value = getattr(row, field)
        return choice_labels(choices).get(value, value)

    return label


@dataclass(frozen=True)
class Column:
    """A column of a list, declared once for the page, the export and the phone card (``core.lists``):
    ``value`` gives a row's plain value (the export's cell, and the page's unless ``html`` gives the
    page's own, a link or a badge); ``page`` and ``export`` say where it appears, ``text`` that the export
    writes it as text (codes, ID numbers); on a phone each row is a card headed by its first column, and a
    column with ``card=False`` is left off the card."""

    label: str | Promise
    css: str = ""  # the cells' class, e.g. "text-code" for codes and numbers set in a fixed-width font
    value: Callable[[Any], Any] | None = None
    html: Callable[[Any], Any] | None = None
    page: bool = True
    export: bool = True
    text: bool = False
    card: bool = True
    export_label: str | Promise | None = None  # the export's header, when it says more ("masked")
    key: str = ""  # names the column where an export puts it first (``core.lists.Export.first``)

    @property
    def cell_css(self) -> str:
        return " ".join(c for c in (self.css, "" if self.card else "card-hide") if c)

    def page_cell(self, row: Any) -> Any:
        render = self.html or self.value
        if render is None:
            raise ValueError(f"the column {self.label!r} has neither a value nor an html cell")
        return render(row)


def shown(value: Any) -> Any:
    """A cell as the page shows it: nothing known is a dash (never "None"), a moment is the reader's
    local time to the minute (never the database's UTC)."""
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.strftime("%Y-%m-%d %H:%M")
    return value


def header_cells(columns: Sequence[Column]) -> SafeString:
    return mark_safe("".join(f"<th>{html_of(c.label)}</th>" for c in columns))  # noqa: S308 - escaped


def body_rows(
    columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, empty: str | Promise
) -> SafeString:
    """``<tr>`` for each row (its cells in the columns' order), or one row saying ``empty``."""
    openings = [
        f'<td data-label="{html_of(c.label)}"' + (f' class="{c.cell_css}">' if c.cell_css else ">")
        for c in columns
    ]
    html = [
        "<tr>"
        + "".join(
            f"{opening}{html_of(shown(cell))}</td>" for opening, cell in zip(openings, row, strict=True)
        )
        + "</tr>"
        for row in rows
    ]
    if not html:
        return format_html('<tr><td colspan="{}" class="text-secondary">{}</td></tr>', len(columns), empty)
    return mark_safe("\n".join(html))  # noqa: S308 - every label and cell escaped above


_LINKS: dict[tuple[str, str], tuple[str, str]] = {}


def detail_url(name: str, pk: Any) -> str:
    """The address of the page ``name`` (a URL name taking one id) for ``pk``, reversed once per process
    rather than once per row (a page of rows calls it for each)."""
    from django.urls import get_script_prefix, reverse

    key = (name, get_script_prefix())
    parts = _LINKS.get(key)
    if parts is None:
        marker = 987654321987
        before, _sep, after = reverse(name, args=[marker]).partition(str(marker))
        parts = _LINKS[key] = (before, after)
    return f"{parts[0]}{pk}{parts[1]}"


def link(name: str, pk: Any, text: Any) -> SafeString:
    """``<a href="…">text</a>`` to the page ``name`` of ``pk``, the text escaped."""
    return mark_safe(f'<a href="{detail_url(name, pk)}">{html_of(text)}</a>')  # noqa: S308 - escaped
