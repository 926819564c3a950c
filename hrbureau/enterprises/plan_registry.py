"""What key-enterprise services and labour-demand lists add to the shared registries: the menu, the
portal service with its guide, the figures (coverage, on time, visits, demand coverage, fill rate) and
the officers' to-do."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core import figures, navigation, todo
from hrbureau.core.guides import Guide, PortalService
from hrbureau.core.guides import register as guides_register
from hrbureau.enterprises import plan_selectors as sel
from hrbureau.enterprises.models import ServicePlanItem
from hrbureau.enterprises.plan_choices import OPEN_ITEM_STATES, ItemState, PlanArea
from hrbureau.enterprises.plan_workflows import ITEM_WORKFLOW

navigation.register(
    navigation.NavItem(
        "key_enterprises",
        _("Key enterprises"),
        "enterprises:key_list",
        "star",
        "enterprises.view_serviceplan",
        order=11,
    )
)
navigation.register(
    navigation.NavItem(
        "labour_demand",
        _("Labour demand"),
        "enterprises:labour_demand_list",
        "users-plus",
        "enterprises.view_labourdemand",
        order=12,
    )
)
navigation.register(
    navigation.NavItem(
        "portal_labour",
        _("Labour needs"),
        "enterprises:portal_labour",
        "users-plus",
        "enterprises.record_own_labourdemand",
        order=20,
        area="portal",
    )
)
navigation.register(
    navigation.NavItem(
        "portal_plan",
        _("Service plan"),
        "enterprises:portal_plan",
        "clipboard-list",
        "enterprises.view_own_plan",
        order=21,
        area="portal",
    )
)

LABOUR_NEEDS_GUIDE = Guide(
    who=(_("Enterprises registered in the district, signed in with their enterprise account."),),
    materials=(
        _(
            "For each post: its name, how many people, the skills and education asked for, the monthly wage range "
            "and the day you need them by."
        ),
    ),
    time_limits=(
        _(
            "Your needs go on the district's labour-demand list at once; your service officer or the employment "
            "office contacts you about job fairs, postings and referrals."
        ),
    ),
    where=(
        _("Online, any time. Change a need while it is open; tell your service officer when it is filled."),
    ),
)
guides_register(
    PortalService(
        "enterprises_labour_needs",
        _("Labour needs"),
        _("Tell the bureau which posts you need filled; it helps you recruit."),
        "users-plus",
        "enterprises:portal_labour",
        "enterprises.record_own_labourdemand",
        guide=LABOUR_NEEDS_GUIDE,
        order=30,
    )
)


# --- figures: over the reader's scope, and by street --------------------------------------------------


def _figure(code: str, label: Any, count: Any, by_street: Any) -> None:
    figures.register(figures.Figure(code, label, count=count, by_street=by_street))


def _key_by_street(user: Any) -> dict[Any, int]:
    return sel.by_street(sel.key_enterprises(user), "street_id")


def _planned_by_street(user: Any) -> dict[Any, int]:
    return sel.by_street(sel.planned(user), "street_id")


def _due_by_street(user: Any) -> dict[Any, int]:
    return sel.by_street(sel.items_due(user), "plan__enterprise__street_id")


def _on_time_by_street(user: Any) -> dict[Any, int]:
    return sel.by_street(sel.items_on_time(user), "plan__enterprise__street_id")


_figure("enterprises.key", _("Key enterprises"), lambda u: sel.key_enterprises(u).count(), _key_by_street)
_figure(
    "enterprises.key_planned",
    _("Key enterprises with a plan this year"),
    lambda u: sel.planned(u).count(),
    _planned_by_street,
)
_figure(
    "enterprises.plan_coverage",
    _("Plan coverage of key enterprises (%)"),
    lambda u: sel.rate(sel.planned(u).count(), sel.key_enterprises(u).count()),
    lambda u: sel.rate_by_street(_planned_by_street(u), _key_by_street(u)),
)
_figure(
    "enterprises.plan_items_due",
    _("Plan items due so far this year"),
    lambda u: sel.items_due(u).count(),
    _due_by_street,
)
_figure(
    "enterprises.plan_items_on_time",
    _("Plan items done on time"),
    lambda u: sel.items_on_time(u).count(),
    _on_time_by_street,
)
_figure(
    "enterprises.plan_on_time_rate",
    _("Plan items done on time (%)"),
    lambda u: sel.rate(sel.items_on_time(u).count(), sel.items_due(u).count()),
    lambda u: sel.rate_by_street(_on_time_by_street(u), _due_by_street(u)),
)
_figure(
    "enterprises.service_visits",
    _("Visits to key enterprises this year"),
    lambda u: sel.visits(u).count(),
    lambda u: sel.by_street(sel.visits(u), "enterprise__street_id"),
)
_figure(
    "enterprises.key_with_demand",
    _("Key enterprises with a labour-demand list"),
    lambda u: sel.key_with_demands(u).count(),
    lambda u: sel.by_street(sel.key_with_demands(u), "street_id"),
)
_figure(
    "enterprises.labour_fill_rate",
    _("Labour demand filled (%)"),
    lambda u: sel.rate(*sel.fill_totals(sel.demands_counted(u))),
    sel.fill_by_street,
)


# --- the officers' to-do: their enterprises' items overdue or due soon --------------------------------


def _mine(user: Any) -> Q:
    return Q(plan__officer_id=user.pk) | Q(assigned_user_id=user.pk)


def _todo_rows(user: Any) -> QuerySet[ServicePlanItem]:
    if not getattr(user, "is_authenticated", False) or not user.has_perm("enterprises.change_serviceplan"):
        return ServicePlanItem.objects.none()
    today = timezone.localdate()
    horizon = today + dt.timedelta(days=sel.soon_days(today))
    return ServicePlanItem.objects.for_user(user).filter(
        _mine(user), state__in=OPEN_ITEM_STATES, due_on__lte=horizon
    )


def _todo_item(item: ServicePlanItem, today: dt.date) -> todo.TodoItem:
    area = dict(PlanArea.choices).get(item.area, item.area)
    return todo.TodoItem(
        title=f"{item.plan.enterprise.name} · {item}",
        url=item.get_absolute_url(),
        kind=str(_("Service plan item")),
        due=item.due_on,
        overdue=item.due_on is not None and item.due_on < today,
        state=str(ItemState(item.state).label),
        detail=str(area),
    )


todo.register(
    todo.TodoSource(
        key=ITEM_WORKFLOW.label,
        label=_("Key enterprises' plan items"),
        rows=_todo_rows,
        item=_todo_item,
        mine=_mine,
        select_related=("plan__enterprise",),
    )
)
