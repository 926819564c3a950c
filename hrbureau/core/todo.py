"""My to-do (DESIGN.md mechanism 3): what the user can act on, across every app, grouped by what it is
(one group per *to-do source*), each group with its count.

Each app declares its sources (``register(TodoSource(...))``, in the app's ``todo.py``); core names no
business line. A source gives, for a user, the queryset of their to-do rows, which of those rows are
*theirs* (assigned to them in person, or — for a dispute — a tribunal they sit on) as opposed to their
unit's, and how to show a row. ``case_source`` builds the source of a declared workflow: its cases that
are the user's work (assigned to the user, or to the user's unit and to nobody in person: an order a
colleague signed for is the colleague's), in the states from which the user's role may take some step (a
review waiting for the head's answer is not on the clerk's list). A workflow with ``todo_states`` that no
app declared a source for gets that default source.

Within a group the order is: the user's own before their unit's, then what the workflow marks as handled
first (``todo_first``: collective disputes, escalated risks), then soonest due first. The groups follow
each other, so the whole list is paged by offset with exact counts (one count query per source, at most
one row query per source on a page), and the navigation's to-do badge is exactly the number of rows one
can page through. The workbench shows the first few rows of each group with a link to the whole group.

Work a party does on the portal (documents to sign for) comes from ``register(name, provider)`` — a
function that returns the few items of a user as a list.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, F, Q, QuerySet, Value, When
from django.db.models import Case as When_
from django.utils import timezone
from django.utils.text import capfirst


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    kind: str
    due: dt.date | None = None
    overdue: bool = False
    unit: str = ""
    state: str = ""
    # Handled before everything else (the workflow's ``todo_first``), with the badge's words.
    first: str = ""
    # A second line under the title, e.g. the address of an enterprise to visit.
    detail: str = ""
    # The user's own (assigned to them, a tribunal they sit on) rather than their unit's.
    mine: bool = False


@dataclass(frozen=True)
class TodoSource:
    """One group of "my to-do".

    ``rows(user)``: every to-do row of ``user`` (an empty queryset for a user it does not concern).
    ``mine(user)``: the condition that makes a row the user's own (None: no row is anyone's own).
    ``item(row, today)``: the row as shown. ``due``: the path of its due day (None: rows have none; the
    overdue filter then leaves the group empty). ``first``: a boolean field whose true rows head the
    group, shown with ``first_label``. ``order``: the tie-breakers after the due day.
    ``listed(user)``: instead of ``rows``, a function giving a user's few items as a list (portal work).
    """

    key: str
    label: Any
    rows: Callable[[Any], QuerySet[Any]] | None = None
    item: Callable[[Any, dt.date], TodoItem] | None = None
    mine: Callable[[Any], Q] | None = None
    due: str | None = "due_on"
    first: str | None = None
    first_label: Any = None
    order: tuple[str, ...] = ("id",)
    select_related: tuple[str, ...] = ()
    # The columns ``item`` reads (None: every column); a to-do row needs few of a case's many.
    only: tuple[str, ...] | None = None
    listed: Callable[[Any], list[TodoItem]] | None = None
    # Work of a party on the portal (documents to sign for): not a group of the staff's to-do page.
    portal: bool = False

    def queryset(self, user: Any, *, overdue_only: bool = False) -> QuerySet[Any]:
        """The user's rows in the group's order, with ``todo_mine`` (and ``todo_first``) annotated."""
        assert self.rows is not None
        queryset = self.rows(user)
        if overdue_only:
            if self.due is None:
                return queryset.none()
            queryset = queryset.filter(**{f"{self.due}__lt": timezone.localdate()})
        mine = self.mine(user) if self.mine is not None else None
        flag: Any = (
            When_(When(mine, then=Value(True)), default=Value(False), output_field=BooleanField())
            if mine is not None
            else Value(False, output_field=BooleanField())
        )
        queryset = queryset.annotate(todo_mine=flag)
        order: list[Any] = [F("todo_mine").desc()]
        if self.first:
            order.append(F(self.first).desc())
        if self.due:
            order.append(F(self.due).asc(nulls_last=True))
        order += list(self.order)
        if self.select_related:
            queryset = queryset.select_related(*self.select_related)
        if self.only is not None:
            queryset = queryset.only(*self.only, *([self.first] if self.first else []))
        return queryset.order_by(*order)

    def count(self, user: Any, *, overdue_only: bool = False) -> int:
        if self.listed is not None:
            return len(self.items(user, overdue_only=overdue_only))
        assert self.rows is not None
        rows = self.rows(user)
        if rows.query.is_empty():  # a user the source does not concern: no query
            return 0
        if overdue_only:
            return self.queryset(user, overdue_only=True).order_by().count()
        return rows.count()

    def items(
        self, user: Any, *, overdue_only: bool = False, offset: int = 0, limit: int | None = None
    ) -> list[TodoItem]:
        end = None if limit is None else offset + limit
        if self.listed is not None:
            listed = [i for i in self.listed(user) if i.overdue or not overdue_only]
            return listed[offset:end]
        assert self.item is not None
        today = timezone.localdate()
        rows = self.queryset(user, overdue_only=overdue_only)[offset:end]
        return [self._with_marks(self.item(row, today), row) for row in rows]

    def _with_marks(self, item: TodoItem, row: Any) -> TodoItem:
        first = str(self.first_label or "") if self.first and getattr(row, self.first) else item.first
        return _replace(item, mine=bool(row.todo_mine), first=first)


def _replace(item: TodoItem, **changes: Any) -> TodoItem:
    from dataclasses import replace

    return replace(item, **changes)


_SOURCES: dict[str, TodoSource] = {}

DEFAULT_LIMIT = 200
PAGE_SIZE = 50
WORKBENCH_ROWS = 5


def register(
    source: TodoSource | str,
    provider: Callable[[Any], list[TodoItem]] | None = None,
    *,
    label: Any = None,
    count: Callable[[Any], int] | None = None,
    portal: bool = False,
) -> TodoSource:
    """Declare a group of "my to-do": a ``TodoSource``; or (``name, provider``) a function giving the few
    items of a user as a list (``count`` is accepted and not needed: the list is counted)."""
    if isinstance(source, str):
        assert provider is not None
        source = TodoSource(key=source, label=label or source, listed=provider, due=None, portal=portal)
    _SOURCES[source.key] = source
    return source


def actionable_states(workflow: Any, user: Any) -> set[str]:
    """The to-do states of ``workflow`` from which ``user`` holds the permission of some step (in the
    area the user works in: the workbench, or the portal)."""
    area = "workbench" if user.has_perm("core.use_workbench") else "portal"
    return {
        state
        for state in workflow.todo_states
        for t in workflow.transitions.values()
        if state in t.source and t.permission and t.area == area and user.has_perm(t.permission)
    }


def assigned_to(user: Any) -> Q:
    """A case assigned to the user in person."""
    return Q(assigned_user_id=user.pk)


def case_todo_queryset(workflow: Any, user: Any, mine: Callable[[Any], Q] = assigned_to) -> QuerySet[Any]:
    """The cases of ``workflow`` that are ``user``'s own work and that the user can act on, within their
    scope: the user's own (``mine``), or assigned to their unit and to no one in person, in a state they
    can act from."""
    if not getattr(user, "is_authenticated", False):
        return workflow.model.objects.none()
    states = actionable_states(workflow, user)
    if not states:
        return workflow.model.objects.none()
    condition = mine(user)
    if getattr(user, "org_unit_id", None) is not None:
        condition |= Q(assigned_unit_id=user.org_unit_id, assigned_user__isnull=True)
    return workflow.model.objects.for_user(user).filter(condition, state__in=states)


def case_source(
    workflow: Any,
    *,
    mine: Callable[[Any], Q] = assigned_to,
    label: Any = None,
    key: str | None = None,
    title_fields: tuple[str, ...] | None = None,
) -> TodoSource:
    """The to-do source of a declared workflow's cases (see the module's docstring); ``mine`` says which
    cases are the user's own (by default: assigned to them in person); ``title_fields`` the columns the
    case's ``str()`` reads, so that a row fetches only what it shows (None: every column)."""
    verbose = workflow.model._meta.verbose_name
    states = workflow.states

    def item(case: Any, today: dt.date) -> TodoItem:
        return TodoItem(
            title=str(case),
            url=case.get_absolute_url(),
            kind=str(verbose),
            due=case.due_on,
            overdue=case.due_on is not None and case.due_on < today,
            unit=case.assigned_unit.display_name if case.assigned_unit else "",
            state=str(states(case.state).label),
        )

    return TodoSource(
        key=key or workflow.label,
        label=label or capfirst(workflow.model._meta.verbose_name_plural),
        rows=lambda user: case_todo_queryset(workflow, user, mine),
        item=item,
        mine=mine,
        first=workflow.todo_first,
        first_label=workflow.todo_first_label,
        select_related=("assigned_unit",),
        only=None
        if title_fields is None
        else (*title_fields, "state", "due_on", "assigned_unit__name", "assigned_unit__name_en"),
    )


def sources() -> list[TodoSource]:
    """Every source, declared ones first in the order the apps declared them, then the default source of
    each workflow with ``todo_states`` that no app declared."""
    from hrbureau.core.workflow import workflows

    result = list(_SOURCES.values())
    result += [case_source(w) for w in workflows() if w.todo_states and w.label not in _SOURCES]
    return result


def _chosen(kind: str | None) -> list[TodoSource]:
    return [s for s in sources() if kind in (None, "", s.key)]


def kinds() -> list[tuple[str, str]]:
    """(key, label) of every group of the staff's to-do, for the filter (a party's portal work is not one)."""
    return [(s.key, str(s.label)) for s in sources() if not s.portal]


def providers() -> list[str]:
    return [key for key, _label in kinds()]


@dataclass
class TodoGroup:
    key: str
    label: str
    count: int
    items: list[TodoItem] = field(default_factory=list)


@dataclass
class TodoPage:
    items: list[TodoItem]
    groups: list[TodoGroup]  # every group with rows, with its count (under the page's filters)
    total: int
    number: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages

    @property
    def start(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.total else 0

    @property
    def end(self) -> int:
        return min(self.total, self.number * self.per_page)


def _counted(user: Any, chosen: Iterable[TodoSource], overdue_only: bool) -> list[tuple[TodoSource, int]]:
    return [(s, s.count(user, overdue_only=overdue_only)) for s in chosen]


def todo_page(
    *,
    user: Any,
    kind: str | None = None,
    overdue_only: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> TodoPage:
    """One page of the user's to-do: the groups one after the other, each in its order; a page past the
    end shows the last one."""
    if not getattr(user, "is_authenticated", False):
        return TodoPage([], [], 0, 1, per_page)
    counted = [(s, n) for s, n in _counted(user, _chosen(kind), overdue_only) if n]
    total = sum(n for _s, n in counted)
    number = min(max(1, page), max(1, math.ceil(total / per_page)))
    offset, wanted = (number - 1) * per_page, per_page
    items: list[TodoItem] = []
    for source, count in counted:
        if wanted <= 0:
            break
        if offset >= count:
            offset -= count
            continue
        got = source.items(user, overdue_only=overdue_only, offset=offset, limit=wanted)
        items += got
        wanted -= len(got)
        offset = 0
    groups = [TodoGroup(s.key, str(s.label), n) for s, n in counted]
    return TodoPage(items, groups, total, number, per_page)


def todo_groups(*, user: Any, rows: int = WORKBENCH_ROWS) -> list[TodoGroup]:
    """The workbench's to-do: each group with rows, its count and its first ``rows`` rows."""
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        TodoGroup(s.key, str(s.label), n, s.items(user, limit=rows))
        for s, n in _counted(user, sources(), False)
        if n
    ]


def todo_items(
    *, user: Any, kind: str | None = None, overdue_only: bool = False, limit: int | None = DEFAULT_LIMIT
) -> list[TodoItem]:
    """The user's to-do in the page's order, the first ``limit`` rows (None: all)."""
    if not getattr(user, "is_authenticated", False):
        return []
    items: list[TodoItem] = []
    for source in _chosen(kind):
        wanted = None if limit is None else limit - len(items)
        if wanted is not None and wanted <= 0:
            break
        items += source.items(user, overdue_only=overdue_only, limit=wanted)
    return items


def todo_count(user: Any) -> int:
    """How many things wait for the user to act on (the to-do badge): the number of rows of their to-do
    pages."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return sum(n for _s, n in _counted(user, sources(), False))
