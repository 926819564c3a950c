"""One list mechanism (DESIGN.md mechanism 11): a list declares once its rows, filters, search, columns
and export (a ``ListSpec``); core gives the page — keyset pages with the total shown (exact up to 10,000,
else an estimate that says so), a choice of page size, the filter panel, the rows as a table that is a
card per row on a phone —, the xlsx export behind the list's one export permission, and the API list.

The smallest complete list is in docs/architecture.md ("Lists"); the organisation's units
(``accounts/lists.py``) are a short real one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from django import forms
from django.core.cache import cache
from django.db import connections, models
from django.db.models import Max, Min
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from hrbureau.core.exports import xlsx_response
from hrbureau.core.filters import Filter, FilterForm, Search, conditions, filter_form_class
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.pagination import KeysetPage, keyset_page_or_first
from hrbureau.core.tables import Column, body_rows, header_cells, html_of

EXACT_UP_TO = 10_000  # a total up to this is counted exactly; above it, estimated (and said so)
ESTIMATE_SAMPLE = 20_000  # the newest ids an SQLite estimate looks at
ESTIMATE_SECONDS = 300  # an estimate is kept this long for the same list, reader and filters
PAGE_SIZES = (20, 50, 100)
NOTHING_MATCHES = _("Nothing matches.")
CONTROL_PARAMETERS = ("cursor", "per_page", "export")


@dataclass(frozen=True)
class Export:
    """The list's xlsx export: the export permission (``<app>.export_<what>``) that alone allows it, the
    file's name, and what the rows need loaded (``related``) and in which order."""

    permission: str
    filename: str
    ordering: Sequence[str] | None = None
    related: Sequence[str] = ()
    first: Sequence[str] = ()  # keys of columns the file puts first, in this order (as offices know it)


@dataclass(frozen=True)
class Action:
    """A button in the list's header (register, import…), shown to holders of ``permission``."""

    label: str | Promise
    url: str  # a URL name
    permission: str
    args: Sequence[Any] = ()
    icon: str = "plus"
    primary: bool = False
    testid: str = ""


@dataclass(frozen=True)
class Total:
    count: int
    exact: bool

    def __str__(self) -> str:
        if self.exact:
            return ngettext("%(count)s record", "%(count)s records", self.count) % {
                "count": f"{self.count:,}"
            }
        return str(_("about %(count)s records (estimated)") % {"count": f"{rounded(self.count):,}"})


def rounded(count: int) -> int:
    """An estimate to two significant figures: it claims no more precision than it has."""
    digits = len(str(count))
    if digits <= 2:
        return count
    unit = 10 ** (digits - 2)
    return round(count / unit) * unit


def _sql_key(queryset: models.QuerySet[Any]) -> str:
    sql, params = queryset.query.sql_with_params()
    return hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]


def estimate(queryset: models.QuerySet[Any]) -> int:
    """About how many rows ``queryset`` has, without counting them: PostgreSQL's planner's estimate;
    on SQLite the share of matching rows among the newest ids, times the table's id range. Kept a few
    minutes per query, so that paging through a long list estimates it once."""
    key = f"hrbureau:list-estimate:{_sql_key(queryset)}"
    known = cache.get(key)
    if known is not None:
        return int(known)
    rows = queryset.order_by().values("pk")
    if connections[queryset.db].vendor == "postgresql":
        plan = json.loads(rows.explain(format="json"))
        found = int(plan[0]["Plan"]["Plan Rows"])
    else:
        bounds = queryset.model._base_manager.using(queryset.db).aggregate(low=Min("pk"), high=Max("pk"))
        low, high = bounds["low"] or 0, bounds["high"] or 0
        span = high - low + 1
        window = min(span, ESTIMATE_SAMPLE)
        matching = rows.filter(pk__gt=high - window).count()
        found = round(matching * span / window) if window else 0
    found = max(found, EXACT_UP_TO + 1)  # counted: more than the exact limit
    cache.set(key, found, ESTIMATE_SECONDS)
    return found


def list_total(queryset: models.QuerySet[Any]) -> Total:
    """The number of rows: exact up to ``EXACT_UP_TO`` (a count that stops there), else an estimate. No
    request ever counts millions of rows (DESIGN.md scale targets)."""
    counted = queryset.order_by().values("pk")[: EXACT_UP_TO + 1].count()
    if counted <= EXACT_UP_TO:
        return Total(counted, exact=True)
    return Total(estimate(queryset), exact=False)


@dataclass
class ListResult:
    """A list page as its template shows it."""

    spec: ListSpec
    form: FilterForm
    page: KeysetPage[Any]
    total: Total
    header: SafeString
    rows: SafeString
    per_page: int
    query_string: str  # the filters, without cursor, page size and export
    actions: list[Action]
    may_export: bool
    page_sizes: Sequence[int] = PAGE_SIZES

    @property
    def query_pairs(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in parse_qsl(self.query_string, keep_blank_values=True)]

    def _url(self, cursor: str | None) -> str:
        if cursor is None:
            return ""
        parts = [self.query_string] if self.query_string else []
        if self.per_page != self.spec.per_page:
            parts.append(f"per_page={self.per_page}")
        parts.append(f"cursor={cursor}")
        return "?" + "&".join(parts)

    @property
    def previous_url(self) -> str:
        return self._url(self.page.previous_cursor)

    @property
    def next_url(self) -> str:
        return self._url(self.page.next_cursor)


@dataclass(eq=False)
class ListSpec:
    """One list, declared: its rows for a reader (a scoped selector), search and filters, order, columns,
    export and header actions. ``view`` is its page, ``queryset`` its filtered rows for any caller (a
    figure's link, a test), ``add_api`` its API list."""

    name: str  # "workorder": names the page's parts (data-testid="workorder-table")
    title: str | Promise
    permission: str | None  # None: any signed-in user of the workbench (the rows are their own)
    rows: Callable[[Any], models.QuerySet[Any]]
    columns: Sequence[Column]
    ordering: Sequence[str] = ("-id",)
    search: Search | None = None
    filters: Sequence[Filter] = ()
    # A choice of order offered on the page: {parameter value: (label, ordering)}, the first the default.
    orderings: Mapping[str, tuple[str | Promise, Sequence[str]]] = field(default_factory=dict)
    export: Export | None = None
    page_only: Sequence[str] = ()  # the columns a page loads (all when empty)
    page_related: Sequence[str] = ()
    prepare: Callable[[Sequence[Any]], None] | None = None  # on a page's rows (and each export chunk)
    # On a page's rows, with the request: what only a page shows (a row's form needs the CSRF token).
    prepare_page: Callable[[HttpRequest, Sequence[Any]], None] | None = None
    empty: str | Promise = NOTHING_MATCHES
    actions: Sequence[Action] = ()
    per_page: int = PAGE_SIZES[0]
    api_ordering: Sequence[str] | None = None
    api_related: Sequence[str] = ()  # what the API's items read of related rows
    # A filter's value when the address does not name it (the counter's desk: today), as the form shows it.
    defaults: Mapping[str, Callable[[], str]] = field(default_factory=dict)
    intro: str | Promise = ""  # a line above the filters
    intro_icon: str = "info-circle"
    template: str = "core/list.html"

    def __post_init__(self) -> None:
        _LISTS[self.name] = self

    # --- filters -------------------------------------------------------------------------------------

    @property
    def all_filters(self) -> list[Filter]:
        return ([self.search] if self.search is not None else []) + list(self.filters)

    @cached_property
    def form_class(self) -> type[FilterForm]:
        extra: dict[str, forms.Field] = {}
        if self.orderings:
            extra["order"] = FixedChoiceField(
                label=_("Order"),
                choices=[(key, label) for key, (label, _ordering) in self.orderings.items()],
                required=False,
            )
        return filter_form_class(self.name, self.all_filters, extra)

    def form(self, data: Any) -> FilterForm:
        if self.defaults:
            data = data.copy() if data is not None else {}
            for name, default in self.defaults.items():
                if name not in data:
                    data[name] = default()
        return self.form_class(data or None)

    def values(self, form: FilterForm) -> dict[str, Any] | None:
        """The filters asked for; None when a value is not valid (the page then shows the error and no
        rows, never the unfiltered list)."""
        if not form.is_bound:
            return {}
        if not form.is_valid():
            return None
        return dict(form.cleaned_data)

    def queryset(self, *, user: Any, values: Mapping[str, Any] | None = None) -> models.QuerySet[Any]:
        """The reader's rows that every set filter keeps."""
        rows = self.rows(user)
        condition = conditions(self.all_filters, values or {}, rows.model)
        return rows.filter(condition) if condition else rows

    def ordering_for(self, values: Mapping[str, Any] | None) -> Sequence[str]:
        if self.orderings:
            chosen = (values or {}).get("order") or ""
            default = next(iter(self.orderings.values()))[1]
            return self.orderings.get(chosen, ("", default))[1]
        return self.ordering

    # --- the page ------------------------------------------------------------------------------------

    @property
    def page_columns(self) -> list[Column]:
        return [c for c in self.columns if c.page]

    @property
    def export_columns(self) -> list[Column]:
        columns = [c for c in self.columns if c.export and c.value is not None]
        first = list(self.export.first) if self.export is not None else []
        leading = sorted((c for c in columns if c.key in first), key=lambda c: first.index(c.key))
        return leading + [c for c in columns if c.key not in first]

    def result(
        self, request: HttpRequest, *, fixed: Mapping[str, Any] | None = None
    ) -> ListResult | HttpResponseBase:
        """The page (or the export) of the list; ``fixed`` filter values hold whatever the address says
        (the members of the one sample whose page shows them)."""
        form = self.form(request.GET)
        values = self.values(form)
        if values is not None and fixed:
            values.update(fixed)
        user = request.user
        rows = self.queryset(user=user, values=values) if values is not None else self.rows(user).none()
        if self.search is not None:
            form.fields[self.search.name].widget.attrs.update(
                {
                    "data-testid": f"{self.name}-q",
                    "hx-get": request.path,
                    "hx-trigger": "input changed delay:300ms, search",
                    "hx-target": f"#{self.name}-results",
                    "hx-include": "closest form",
                    "hx-push-url": "true",
                }
            )
        may_export = self.export is not None and user.has_perm(self.export.permission)
        if request.GET.get("export") == "xlsx" and self.export is not None and values is not None:
            return self.export_response(request, rows, values)
        per_page = _page_size(request.GET.get("per_page"), self.per_page)
        page_rows = rows
        if self.page_related:
            page_rows = page_rows.select_related(*self.page_related)
        if self.page_only:
            page_rows = page_rows.only(*self.page_only)
        page = keyset_page_or_first(
            page_rows, ordering=self.ordering_for(values), cursor=request.GET.get("cursor"), per_page=per_page
        )
        if self.prepare is not None:
            self.prepare(page.items)
        if self.prepare_page is not None:
            self.prepare_page(request, page.items)
        columns = self.page_columns
        return ListResult(
            spec=self,
            form=form,
            page=page,
            total=list_total(rows),
            header=header_cells(columns),
            rows=body_rows(
                columns, ([c.page_cell(r) for c in columns] for r in page.items), empty=self.empty
            ),
            per_page=per_page,
            query_string=_without(request.GET, CONTROL_PARAMETERS),
            actions=[a for a in self.actions if user.has_perm(a.permission)],
            may_export=may_export,
        )

    def respond(
        self,
        request: HttpRequest,
        *,
        template: str | None = None,
        context: Mapping[str, Any] | None = None,
        fixed: Mapping[str, Any] | None = None,
    ) -> HttpResponseBase:
        """The page (or, for htmx, its results part) of this list."""
        result = self.result(request, fixed=fixed)
        if not isinstance(result, ListResult):
            return result
        chosen = "core/_list_results.html" if request.headers.get("HX-Request") else template or self.template
        return render(
            request, chosen, {"list": result, "form": result.form, "page": result.page, **(context or {})}
        )

    @cached_property
    def view(self) -> Callable[..., HttpResponseBase]:
        """The list's page, for ``urls.py``: signed-in readers holding ``permission``."""
        from hrbureau.core.views import permission_required

        def view(request: HttpRequest) -> HttpResponseBase:
            return self.respond(request)

        view.__name__ = f"{self.name}_list"
        view.__qualname__ = view.__name__
        return permission_required(self.permission)(view)

    # --- the export ----------------------------------------------------------------------------------

    def export_rows(self, rows: models.QuerySet[Any], values: Mapping[str, Any]) -> Iterator[list[Any]]:
        assert self.export is not None
        columns = self.export_columns
        ordering = self.export.ordering or self.ordering_for(values)
        found = rows.select_related(*self.export.related) if self.export.related else rows
        items = found.order_by(*ordering).iterator(chunk_size=2000)
        while chunk := list(itertools.islice(items, 2000)):
            if self.prepare is not None:
                self.prepare(chunk)
            for item in chunk:
                yield [c.value(item) for c in columns]  # type: ignore[misc]

    def export_response(
        self, request: HttpRequest, rows: models.QuerySet[Any], values: Mapping[str, Any]
    ) -> HttpResponseBase:
        """The filtered rows as xlsx, for holders of the list's export permission only (403 before a row
        is read, audited, for anyone else)."""
        assert self.export is not None
        columns = self.export_columns
        return xlsx_response(  # the one export of every declared list (tests/test_exports.py walks them)
            request=request,
            permission=self.export.permission,
            filename=self.export.filename,
            columns=[str(c.export_label or c.label) for c in columns],
            rows=self.export_rows(rows, values),
            text_columns={i for i, c in enumerate(columns) if c.text},
        )

    # --- the API -------------------------------------------------------------------------------------

    def add_api(
        self,
        router: Any,
        *,
        path: str,
        item: Any,
        summary: str,
        module: str,
        name: str | None = None,
        descriptions: Mapping[str, str] | None = None,
    ) -> None:
        """Register ``GET path`` on ``router``: the reader's rows of this list, filtered by the same
        declared filters (their API types in the OpenAPI), keyset-paged as every API list."""
        from hrbureau.core.listapi import add_api_list

        add_api_list(
            self,
            router,
            path=path,
            item=item,
            summary=summary,
            module=module,
            name=name,
            descriptions=descriptions,
        )


_LISTS: dict[str, ListSpec] = {}


def declared_lists() -> list[ListSpec]:
    """Every declared list (each app's ``lists.py``, and those its views declare)."""
    from django.urls import get_resolver
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("lists")
    get_resolver().url_patterns  # noqa: B018 - imports every view module
    return list(_LISTS.values())


def _page_size(asked: str | None, default: int) -> int:
    try:
        size = int(asked or default)
    except ValueError:
        return default
    return size if size in PAGE_SIZES else default


def _without(query: Any, names: Sequence[str]) -> str:
    kept = query.copy()
    for name in names:
        kept.pop(name, None)
    return str(kept.urlencode())


def action_links(result: ListResult) -> SafeString:
    """The header's buttons: the export (for holders of its permission) and the declared actions."""
    html = []
    if result.may_export:
        label = _("Export")
        query = result.query_string + ("&" if result.query_string else "") + "export=xlsx"
        html.append(
            f'<a class="btn" href="?{html_of(query)}" data-testid="export">'
            '<i class="ti ti-file-spreadsheet me-1" aria-hidden="true"></i>'
            f"{html_of(label)}</a>"
        )
    for action in result.actions:
        css = "btn btn-primary" if action.primary else "btn"
        testid = f' data-testid="{html_of(action.testid)}"' if action.testid else ""
        html.append(
            f'<a class="{css}" href="{html_of(reverse(action.url, args=action.args))}"{testid}>'
            f'<i class="ti ti-{html_of(action.icon)} me-1" aria-hidden="true"></i>{html_of(action.label)}</a>'
        )
    return mark_safe("\n".join(html))  # noqa: S308 - every part escaped
