"""A registry record's page across every line (the enterprise's 360° page): each business line declares
the part it knows — its list (``core.lists.ListSpec``) and the hidden filter that names the record — and
the page shows, for each part the reader may see, how many records there are and the newest few, each
linked, with a link to the line's own list of exactly those records.

A part reads through its list's rows, so it is scoped as the list is (a complaint *about* an enterprise
never shows on that enterprise's own account), and through its list's defaults (a list that opens on this
year shows this year's here too), so that the count on the page is the total the linked list shows (held
by ``core/tests/test_profile.py`` for every declared part). Each part costs the same two queries whatever
the record's history: a count and the first rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Model
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString

from hrbureau.core.lists import ListSpec
from hrbureau.core.tables import body_rows, header_cells


@dataclass(frozen=True)
class Section:
    """One line's part of a record's page."""

    key: str  # "labour.risks": unique on the page, and the part's data-testid
    title: str | Promise
    spec: Callable[[], ListSpec]  # the line's list (a function: the line's lists load when asked)
    url_name: str  # the list's page
    param: str = "enterprise"  # the list's hidden filter naming the record (``core.filters.of_record``)
    icon: str = "list"
    order: int = 100
    columns: int = 3  # how many of the list's page columns the part shows
    # The list's columns (by key) that name the record itself, left out: it is the page's heading.
    hide: tuple[str, ...] = ("enterprise",)
    limit: int = 5


@dataclass(frozen=True)
class FilledSection:
    section: Section
    total: int
    header: SafeString
    rows: SafeString
    url: str


_SECTIONS: dict[str, list[Section]] = {}


def register(model_label: str, section: Section) -> Section:
    declared = _SECTIONS.setdefault(model_label, [])
    if any(s.key == section.key for s in declared):
        raise ValueError(f"section {section.key!r} of {model_label} declared twice")
    declared.append(section)
    declared.sort(key=lambda s: (s.order, s.key))
    return section


def sections(model_label: str) -> list[Section]:
    return list(_SECTIONS.get(model_label, []))


def link_of(section: Section, record: Model) -> str:
    return f"{reverse(section.url_name)}?{urlencode({section.param: record.pk})}"


def values_for(section: Section, record: Model) -> dict[str, Any]:
    """The list's filters as its page reads ``?<param>=<record>``: its defaults included."""
    spec = section.spec()
    values = spec.values(spec.form({section.param: str(record.pk)}))
    if values is None:  # cannot happen with a valid id; never show the unfiltered list
        raise ValueError(f"{section.key}: the list refused its own record filter")
    return values


def sections_for(*, user: Any, record: Model) -> list[FilledSection]:
    """Each part of ``record``'s page that ``user`` may see, counted and with its newest rows."""
    filled = []
    for section in sections(record._meta.label):
        spec = section.spec()
        if spec.permission is not None and not user.has_perm(spec.permission):
            continue
        values = values_for(section, record)
        rows = spec.queryset(user=user, values=values)
        total = rows.count()
        shown: list[Any] = []
        if total:
            page = rows.order_by(*spec.ordering_for(values))
            if spec.page_related:
                page = page.select_related(*spec.page_related)
            shown = list(page[: section.limit])
            if spec.prepare is not None:
                spec.prepare(shown)
        columns = [c for c in spec.page_columns if c.key not in section.hide][: section.columns]
        filled.append(
            FilledSection(
                section=section,
                total=total,
                header=header_cells(columns),
                rows=body_rows(columns, ([c.page_cell(r) for c in columns] for r in shown), empty=spec.empty),
                url=link_of(section, record),
            )
        )
    return filled
