"""The grid worker's visits in "my to-do" (``core.todo``): planned visits not yet made and survey visits
not yet recorded, in the grid the user works in (or assigned to them by name), within their scope.

A planned visit is due on the last day of its plan; a survey visit has no date of its own. Each item
names the enterprise and, under it, the address to go to.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import todo
from hrbureau.core.todo import TodoItem
from hrbureau.labour.choices import SurveyState
from hrbureau.labour.models import PlanTarget, SampleMember

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


def planned_visit_items(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    kind = _("Planned visit")
    rows = (
        planned_visits(user)
        .select_related("plan", "enterprise", "grid")
        .order_by("plan__ends_on", "plan_id", "id")[: todo.DEFAULT_LIMIT]
    )
    return [
        TodoItem(
            title=t.enterprise.name,
            url=f"{reverse('labour:inspect', args=[t.enterprise_id])}?target={t.pk}",
            kind=kind,
            due=t.plan.ends_on,
            overdue=t.plan.ends_on < today,
            unit=t.grid.display_name if t.grid else "",
            state=t.plan.name,
            detail=_where(t.enterprise),
        )
        for t in rows
    ]


def survey_visit_items(user: Any) -> list[TodoItem]:
    kind = _("Survey visit")
    visits = reverse("labour:visits")
    rows = (
        survey_visits(user)
        .select_related("sample", "enterprise", "grid")
        .order_by("sample_id", "id")[: todo.DEFAULT_LIMIT]
    )
    return [
        TodoItem(
            title=m.enterprise.name,
            url=f"{visits}#survey-{m.pk}",
            kind=kind,
            unit=m.grid.display_name if m.grid else "",
            state=m.sample.name,
            detail=_where(m.enterprise),
        )
        for m in rows
    ]


todo.register(
    PLANNED,
    planned_visit_items,
    label=gettext_lazy("Planned visits"),
    count=lambda user: planned_visits(user).count(),
)
todo.register(
    SURVEYS,
    survey_visit_items,
    label=gettext_lazy("Survey visits"),
    count=lambda user: survey_visits(user).count(),
)
