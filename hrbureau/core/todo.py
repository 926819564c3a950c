"""My to-do (DESIGN.md mechanism 3): what the user can act on, across every app: what a workflow marks
as handled first (``todo_first``), then soonest due first.

Every declared workflow with ``todo_states`` contributes its cases, through the model's ``for_user``
scoping, that are the user's own work: assigned to the user in person, or to the user's unit and to
nobody in person (an order a colleague signed for is the colleague's) — and only in the states from which
the user's role may take some step (a review waiting for the head's answer is not on the clerk's list).
The navigation's to-do badge counts exactly this list; unread messages have a badge of their own. An app
may also register a provider of its own for work that is not a case (``register``: the grid worker's
planned visits and survey visits come from ``labour.todo``), so core names no business line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils import timezone


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


Provider = Callable[[Any], list[TodoItem]]
Counter = Callable[[Any], int]
_PROVIDERS: dict[str, Provider] = {}
_LABELS: dict[str, Any] = {}
_COUNTERS: dict[str, Counter] = {}

DEFAULT_LIMIT = 200


def register(name: str, provider: Provider, *, label: Any = None, count: Counter | None = None) -> None:
    """Add work that is not a case to "my to-do": ``provider(user)`` gives the user's items (nothing for a
    user it does not concern), ``label`` names the kind in the filter, ``count(user)`` counts them for the
    badge without building them."""
    _PROVIDERS[name] = provider
    _LABELS[name] = label or name
    if count is not None:
        _COUNTERS[name] = count


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


def case_todo_queryset(workflow: Any, user: Any) -> QuerySet[Any]:
    """The cases of ``workflow`` that are ``user``'s own work and that the user can act on, within their
    scope: assigned to the user, or to their unit and to no one in person, in a state they can act from."""
    states = actionable_states(workflow, user)
    if not states:
        return workflow.model.objects.none()
    mine = Q(assigned_user_id=user.pk)
    if getattr(user, "org_unit_id", None) is not None:
        mine |= Q(assigned_unit_id=user.org_unit_id, assigned_user__isnull=True)
    return workflow.model.objects.for_user(user).filter(mine, state__in=states)


def _case_items(workflow: Any, user: Any, *, overdue_only: bool, limit: int) -> list[TodoItem]:
    today = timezone.localdate()
    queryset = case_todo_queryset(workflow, user)
    if overdue_only:
        queryset = queryset.filter(due_on__lt=today)
    order: list[Any] = [F("due_on").asc(nulls_last=True), "id"]
    if workflow.todo_first:
        order.insert(0, F(workflow.todo_first).desc())
    rows = queryset.select_related("assigned_unit").order_by(*order)[:limit]
    first_label = str(workflow.todo_first_label or "")
    kind = str(workflow.model._meta.verbose_name)
    states = workflow.states
    return [
        TodoItem(
            title=str(case),
            url=case.get_absolute_url(),
            kind=kind,
            due=case.due_on,
            overdue=case.due_on is not None and case.due_on < today,
            unit=case.assigned_unit.display_name if case.assigned_unit else "",
            state=str(states(case.state).label),
            first=first_label if workflow.todo_first and getattr(case, workflow.todo_first) else "",
        )
        for case in rows
    ]


def kinds() -> list[tuple[str, str]]:
    """(key, label) of every kind of to-do, for the filter."""
    from hrbureau.core.workflow import workflows

    result = [(w.label, str(w.model._meta.verbose_name)) for w in workflows() if w.todo_states]
    result += [(name, str(_LABELS[name])) for name in sorted(_PROVIDERS)]
    return result


def todo_items(
    *, user: Any, kind: str | None = None, overdue_only: bool = False, limit: int = DEFAULT_LIMIT
) -> list[TodoItem]:
    from hrbureau.core.workflow import workflows

    if not getattr(user, "is_authenticated", False):
        return []
    items: list[TodoItem] = []
    for workflow in workflows():
        if workflow.todo_states and kind in (None, "", workflow.label):
            items.extend(_case_items(workflow, user, overdue_only=overdue_only, limit=limit))
    for name, provider in _PROVIDERS.items():
        if kind in (None, "", name):
            items.extend(item for item in provider(user) if item.overdue or not overdue_only)
    items.sort(key=lambda item: (not item.first, item.due is None, item.due or dt.date.max, item.title))
    return items[:limit]


def todo_count(user: Any) -> int:
    """How many things wait for the user to act on (the to-do badge): the length of their to-do list."""
    from hrbureau.core.workflow import workflows

    if not getattr(user, "is_authenticated", False):
        return 0
    total = sum(case_todo_queryset(w, user).count() for w in workflows() if w.todo_states)
    return total + sum(
        _COUNTERS[name](user) if name in _COUNTERS else len(provider(user))
        for name, provider in _PROVIDERS.items()
    )


def providers() -> list[str]:
    return [key for key, _label in kinds()]
