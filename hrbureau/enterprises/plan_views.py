"""Pages of key-enterprise services and labour demands that the declared lists and case pages do not
give: a plan's page (its items with their actions, its visits), the forms, and the enterprise's portal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.casepage import record_actions
from hrbureau.core.forms import apply_errors
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises import plan_selectors, plan_services
from hrbureau.enterprises.models import Enterprise, LabourDemand, ServicePlan, ServicePlanItem, ServiceVisit
from hrbureau.enterprises.plan_choices import OPEN_DEMAND_STATES, DemandState, ItemState
from hrbureau.enterprises.plan_forms import (
    ItemForm,
    LabourDemandForm,
    PlanForm,
    StaffLabourDemandForm,
    VisitForm,
)
from hrbureau.enterprises.plan_lists import LABOUR_DEMANDS

VIEW_PLAN, EDIT_PLAN = "enterprises.view_serviceplan", "enterprises.change_serviceplan"
EDIT_DEMAND, OWN_DEMAND = "enterprises.change_labourdemand", "enterprises.record_own_labourdemand"
OWN_PLAN = "enterprises.view_own_plan"


@permission_required(EDIT_PLAN)
def plan_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A key enterprise's plan for a year (this year unless said)."""
    enterprise = get_for_user_or_404(plan_selectors.key_enterprises(request.user), request.user, pk=pk)
    officer = getattr(getattr(enterprise, "service_officer", None), "officer", None)
    form = PlanForm(request.POST or None, initial={"officer": officer or request.user})
    if request.method == "POST" and form.is_valid():
        try:
            plan = plan_services.plan_create(actor=request.user, enterprise=enterprise, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Plan made. Add its items."))
            return redirect(plan)
    return render(request, "enterprises/plan_form.html", {"form": form, "enterprise": enterprise})


def _plan(request: HttpRequest, pk: int) -> ServicePlan:
    rows = ServicePlan.objects.select_related("enterprise", "enterprise__street", "officer")
    return get_for_user_or_404(rows, request.user, pk=pk)


def _plan_page(
    request: HttpRequest, plan: ServicePlan, *, item_form: Any = None, visit_form: Any = None
) -> HttpResponseBase:
    items = list(
        ServicePlanItem.objects.for_user(request.user)
        .filter(plan=plan)
        .select_related("assigned_user", "assigned_unit", "plan")
        .order_by("due_on", "id")
    )
    today = timezone.localdate()
    for item in items:
        item.state_label = ItemState(item.state).label  # type: ignore[attr-defined]
        item.overdue = (  # type: ignore[attr-defined]
            item.state in ("planned", "in_progress") and item.due_on is not None and item.due_on < today
        )
    visits = (
        ServiceVisit.objects.for_user(request.user)
        .filter(enterprise=plan.enterprise_id, visited_on__year=plan.year)
        .select_related("officer")
    )
    may_edit = request.user.has_perm(EDIT_PLAN)
    return render(
        request,
        "enterprises/plan_detail.html",
        {
            "plan": plan,
            "entries": record_actions(items, request.user),
            "visits": visits,
            "may_edit": may_edit,
            "item_form": item_form or (ItemForm() if may_edit else None),
            "visit_form": visit_form or (VisitForm() if may_edit else None),
        },
        status=400 if (item_form is not None or visit_form is not None) else 200,
    )


@permission_required(VIEW_PLAN)
def plan_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _plan_page(request, _plan(request, pk))


@require_POST
@permission_required(EDIT_PLAN)
def plan_item_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    form = ItemForm(request.POST)
    if form.is_valid():
        try:
            plan_services.item_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Item added."))
            return redirect(plan)
    return _plan_page(request, plan, item_form=form)


@require_POST
@permission_required(EDIT_PLAN)
def plan_visit_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    form = VisitForm(request.POST)
    if form.is_valid():
        try:
            plan_services.visit_record(actor=request.user, enterprise=plan.enterprise, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Visit recorded."))
            return redirect(plan)
    return _plan_page(request, plan, visit_form=form)


@permission_required("enterprises.view_labourdemand")
def labour_demand_list(request: HttpRequest) -> HttpResponseBase:
    """The labour-demand list with, above it, the open demand by industry and street of the rows the
    filters keep."""
    form = LABOUR_DEMANDS.form(request.GET)
    values = LABOUR_DEMANDS.values(form)
    rows = LABOUR_DEMANDS.queryset(user=request.user, values=values) if values is not None else None
    summary = plan_selectors.open_demand_table(rows) if rows is not None else None
    return LABOUR_DEMANDS.respond(request, context={"summary": summary})


@permission_required(EDIT_DEMAND)
def labour_demand_create(request: HttpRequest) -> HttpResponseBase:
    initial = {}
    if request.GET.get("enterprise", "").isdigit():
        known = Enterprise.objects.for_user(request.user).filter(pk=int(request.GET["enterprise"])).first()
        if known is not None:
            initial["uscc"] = known.uscc
    form = StaffLabourDemandForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        enterprise = (
            Enterprise.objects.for_user(request.user).filter(uscc=data.pop("uscc").strip().upper()).first()
        )
        if enterprise is None:
            form.add_error("uscc", _("No enterprise with this code in your area."))
        else:
            try:
                demand = plan_services.labour_demand_record(
                    actor=request.user, enterprise=enterprise, data=data
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Labour demand recorded."))
                return redirect(demand)
    return render(request, "enterprises/labour_demand_form.html", {"form": form})


# --- the enterprise's portal -------------------------------------------------------------------------


def _own_demands(request: HttpRequest) -> Any:
    return LabourDemand.objects.for_user(request.user, permission=OWN_DEMAND)


@permission_required(OWN_DEMAND, area="portal")
def portal_labour_list(request: HttpRequest) -> HttpResponseBase:
    demands = list(_own_demands(request).order_by("-id")[:200])
    for demand in demands:
        demand.state_label = DemandState(demand.state).label
    return render(
        request,
        "enterprises/portal_labour_list.html",
        {"demands": demands, "open_states": OPEN_DEMAND_STATES},
    )


@permission_required(OWN_DEMAND, area="portal")
def portal_labour_new(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    form = LabourDemandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.labour_demand_record(
                actor=user, enterprise=user.enterprise, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your labour need is recorded; the bureau will help you fill it."))
            return redirect("enterprises:portal_labour")
    return render(request, "enterprises/portal_labour_form.html", {"form": form})


@permission_required(OWN_DEMAND, area="portal")
def portal_labour_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    demand = _own_demand_or_404(request, pk)
    # The form only checks what is typed; the demand changes in the service alone.
    form = LabourDemandForm(request.POST) if request.method == "POST" else LabourDemandForm(instance=demand)
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.labour_demand_update(
                actor=request.user, demand=demand, data=dict(form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("enterprises:portal_labour")
    return render(request, "enterprises/portal_labour_form.html", {"form": form, "demand": demand})


def _own_demand_or_404(request: HttpRequest, pk: int) -> LabourDemand:
    """The enterprise's own demand: 403 (audited) for another's, 404 for none."""
    demand = _own_demands(request).select_related("enterprise").filter(pk=pk).first()
    if demand is None:
        if LabourDemand.objects.filter(pk=pk).exists():
            raise PermissionDenied
        raise Http404
    return demand


@permission_required(OWN_PLAN, area="portal")
def portal_plan(request: HttpRequest) -> HttpResponseBase:
    """The items of the enterprise's own service plans that concern it, read-only."""
    items = list(
        ServicePlanItem.objects.for_user(request.user, permission=OWN_PLAN)
        .filter(shared=True)
        .select_related("plan", "plan__officer", "assigned_unit")
        .order_by("-plan__year", "due_on", "id")[:200]
    )
    for item in items:
        item.state_label = ItemState(item.state).label  # type: ignore[attr-defined]
    return render(request, "enterprises/portal_plan.html", {"items": items})
