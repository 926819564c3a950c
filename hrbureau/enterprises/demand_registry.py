"""What enterprise demands add to the shared registries: the menu entries, the portal service with its
guide (办事指南), where a notice opens for the enterprise, and "my to-do" — the demands to route or to
reply to (key demands first), the open key demands leadership follows, and on the portal the replies
waiting for the enterprise's rating."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from hrbureau.core import timeline, todo
from hrbureau.core.guides import Guide, PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.core.links import register_portal_page
from hrbureau.core.navigation import NavItem, register
from hrbureau.core.timeline import LIMIT, TimelineEntry, day_start
from hrbureau.core.todo import TodoItem, TodoSource, case_todo_queryset
from hrbureau.enterprises.demand_choices import OPEN_DEMAND_STATES, DemandKind, DemandState
from hrbureau.enterprises.demand_workflows import WORKFLOW
from hrbureau.enterprises.models import EnterpriseDemand

register(
    NavItem(
        "enterprise_demands",
        _("Enterprise demands"),
        "enterprises:demand_list",
        "message-2-question",
        "enterprises.view_enterprisedemand",
        order=12,
    )
)
register(
    NavItem(
        "portal_enterprise_demands",
        _("My demands"),
        "enterprises:portal_demands",
        "message-2-question",
        "enterprises.file_enterprisedemand",
        order=12,
        area="portal",
    )
)

# A notice about a demand opens, for the enterprise, its page in the portal.
register_portal_page(
    "enterprises.enterprisedemand", lambda demand: reverse("enterprises:portal_demand", args=[demand.pk])
)


def _periods() -> str:
    from hrbureau.enterprises.demand_services import reply_limit

    today = timezone.localdate()
    return gettext(
        "The unit responsible replies within %(most)d working days of filing (a policy matter: "
        "%(policy)d working days); you follow each step here and rate the reply."
    ) % {
        "most": reply_limit(DemandKind.RECRUITMENT, today).days,
        "policy": reply_limit(DemandKind.POLICY, today).days,
    }


GUIDE = Guide(
    who=(
        _(
            "Enterprises registered in the district, through their enterprise account: recruitment, "
            "training, policies, labour relations, talent, social insurance or anything else the HR "
            "bureau can help with."
        ),
    ),
    materials=(
        _("What you need, in a few sentences, and a contact person with a phone."),
        _("Papers that help (PDF, images, Word or Excel), if any."),
    ),
    time_limits=(_periods,),
    where=(_("Online on this portal, at any time; or tell your enterprise service officer."),),
    basis=(_("The district's service for enterprises (精准服务企业): demands collected and resolved."),),
)

guides_register(
    PortalService(
        "enterprise_demand_file",
        _("File a demand"),
        _("Tell the HR bureau what your enterprise needs; follow the reply and rate it."),
        "message-2-question",
        "enterprises:portal_demand_file",
        "enterprises.file_enterprisedemand",
        guide=GUIDE,
        order=20,
    )
)


# --- my to-do ------------------------------------------------------------------------------------------


def _to_act_on(user: Any) -> QuerySet[EnterpriseDemand]:
    """Demands to route (for whoever routes them: they wait for no unit) and those routed to the user's
    unit to reply to."""
    rows = case_todo_queryset(WORKFLOW, user)
    if getattr(user, "is_authenticated", False) and user.has_perm("enterprises.route_enterprisedemand"):
        rows = rows | EnterpriseDemand.objects.for_user(user).filter(state=DemandState.FILED)
    return rows


def _item(demand: EnterpriseDemand, today: dt.date) -> TodoItem:
    return TodoItem(
        title=str(demand),
        url=demand.get_absolute_url(),
        kind=gettext("Enterprise demand"),
        due=demand.due_on,
        overdue=demand.due_on is not None and demand.due_on < today,
        unit=demand.assigned_unit.display_name if demand.assigned_unit else "",
        state=str(DemandState(demand.state).label),
    )


todo.register(
    TodoSource(
        key=WORKFLOW.label,
        label=_("Enterprise demands"),
        rows=_to_act_on,
        item=_item,
        mine=lambda user: Q(assigned_user_id=user.pk),
        first="is_key",
        first_label=WORKFLOW.todo_first_label,
        select_related=("assigned_unit",),
    )
)


def _key_demands(user: Any) -> QuerySet[EnterpriseDemand]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm(
        "enterprises.follow_key_enterprisedemand"
    ):
        return EnterpriseDemand.objects.none()
    return EnterpriseDemand.objects.for_user(user).filter(is_key=True, state__in=OPEN_DEMAND_STATES)


todo.register(
    TodoSource(
        key="enterprises.key-demands",
        label=_("Key enterprise demands"),
        rows=_key_demands,
        item=_item,
        select_related=("assigned_unit",),
    )
)


def _to_rate(user: Any) -> list[TodoItem]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("enterprises.file_enterprisedemand"):
        return []
    replied = EnterpriseDemand.objects.for_user(user).filter(state=DemandState.REPLIED).order_by("-id")[:20]
    return [
        TodoItem(
            title=gettext("Rate the reply to your demand %(demand)s") % {"demand": demand},
            url=reverse("enterprises:portal_demand", args=[demand.pk]),
            kind=gettext("Replies to rate"),
            state=gettext("Answered"),
        )
        for demand in replied
    ]


todo.register("enterprise demands to rate", _to_rate, label=_("Replies to rate"), portal=True)


# --- the enterprise's timeline (core.timeline): its demands the reader may see -------------------------


def enterprise_demands(user: Any, enterprise: Any) -> list[TimelineEntry]:
    from hrbureau.core.tables import choice_labels

    states, kinds = choice_labels(DemandState), choice_labels(DemandKind)
    demands = (
        EnterpriseDemand.objects.for_user(user)
        .filter(enterprise=enterprise)
        .order_by("-filed_on", "-id")
        .only("id", "number", "title", "state", "kind", "filed_on", "is_key")
    )
    return [
        TimelineEntry(
            at=day_start(demand.filed_on),
            dated=True,
            title=gettext("Enterprise demand %(number)s · %(state)s")
            % {"number": demand.number, "state": states.get(demand.state, demand.state)},
            detail=f"{kinds.get(demand.kind, demand.kind)} · {demand.title}"
            + (f" · {gettext('key demand')}" if demand.is_key else ""),
            url=demand.get_absolute_url(),
            icon="message-2-question",
        )
        for demand in demands[:LIMIT]
    ]


timeline.register("enterprises.Enterprise", enterprise_demands)
