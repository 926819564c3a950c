"""Labour's groups of "my to-do" (``core.todo``): the risks the user can act on (escalated ones first),
and the grid worker's visits: planned visits not yet made and survey visits not yet recorded, in the grid
the user works in (or assigned to them by name — their own), within their scope.

A planned visit is due on the last day of its plan; a survey visit has no date of its own. Each item
names the enterprise and, under it, the address to go to.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import todo
from hrbureau.core.todo import TodoItem
from hrbureau.labour.choices import SurveyState
from hrbureau.labour.models import PlanTarget, SampleMember
from hrbureau.labour.workflows import WORKFLOW

PLANNED = "labour-visits"
SURVEYS = "labour-surveys"


def _mine(user: Any) -> Q:
    """Assigned to the user by name, or lying in the unit (the grid) the user works in."""
    return Q(grid_id=user.org_unit_id) if getattr(user, "org_unit_id", None) else Q(pk__in=[])


def planned_visits(user: Any) -> QuerySet[PlanTarget]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("labour.add_inspection"):
        return PlanTarget.objects.none()
    return PlanTarget.objects.for_user(user).filter(
        _mine(user) | Q(inspector_id=user.pk), inspection__isnull=True
    )


def survey_visits(user: Any) -> QuerySet[SampleMember]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("labour.survey_sample"):
        return SampleMember.objects.none()
    return SampleMember.objects.for_user(user).filter(_mine(user), state=SurveyState.PENDING)


def _where(enterprise: Any) -> str:
    return enterprise.registered_address or _("no address recorded")


def _planned_item(t: PlanTarget, today: dt.date) -> TodoItem:
    return TodoItem(
        title=t.enterprise.name,
        url=f"{reverse('labour:inspect', args=[t.enterprise_id])}?target={t.pk}",
        kind=_("Planned visit"),
        due=t.plan.ends_on,
        overdue=t.plan.ends_on < today,
        unit=t.grid.display_name if t.grid else "",
        state=t.plan.name,
        detail=_where(t.enterprise),
    )


def _survey_item(m: SampleMember, today: dt.date) -> TodoItem:
    return TodoItem(
        title=m.enterprise.name,
        url=f"{reverse('labour:visits')}#survey-{m.pk}",
        kind=_("Survey visit"),
        unit=m.grid.display_name if m.grid else "",
        state=m.sample.name,
        detail=_where(m.enterprise),
    )


# Risks: the escalated ones head the group (the workflow's ``todo_first``).
RISKS = todo.register(todo.case_source(WORKFLOW, title_fields=("number", "risk_type")))
todo.register(
    todo.TodoSource(
        key=PLANNED,
        label=gettext_lazy("Planned visits"),
        rows=planned_visits,
        item=_planned_item,
        mine=lambda user: Q(inspector_id=user.pk),
        due="plan__ends_on",
        order=("plan_id", "id"),
        select_related=("plan", "enterprise", "grid"),
    )
)
todo.register(
    todo.TodoSource(
        key=SURVEYS,
        label=gettext_lazy("Survey visits"),
        rows=survey_visits,
        item=_survey_item,
        due=None,
        order=("sample_id", "id"),
        select_related=("sample", "enterprise", "grid"),
    )
)
