"""Declared filters of a list (mechanism 11): each filter is declared once and gives the list page its form
field, the API list its typed query parameter, and both the one condition its value puts on the rows.

A list names its filters (``core.lists.ListSpec.filters``); nothing else in an app parses a filter or
writes an if-chain over filter values. ADR 014 says why this is a small core piece rather than
django-filter.

The search box is a filter too (``Search``): its text goes through the Chinese text index
(``core.textsearch``), over the list's own text columns and over those of related rows (a dispute's
parties), so it returns exactly what a plain substring scan of those columns returns.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pydantic import Field as ApiField

from hrbureau.core.apiutil import Day, Flag
from hrbureau.core.forms import FixedChoiceField, LiveChoiceField, StyledFormMixin
from hrbureau.core.textsearch import TextIndex, substring_condition

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

ALL = _("All")
ANY = _("Any")
MAX_QUERY = 100  # characters of a search; longer text is refused (422 in the API, an error on the page)


def plain(value: Any) -> Any:
    """A value as a condition takes it: an API enum member as its value."""
    return value.value if isinstance(value, enum.Enum) else value


def is_set(value: Any) -> bool:
    """Whether a filter was given a value: "no" (False) is a value; an empty box is not."""
    return value is not None and value != "" and value != [] and value != ()


class Filter:
    """One filter of a list. ``field()`` is the page's form field (``name`` is its parameter);
    ``api_type()`` the API's (None: the API does not offer it); ``condition(value, model)`` the rows it
    keeps, for a value already checked by the form or the API schema and set (``is_set``)."""

    name: str
    hidden = False  # set by links (a figure of the statistics), not shown in the panel

    def field(self) -> forms.Field:
        raise NotImplementedError

    def api_type(self) -> tuple[Any, Any] | None:
        return None

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        raise NotImplementedError


@dataclass(frozen=True)
class RelatedText:
    """Text of related rows that the search also looks in: rows of ``queryset()`` whose ``index``
    columns contain the query lead to the list's rows through ``link`` (e.g. a party's ``dispute_id``),
    compared with the list's ``through`` column (its ``pk``; ``enterprise_id`` for the rows about an
    enterprise found by its name, ``link`` then being the enterprise's ``pk``)."""

    index: TextIndex
    queryset: Callable[[], models.QuerySet[Any]]
    link: str
    through: str = "pk"


@dataclass(frozen=True)
class Search(Filter):
    """The search box (``q``): the query, normalised, is looked for as a substring in the ``index``
    columns of the list's rows and the ``related`` rows' (an OR), through the Chinese text index. ``exact``
    may answer a query itself (a complete ID number finds its person, and fragments of ID numbers are not
    searchable): it returns a condition, or None to search as usual."""

    label: str | StrPromise
    index: TextIndex | None = None
    related: Sequence[RelatedText] = ()
    normalize: Callable[[str], str] = lambda q: " ".join(q.split())
    exact: Callable[[str], Q | None] | None = None
    description: str = ""
    name: str = "q"

    def field(self) -> forms.Field:
        return forms.CharField(
            label=self.label,
            required=False,
            max_length=MAX_QUERY,
            widget=forms.TextInput(attrs={"type": "search"}),
        )

    def api_type(self) -> tuple[Any, Any]:
        return str, ApiField("", max_length=MAX_QUERY, description=self.description or None)

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        query = self.normalize(str(value)).strip()
        if not query:
            return Q()
        if self.exact is not None:
            answer = self.exact(query)
            if answer is not None:
                return answer
        found = [substring_condition(self.index, query)] if self.index is not None else []
        for related in self.related:
            rows = related.queryset().filter(substring_condition(related.index, query))
            found.append(Q(**{f"{related.through}__in": rows.values(related.link)}))
        condition = Q()
        for one in found:
            condition |= one
        return condition


@dataclass(frozen=True)
class Choice(Filter):
    """One value of a set: a choices class (``TextChoices``) or, for options that change with the data,
    ``source`` — a callable giving the current (value, label) list with its empty option first (a cached
    list: units, tags, categories). ``lookup`` is the field compared (default: the name); ``api`` the
    API's type when it is not the choices class (``Id`` for a unit)."""

    name: str
    label: str | StrPromise
    choices: Any = None
    empty: str | StrPromise = ALL
    source: Callable[[], list[tuple[Any, Any]]] | None = None
    lookup: str = ""
    coerce: Callable[[Any], Any] = str
    api: Any = None

    def field(self) -> forms.Field:
        if self.source is not None:
            return LiveChoiceField(label=self.label, source=self.source, coerce=self.coerce)
        return FixedChoiceField(
            label=self.label, choices=[("", self.empty), *self.choices.choices], required=False
        )

    def api_type(self) -> tuple[Any, Any] | None:
        kind = self.api if self.api is not None else self.choices
        return (kind | None, None) if kind is not None else None

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        return Q(**{self.lookup or self.name: self.coerce(plain(value))})


@dataclass(frozen=True)
class YesNo(Filter):
    """Yes, no or either, on a boolean column."""

    name: str
    label: str | StrPromise
    lookup: str = ""
    empty: str | StrPromise = ANY

    def field(self) -> forms.Field:
        return forms.TypedChoiceField(
            label=self.label,
            choices=[("", self.empty), ("yes", _("yes")), ("no", _("no"))],
            coerce=lambda v: v == "yes",
            empty_value=None,
            required=False,
        )

    def api_type(self) -> tuple[Any, Any]:
        return Flag | None, None

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        return Q(**{self.lookup or self.name: bool(value)})


def day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def days_between(column: str, first: dt.date | None, last: dt.date | None, *, model: type[models.Model]) -> Q:
    """Rows whose ``column`` falls on ``first`` or later and on ``last`` or earlier (either may be None),
    in the platform's days: a timestamp column is compared with the days' boundaries. The one way a
    list's date filters and a figure over a period (the supervision board) read a period."""
    condition = Q()
    stamped = isinstance(model._meta.get_field(column.split("__")[0]), models.DateTimeField)
    if first is not None:
        condition &= Q(**{f"{column}__gte": day_start(first) if stamped else first})
    if last is not None:
        if stamped:
            condition &= Q(**{f"{column}__lt": day_start(last + dt.timedelta(days=1))})
        else:
            condition &= Q(**{f"{column}__lte": last})
    return condition


@dataclass(frozen=True)
class DateFrom(Filter):
    """Rows on or after a day (``column``: a date or a timestamp)."""

    name: str
    label: str | StrPromise
    column: str

    def field(self) -> forms.Field:
        return forms.DateField(
            label=self.label, required=False, widget=forms.DateInput(attrs={"type": "date"})
        )

    def api_type(self) -> tuple[Any, Any]:
        return Day | None, None

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        return days_between(self.column, value, None, model=model)


@dataclass(frozen=True)
class DateTo(DateFrom):
    """Rows on or before a day."""

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        return days_between(self.column, None, value, model=model)


@dataclass(frozen=True)
class Figure(Filter):
    """A hidden filter set by a figure's link (the statistics, the supervision board): the figure's own
    condition, so that the count and the rows behind it can never disagree. A figure is a ``Q`` or a
    function of today's date giving one."""

    figures: Mapping[str, Any]
    name: str = "figure"
    hidden = True

    def field(self) -> forms.Field:
        return FixedChoiceField(
            choices=[("", ""), *((key, key) for key in self.figures)],
            required=False,
            widget=forms.HiddenInput,
        )

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        figure = self.figures[value]
        return figure(timezone.localdate()) if callable(figure) else figure


@dataclass(frozen=True)
class Where(Filter):
    """Any other filter: its own form field and the condition of its (cleaned) value."""

    name: str
    make_field: Callable[[], forms.Field]
    where: Callable[[Any], Q]
    api: Any = None
    hidden: bool = False

    def field(self) -> forms.Field:
        return self.make_field()

    def api_type(self) -> tuple[Any, Any] | None:
        return (self.api | None, None) if self.api is not None else None

    def condition(self, value: Any, model: type[models.Model]) -> Q:
        return self.where(plain(value))


class FilterForm(StyledFormMixin, forms.Form):
    """The filter panel of a list: one field per declared filter; the options of a live choice are
    asked for afresh on every form (``refresh``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            refresh = getattr(form_field, "refresh", None)
            if refresh is not None:
                refresh()


def filter_form_class(
    name: str, filters: Sequence[Filter], extra: Mapping[str, forms.Field]
) -> type[FilterForm]:
    fields: dict[str, Any] = {f.name: f.field() for f in filters}
    fields.update(extra)
    return type(f"{name.title().replace('_', '')}FilterForm", (FilterForm,), fields)


def conditions(filters: Sequence[Filter], values: Mapping[str, Any], model: type[models.Model]) -> Q:
    """The rows every set filter keeps (an AND)."""
    condition = Q()
    for declared in filters:
        value = values.get(declared.name)
        if is_set(value):
            condition &= declared.condition(value, model)
    return condition


def of_record(name: str, path: str) -> Where:
    """The rows about one record — ``?enterprise=<id>``: an enterprise's risks, disputes, matches — the
    list a registry record's page links to for each line (``core.profile``); not shown in the panel."""
    from hrbureau.core.apiutil import Id

    return Where(
        name,
        lambda: forms.IntegerField(required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput),
        lambda pk: Q(**{path: pk}),
        api=Id,
        hidden=True,
    )
