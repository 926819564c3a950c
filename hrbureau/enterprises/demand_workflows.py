"""The enterprise-demand workflow (企业诉求): filed → routed → replied → closed, or withdrawn.

A demand filed on the portal (or recorded by a service officer) waits to be routed to the department or
street that answers it; that unit replies — or returns it, not being the right one, and it is routed
again; a router may transfer it meanwhile. The reply clock runs from the day it was filed, in working days,
for the period of its kind in force that day (``DemandReplyLimit``); routing between units does not stop
it, since the enterprise is still waiting. The enterprise rates the reply (1–5), which closes it; the bureau
may close a reply the enterprise does not rate. Until it is replied the enterprise may withdraw it. Staff
may mark it a key demand (重点诉求): leadership is told and follows it on their to-do.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from hrbureau.core import clocks
from hrbureau.core.notifications import notify
from hrbureau.core.workflow import TransitionContext, act_day, declare_workflow
from hrbureau.enterprises import demand_forms as F
from hrbureau.enterprises.demand_choices import DemandState as S
from hrbureau.enterprises.models import EnterpriseDemand

CLOCK_REPLY = "reply"

WORKFLOW = declare_workflow(
    EnterpriseDemand,
    states=S,
    initial=S.FILED,
    todo_states={S.FILED, S.ROUTED},
    final_states={S.CLOSED, S.WITHDRAWN},
    # A key demand is dealt with before the others.
    todo_first="is_key",
    todo_first_label=gettext_lazy("key demand"),
    slug="enterprise-demands",
)


# --- guards: None when allowed, else the translated reason -------------------------------------------


def _own_unit(case: EnterpriseDemand, actor: Any, data: dict[str, Any]) -> str | None:
    if actor is None or actor.org_unit_id is None or actor.org_unit_id != case.responsible_unit_id:
        return _("Only the unit the demand is routed to can do this.")
    return None


def _own_enterprise(case: EnterpriseDemand, actor: Any, data: dict[str, Any]) -> str | None:
    if actor is None or getattr(actor, "enterprise_id", None) != case.enterprise_id:
        return _("Only the enterprise that filed the demand can do this.")
    return None


def _not_key(case: EnterpriseDemand, actor: Any, data: dict[str, Any]) -> str | None:
    return _("This demand is already a key demand.") if case.is_key else None


# --- transitions --------------------------------------------------------------------------------------

add = WORKFLOW.add
add(
    "route",
    gettext_lazy("Route to the responsible unit"),
    source={S.FILED},
    target=S.ROUTED,
    permission="enterprises.route_enterprisedemand",
    form=F.DemandRouteForm,
)
add(
    "reply",
    gettext_lazy("Reply"),
    source={S.ROUTED},
    target=S.REPLIED,
    permission="enterprises.handle_enterprisedemand",
    guard=_own_unit,
    requires_reason=True,
    form=F.DemandReplyForm,
)
add(
    "return",
    gettext_lazy("Return (not for our unit)"),
    source={S.ROUTED},
    target=S.FILED,
    permission="enterprises.handle_enterprisedemand",
    guard=_own_unit,
    requires_reason=True,
    button="outline-danger",
    form=F.DemandReturnForm,
)
add(
    "transfer",
    gettext_lazy("Transfer to another unit"),
    source={S.ROUTED},
    target=S.ROUTED,
    permission="enterprises.route_enterprisedemand",
    requires_reason=True,
    button="outline-secondary",
    form=F.DemandTransferForm,
)
add(
    "mark_key",
    gettext_lazy("Mark as a key demand"),
    source={S.FILED, S.ROUTED},
    target=None,
    permission="enterprises.escalate_enterprisedemand",
    guard=_not_key,
    requires_reason=True,
    button="outline-danger",
    form=F.DemandKeyForm,
)
add(
    "close",
    gettext_lazy("Close without a rating"),
    source={S.REPLIED},
    target=S.CLOSED,
    permission="enterprises.route_enterprisedemand",
    requires_reason=True,
    button="outline-secondary",
    form=F.DemandCloseForm,
)
add(
    "rate",
    gettext_lazy("Rate the reply"),
    source={S.REPLIED},
    target=S.CLOSED,
    permission="enterprises.file_enterprisedemand",
    guard=_own_enterprise,
    area="portal",
    form=F.DemandRateForm,
)
add(
    "withdraw",
    gettext_lazy("Withdraw the demand"),
    source={S.FILED, S.ROUTED},
    target=S.WITHDRAWN,
    permission="enterprises.file_enterprisedemand",
    guard=_own_enterprise,
    area="portal",
    button="outline-danger",
    form=F.DemandWithdrawForm,
)

# What the enterprise reads on the portal: routing, returns and transfers between units are one step,
# "being handled"; the units' reasons stay inside. It is told the reply.
BEING_HANDLED = gettext_lazy("Being handled")
WORKFLOW.for_parties(
    states={
        S.FILED: pgettext_lazy("plain state", "Received"),
        S.ROUTED: BEING_HANDLED,
        S.REPLIED: gettext_lazy("Answered"),
    },
    told={"reply": gettext_lazy("Answered"), "rate": gettext_lazy("You rated the reply")},
    clocks={CLOCK_REPLY},
)


# --- effects ------------------------------------------------------------------------------------------


@WORKFLOW.effect("route", "transfer")
def _routed(ctx: TransitionContext) -> None:
    demand: EnterpriseDemand = ctx.case
    clocks.clocks_reassign(case=demand, unit=demand.assigned_unit)
    notify(
        title=_("New enterprise demand for your unit: %(demand)s") % {"demand": demand},
        url=demand.get_absolute_url(),
        unit=demand.assigned_unit,
        case=demand,
    )


@WORKFLOW.effect("return")
def _returned(ctx: TransitionContext) -> None:
    clocks.clocks_reassign(case=ctx.case, unit=None)


@WORKFLOW.effect("reply")
def _replied(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_REPLY, on=act_day(ctx), actor=ctx.actor)


@WORKFLOW.effect("withdraw")
def _withdrawn(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_REPLY, on=act_day(ctx), actor=ctx.actor)


@WORKFLOW.effect("mark_key")
def _marked_key(ctx: TransitionContext) -> None:
    demand: EnterpriseDemand = ctx.case
    from hrbureau.accounts.choices import Role

    notify(
        title=_("Key enterprise demand: %(demand)s (%(enterprise)s)")
        % {"demand": demand, "enterprise": demand.enterprise.name},
        body=ctx.reason,
        url=demand.get_absolute_url(),
        role=Role.LEADER,
        case=demand,
    )


@WORKFLOW.on_commit("reply")
def _tell_enterprise(ctx: TransitionContext) -> None:
    from django.db import transaction

    from hrbureau.accounts.selectors import portal_users_of

    demand: EnterpriseDemand = ctx.case
    with transaction.atomic():
        notify(
            title=_("Your demand %(number)s has a reply. Read it and rate it on the portal.")
            % {"number": demand.number},
            url=demand.get_absolute_url(),
            users=portal_users_of(enterprise_id=demand.enterprise_id),
            sms_to=[demand.contact_phone],
            case=demand,
        )
