"""The writes of enterprise demands (企业诉求): filing (on the portal, or by staff for an enterprise) and
each action of the workflow (``demand_workflows``), every state change through ``core.workflow``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.core import clocks
from hrbureau.core.attachments import attachment_add
from hrbureau.core.counters import next_value
from hrbureau.core.dated import in_force
from hrbureau.core.models import CaseEvent
from hrbureau.core.scoping import may_see
from hrbureau.core.workflow import create_case, transition
from hrbureau.enterprises.demand_choices import DemandChannel, DemandKind
from hrbureau.enterprises.demand_workflows import CLOCK_REPLY, WORKFLOW
from hrbureau.enterprises.models import DemandReplyLimit, Enterprise, EnterpriseDemand

REPLY_CLOCK_LABEL = gettext_lazy("Reply")


def reply_limit(kind: str, on: dt.date) -> DemandReplyLimit:
    """The reply period of a demand of ``kind`` filed on ``on`` (the row in force that day)."""
    return in_force(DemandReplyLimit.objects.filter(key=kind), on, what=f"demand reply period {kind!r}")


def _today() -> dt.date:
    return timezone.localdate()


def _day(on: dt.date | None, *, field: str = "on") -> dt.date:
    day = on or _today()
    if day > _today():
        raise ValidationError({field: [_("This day has not come yet.")]})
    return day


@transaction.atomic
def demand_file(
    *,
    actor: Any,
    enterprise: Enterprise,
    kind: str,
    title: str,
    description: str,
    channel: str = DemandChannel.PORTAL,
    contact_name: str = "",
    contact_phone: str = "",
    filed_on: dt.date | None = None,
    attachments: list[Any] | None = None,
) -> EnterpriseDemand:
    """File a demand: an enterprise user for its own enterprise (on the portal), or staff for an
    enterprise in their scope (a service officer's visit, a letter, a call). The reply clock starts on the
    day it was filed, for the period of its kind."""
    if actor is None or not actor.is_authenticated:
        raise PermissionDenied("anonymous")
    if actor.role == Role.ENTERPRISE:
        if not actor.has_perm("enterprises.file_enterprisedemand") or actor.enterprise_id != enterprise.pk:
            raise PermissionDenied("an enterprise files its own demands only")
        channel = DemandChannel.PORTAL
    else:
        if not actor.has_perm("enterprises.add_enterprisedemand") or not may_see(actor, enterprise):
            raise PermissionDenied("enterprises.add_enterprisedemand")
    errors: dict[str, list[str]] = {}
    if kind not in DemandKind.values:
        errors["kind"] = [_("Choose the kind of demand.")]
    if channel not in DemandChannel.values:
        errors["channel"] = [_("Choose how the demand came in.")]
    elif channel == DemandChannel.PORTAL and actor.role != Role.ENTERPRISE:
        errors["channel"] = [_("Only the enterprise itself files on the portal.")]
    title, description = (title or "").strip(), (description or "").strip()
    if not title:
        errors["title"] = [_("Give the demand a title.")]
    if not description:
        errors["description"] = [_("Say what the enterprise needs.")]
    try:
        day = _day(filed_on, field="filed_on")
    except ValidationError as error:
        errors.update(error.message_dict)
        day = _today()
    if errors:
        raise ValidationError(errors)
    limit = reply_limit(kind, day)
    demand = EnterpriseDemand(
        number=f"QS{day.year}{next_value(f'enterprise-demand-{day.year}'):06d}",
        enterprise=enterprise,
        street_id=enterprise.street_id,
        title=title[:200],
        description=description[:4000],
        kind=kind,
        channel=channel,
        contact_name=(contact_name or "").strip()[:100],
        contact_phone=(contact_phone or "").strip()[:20],
        filed_on=day,
        filed_by=actor,
    )
    create_case(demand, actor=actor, data={"kind": kind, "channel": channel, "on": day})
    clocks.clock_start(
        case=demand,
        name=CLOCK_REPLY,
        label=REPLY_CLOCK_LABEL,
        days=limit.days,
        day_kind=limit.day_kind,
        on=day,
        unit=None,
        actor=actor,
    )
    for upload in attachments or []:
        attachment_add(case=demand, upload=upload, actor=actor)
    return demand


def _check_unit(demand: EnterpriseDemand, unit: Any) -> None:
    if unit is None or not unit.is_active:
        raise ValidationError({"unit": [_("Choose the department or street that answers it.")]})
    if unit.kind != OrgUnitKind.DEPARTMENT and unit.pk != demand.street_id:
        raise ValidationError(
            {"unit": [_("Route a demand to a department or to the street of its enterprise.")]}
        )


@WORKFLOW.performs("route", case="demand")
def demand_route(*, actor: Any, demand: EnterpriseDemand, unit: Any) -> CaseEvent:
    _check_unit(demand, unit)
    return transition(
        demand,
        "route",
        actor=actor,
        data={"unit": unit.pk},
        fields={"responsible_unit": unit, "assigned_unit": unit},
    )


@WORKFLOW.performs("transfer", case="demand")
def demand_transfer(*, actor: Any, demand: EnterpriseDemand, unit: Any, reason: str) -> CaseEvent:
    _check_unit(demand, unit)
    if unit.pk == demand.responsible_unit_id:
        raise ValidationError({"unit": [_("The demand is with this unit already.")]})
    return transition(
        demand,
        "transfer",
        actor=actor,
        reason=reason,
        data={"unit": unit.pk, "from_unit": demand.responsible_unit_id},
        fields={"responsible_unit": unit, "assigned_unit": unit},
    )


@WORKFLOW.performs("return", case="demand")
def demand_return(*, actor: Any, demand: EnterpriseDemand, reason: str) -> CaseEvent:
    """The unit says the demand is not theirs: back to be routed again."""
    return transition(
        demand,
        "return",
        actor=actor,
        reason=reason,
        data={"unit": demand.responsible_unit_id},
        fields={"responsible_unit": None, "assigned_unit": None},
    )


@WORKFLOW.performs("reply", case="demand")
def demand_reply(*, actor: Any, demand: EnterpriseDemand, reply: str, on: dt.date | None = None) -> CaseEvent:
    day = _day(on)
    if day < demand.filed_on:
        raise ValidationError({"on": [_("A demand cannot be replied to before it was filed.")]})
    text = (reply or "").strip()
    clock = clocks.clock_of(demand, CLOCK_REPLY)
    due = clock.due_on if clock is not None else None
    return transition(
        demand,
        "reply",
        actor=actor,
        reason=text,
        data={"on": day},
        fields={"reply": text[:4000], "replied_on": day, "replied_on_time": due is None or day <= due},
    )


@WORKFLOW.performs("rate", case="demand")
def demand_rate(
    *, actor: Any, demand: EnterpriseDemand, rating: int, comment: str = "", on: dt.date | None = None
) -> CaseEvent:
    """The enterprise rates the reply, from one to five stars; that closes the demand."""
    if rating not in range(1, 6):
        raise ValidationError({"rating": [_("Give one to five stars.")]})
    day = _day(on)
    text = (comment or "").strip()
    return transition(
        demand,
        "rate",
        actor=actor,
        reason=text,
        data={"rating": rating, "on": day},
        fields={
            "rating": rating,
            "rating_comment": text[:2000],
            "closed_on": day,
            "assigned_unit": None,
            "assigned_user": None,
        },
    )


@WORKFLOW.performs("close", case="demand")
def demand_close(*, actor: Any, demand: EnterpriseDemand, reason: str) -> CaseEvent:
    return transition(
        demand,
        "close",
        actor=actor,
        reason=reason,
        fields={"closed_on": _today(), "assigned_unit": None, "assigned_user": None},
    )


@WORKFLOW.performs("withdraw", case="demand")
def demand_withdraw(*, actor: Any, demand: EnterpriseDemand, reason: str = "") -> CaseEvent:
    return transition(
        demand,
        "withdraw",
        actor=actor,
        reason=reason,
        fields={"closed_on": _today(), "assigned_unit": None, "assigned_user": None},
    )


@WORKFLOW.performs("mark_key", case="demand")
def demand_mark_key(*, actor: Any, demand: EnterpriseDemand, reason: str) -> CaseEvent:
    """A key demand (重点诉求): leadership is told, and follows it on their to-do until it is replied."""
    return transition(demand, "mark_key", actor=actor, reason=reason, fields={"is_key": True})
