"""Writes of key-enterprise services (一企一策) and labour-demand lists: the forms, the portal and the
item and demand actions all come through here. Every write checks the actor's permission and that the
enterprise lies in the actor's scope."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.models import CaseEvent
from hrbureau.core.scoping import scope_allows
from hrbureau.core.workflow import create_case, transition
from hrbureau.enterprises.models import (
    Enterprise,
    EnterpriseOfficer,
    LabourDemand,
    ServicePlan,
    ServicePlanItem,
    ServiceVisit,
)
from hrbureau.enterprises.plan_choices import KEY_ENTERPRISE_TAG, DemandState
from hrbureau.enterprises.plan_workflows import DEMAND_WORKFLOW, ITEM_WORKFLOW

PLAN_EDIT = "enterprises.change_serviceplan"
DEMAND_EDIT = "enterprises.change_labourdemand"
DEMAND_OWN = "enterprises.record_own_labourdemand"


def _in_scope(actor: Any, enterprise: Enterprise, permission: str) -> None:
    if not actor.has_perm(permission):
        raise PermissionDenied(permission)
    if not scope_allows(
        actor, street_id=enterprise.street_id, grid_id=enterprise.grid_id, enterprise_id=enterprise.pk
    ):
        raise PermissionDenied(_("This enterprise is outside your area."))


def _key(enterprise: Enterprise) -> None:
    if not enterprise.tags.filter(code=KEY_ENTERPRISE_TAG).exists():
        raise ValidationError(_("Only a key enterprise has a service plan."))


# --- officers, plans, items, visits ------------------------------------------------------------------


def officer_assign(*, actor: Any, enterprise: Enterprise, officer: Any) -> EnterpriseOfficer:
    """Make ``officer`` the key enterprise's service officer (replacing any other)."""
    _in_scope(actor, enterprise, PLAN_EDIT)
    _key(enterprise)
    if not officer.has_perm(PLAN_EDIT):
        raise ValidationError({"officer": _("The service officer must be staff who may keep plans.")})
    assignment, _created = EnterpriseOfficer.objects.update_or_create(
        enterprise=enterprise, defaults={"officer": officer}
    )
    return assignment


def plan_create(
    *, actor: Any, enterprise: Enterprise, officer: Any, year: int, summary: str = ""
) -> ServicePlan:
    """The key enterprise's plan for ``year``, kept by ``officer`` (who becomes its service officer)."""
    _in_scope(actor, enterprise, PLAN_EDIT)
    _key(enterprise)
    if ServicePlan.objects.filter(enterprise=enterprise, year=year).exists():
        raise ValidationError({"year": _("This enterprise already has a plan for that year.")})
    with transaction.atomic():
        officer_assign(actor=actor, enterprise=enterprise, officer=officer)
        return ServicePlan.objects.create(enterprise=enterprise, officer=officer, year=year, summary=summary)


def item_add(
    *,
    actor: Any,
    plan: ServicePlan,
    area: str,
    task: str,
    due_on: dt.date,
    owner_user: Any = None,
    owner_unit: Any = None,
    shared: bool = True,
) -> ServicePlanItem:
    """An item of ``plan``, owned by a person or a unit (the plan's officer when neither is named)."""
    _in_scope(actor, plan.enterprise, PLAN_EDIT)
    if owner_user is None and owner_unit is None:
        owner_user = plan.officer
    item = ServicePlanItem(
        plan=plan,
        area=area,
        task=task,
        due_on=due_on,
        assigned_user=owner_user,
        assigned_unit=owner_unit,
        shared=shared,
    )
    create_case(item, actor=actor, data={"area": area, "due_on": due_on})
    return item


@ITEM_WORKFLOW.performs("start", case="item")
def item_start(*, actor: Any, item: ServicePlanItem) -> CaseEvent:
    return transition(item, "start", actor=actor)


@ITEM_WORKFLOW.performs("record_progress", case="item")
def item_record_progress(*, actor: Any, item: ServicePlanItem, progress: int, note: str = "") -> CaseEvent:
    if not 0 <= progress <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    return transition(
        item,
        "record_progress",
        actor=actor,
        reason=note,
        data={"progress": progress},
        fields={"progress": progress},
    )


@ITEM_WORKFLOW.performs("complete", case="item")
def item_complete(
    *, actor: Any, item: ServicePlanItem, on: dt.date | None = None, note: str = ""
) -> CaseEvent:
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("An item cannot be done on a day still to come.")})
    return transition(
        item, "complete", actor=actor, reason=note, data={"on": on}, fields={"done_on": on, "progress": 100}
    )


@ITEM_WORKFLOW.performs("drop", case="item")
def item_drop(*, actor: Any, item: ServicePlanItem, reason: str) -> CaseEvent:
    return transition(item, "drop", actor=actor, reason=reason)


def visit_record(
    *,
    actor: Any,
    enterprise: Enterprise,
    visited_on: dt.date,
    met: str,
    discussed: str,
    follow_ups: str = "",
    officer: Any = None,
) -> ServiceVisit:
    _in_scope(actor, enterprise, PLAN_EDIT)
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("A visit cannot be recorded before it took place.")})
    return ServiceVisit.objects.create(
        enterprise=enterprise,
        officer=officer or actor,
        visited_on=visited_on,
        met=met,
        discussed=discussed,
        follow_ups=follow_ups,
    )


# --- labour demands ----------------------------------------------------------------------------------

DEMAND_FIELDS = ("post", "headcount", "skills", "education", "wage_min", "wage_max", "needed_by")


def _check_demand(data: dict[str, Any]) -> None:
    low, high = data.get("wage_min"), data.get("wage_max")
    if low is not None and high is not None and Decimal(low) > Decimal(high):
        raise ValidationError({"wage_max": _("The wage range ends below where it starts.")})
    if not data.get("headcount") or int(data["headcount"]) < 1:
        raise ValidationError({"headcount": _("At least one person is needed.")})


def _may_record_demand(actor: Any, enterprise: Enterprise) -> bool:
    """Staff who may edit demands within their area, or a user of the enterprise itself (portal)."""
    if actor.has_perm(DEMAND_OWN):
        return getattr(actor, "enterprise_id", None) == enterprise.pk
    return actor.has_perm(DEMAND_EDIT) and scope_allows(
        actor, street_id=enterprise.street_id, grid_id=enterprise.grid_id, enterprise_id=enterprise.pk
    )


def labour_demand_record(*, actor: Any, enterprise: Enterprise, data: dict[str, Any]) -> LabourDemand:
    """A labour need of ``enterprise``: written by the enterprise on its portal, or by staff."""
    if not _may_record_demand(actor, enterprise):
        raise PermissionDenied(DEMAND_EDIT)
    _check_demand(data)
    demand = LabourDemand(
        enterprise=enterprise,
        recorded_by=actor,
        on_portal=actor.has_perm(DEMAND_OWN),
        **{name: data.get(name) for name in DEMAND_FIELDS if name in data},
    )
    if not demand.education:
        demand.education = "any"
    create_case(demand, actor=actor, data={"post": demand.post, "headcount": demand.headcount})
    return demand


def labour_demand_update(*, actor: Any, demand: LabourDemand, data: dict[str, Any]) -> LabourDemand:
    """Change an open demand's details. A headcount below the hires already recorded is refused."""
    if not _may_record_demand(actor, demand.enterprise):
        raise PermissionDenied(DEMAND_EDIT)
    if demand.state not in (DemandState.OPEN, DemandState.PARTLY_FILLED):
        raise ValidationError(_("Only an open demand can be changed."))
    _check_demand(data)
    if int(data["headcount"]) <= demand.filled:
        # Hires fill a demand ("record hires"); its details never do.
        raise ValidationError(
            {
                "headcount": _("%(n)s people are already hired for it: ask for more than that.")
                % {"n": demand.filled}
            }
        )
    for name in DEMAND_FIELDS:
        if name in data:
            setattr(demand, name, data[name])
    demand.save(update_fields=[*DEMAND_FIELDS, "updated_at"])
    return demand


@DEMAND_WORKFLOW.performs("record_hires", case="demand")
def demand_hires_record(*, actor: Any, demand: LabourDemand, hires: int, note: str = "") -> CaseEvent:
    """Hires made against the demand. The hook employment services call when a posting, a recruitment
    event or a placement fills it (issue 17: until they exist, staff record the hires here)."""
    if hires < 1 or hires > demand.open_headcount:
        raise ValidationError(
            {"hires": _("At most %(n)s people are still needed.") % {"n": demand.open_headcount}}
        )
    filled = demand.filled + hires
    with transaction.atomic():
        event = transition(
            demand, "record_hires", actor=actor, reason=note, data={"hires": hires}, fields={"filled": filled}
        )
        if filled >= demand.headcount:
            transition(demand, "fill", actor=actor)
        elif demand.state == DemandState.OPEN:
            transition(demand, "partly_fill", actor=actor)
    return event


@DEMAND_WORKFLOW.performs("withdraw", case="demand")
def demand_withdraw(*, actor: Any, demand: LabourDemand, reason: str) -> CaseEvent:
    return transition(demand, "withdraw", actor=actor, reason=reason)
