"""Facts about enterprises and people (DESIGN.md mechanism 4, "Rules and facts").

Each business line knows things about a subject that the others need: labour knows an enterprise's open
risks, arbitration the disputes it lost, petitions the complaints about it. A line declares each such
fact here once, as a query over its own records — which rows count, and how they reach the subject —
and everyone else reads it through this registry, never through the line's models, so that no business
line imports another (the import contract, ``make lint``).

One declaration gives the fact in three shapes, which always agree (``hrbureau/core/tests/test_facts.py``
holds them to each other for every registered fact):

- ``annotate(queryset, names)``: a column on every row of a queryset of subjects, in the same query (a
  correlated subquery) — a list page, a rule's ``matching`` over a whole table;
- ``grouped(name)``: one row ``(subject_id, value)`` per subject that has any, as a queryset to join — the
  nightly risk score over a million enterprises joins these instead of a subquery per row;
- ``value(subject, name)``: the fact for one object (one aggregate query) — a page, a rule's explanation.

A fact may be counted over a window (``window_days``: the last N days, by the date field ``since_field``);
a reader may ask for another start (``since=``), as the risk score does with its configured windows.
Facts with no value for a subject read ``default`` (0 for a count, None for a date or a score).

The rules language reads facts as fields: every fact about a rule subject's model is a field of that
subject under the fact's name (``labour.open_risks``), so the honest-employer criteria and, later, policy
eligibility can speak of any line's facts without naming the line's models (``core.rules``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Count, F, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.functional import Promise

NUMBER, DATE = "number", "date"  # the kinds a fact can be (the rules language's names)

ENTERPRISE = "enterprises.Enterprise"
PERSON = "people.Person"


@dataclass(frozen=True)
class Fact:
    """What one line knows about one kind of subject, as a query over its own records."""

    name: str  # "<line>.<what>": "labour.open_risks"
    subject: str  # the subject's model label: ENTERPRISE or PERSON
    label: str | Promise
    # The records counted (a function, so that the line's models are read only when it is asked).
    rows: Callable[[], models.QuerySet[Any]]
    # The path from such a record to the subject's id ("enterprise", "parties__enterprise").
    via: str
    # What is computed over a subject's records (default: how many there are).
    aggregate: Callable[[], Any] = field(default=lambda: Count("pk"))
    kind: str = NUMBER
    default: Any = 0
    # Counted over the last ``window_days`` days by ``since_field`` (None: over all the records).
    window_days: int | None = None
    since_field: str = ""
    # The window's date is a moment (a work order's ``received_at``): a day starts at its midnight here.
    since_is_moment: bool = False
    description: str | Promise = ""

    def _rows(self, since: dt.date | dt.datetime | None) -> models.QuerySet[Any]:
        rows = self.rows()
        start = self.start(since)
        if start is not None:
            if self.since_is_moment and not isinstance(start, dt.datetime):
                from django.utils import timezone

                start = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
            rows = rows.filter(**{f"{self.since_field}__gte": start})
        return rows

    def start(self, since: dt.date | dt.datetime | None = None) -> dt.date | dt.datetime | None:
        """Where the window starts: ``since`` if given, else ``window_days`` before today."""
        if since is not None or self.window_days is None:
            return since
        from django.utils import timezone

        return timezone.localdate() - dt.timedelta(days=self.window_days)

    def _output(self) -> models.Field[Any, Any]:
        return IntegerField() if self.kind == NUMBER else models.DateField()

    def expression(self, *, since: dt.date | dt.datetime | None = None) -> Any:
        """The fact as a column of a queryset of subjects (``OuterRef("pk")`` is the subject)."""
        per_subject = (
            self._rows(since)
            .filter(**{self.via: OuterRef("pk")})
            .order_by()
            .values(self.via)
            .annotate(fact_value=self.aggregate())
            .values("fact_value")[:1]
        )
        column = Subquery(per_subject, output_field=self._output())
        if self.default is None:
            return column
        return Coalesce(column, Value(self.default), output_field=self._output())

    def grouped(self, *, since: dt.date | dt.datetime | None = None) -> models.QuerySet[Any]:
        """``(subject_id, value)`` for every subject with at least one record: one grouped query."""
        return (
            self._rows(since)
            .filter(**{f"{self.via}__isnull": False})
            .order_by()
            .values(subject_id=F(self.via))
            .annotate(value=self.aggregate())
            .values_list("subject_id", "value")
        )

    def value(self, subject: Any, *, since: dt.date | dt.datetime | None = None) -> Any:
        """The fact for one subject (an object or its id): one aggregate query."""
        pk = getattr(subject, "pk", subject)
        found = (
            self._rows(since).filter(**{self.via: pk}).aggregate(fact_value=self.aggregate())["fact_value"]
        )
        return self.default if found is None else found


_FACTS: dict[tuple[str, str], Fact] = {}


def declare(fact: Fact) -> Fact:
    """Register a fact (from the declaring line's ``facts.py``, imported by its AppConfig)."""
    if "." not in fact.name:
        raise ValueError(f"fact {fact.name!r} must be '<line>.<what>'")
    if fact.window_days is not None and not fact.since_field:
        raise ValueError(f"fact {fact.name!r} has a window but no date to count it by")
    existing = _FACTS.get((fact.subject, fact.name))
    if existing is not None and existing is not fact:
        raise ValueError(f"fact {fact.name!r} about {fact.subject} declared twice")
    _FACTS[(fact.subject, fact.name)] = fact
    return fact


def get(subject: str, name: str) -> Fact:
    try:
        return _FACTS[(subject, name)]
    except KeyError:
        raise LookupError(f"no fact {name!r} about {subject}") from None


def about(subject: str) -> dict[str, Fact]:
    """Every fact declared about ``subject`` (a model label), by name."""
    return {name: fact for (label, name), fact in sorted(_FACTS.items()) if label == subject}


def alias(name: str) -> str:
    """The column a fact is annotated as ("labour.open_risks" → "fact_labour_open_risks")."""
    return "fact_" + name.replace(".", "_")


def annotate(
    queryset: models.QuerySet[Any], names: Iterable[str], *, since: dict[str, Any] | None = None
) -> models.QuerySet[Any]:
    """``queryset`` (of a subject's model) with each named fact as a column ``alias(name)``: one query."""
    subject = queryset.model._meta.label
    starts = since or {}
    return queryset.annotate(
        **{
            alias(name): get(subject, name).expression(since=starts.get(name))
            for name in dict.fromkeys(names)
        }
    )


def value(subject: Any, name: str, *, since: dt.date | dt.datetime | None = None) -> Any:
    """One fact about one object (read from the object when it was loaded with the fact annotated)."""
    annotated = getattr(subject, alias(name), _MISSING)
    if annotated is not _MISSING and since is None:
        return annotated
    return get(subject._meta.label, name).value(subject, since=since)


_MISSING = object()
