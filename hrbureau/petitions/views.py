from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import public_lookup
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.views import permission_required
from hrbureau.petitions import rules, selectors, services
from hrbureau.petitions.forms import (
    BoardForm,
    PortalFileForm,
    TrackForm,
    WorkOrderForm,
)
from hrbureau.petitions.models import WorkOrder


@permission_required("petitions.add_workorder")
def workorder_create(request: HttpRequest) -> HttpResponseBase:
    form = WorkOrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = services.workorder_create(actor=request.user, data=form.service_data())
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("Work order %(number)s registered.") % {"number": order.number})
            return redirect(order.get_absolute_url())
    return render(request, "petitions/workorder_form.html", {"form": form})


def _duplicates(order: WorkOrder, user: Any) -> list[WorkOrder]:
    """Orders that may be the same matter, for the clerk to merge (only while it can still be merged)."""
    if order.state not in ("registered", "accepted", "returned"):
        return []
    return list(
        rules.possible_duplicates(order, window_days=30).filter(
            pk__in=WorkOrder.objects.for_user(user).values("pk")
        )[:10]
    )


@permission_required("petitions.view_workorder")
def workorder_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    order = selectors.workorder_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=order, label=str(order), url=request.path)
    context = {
        "order": order,
        **case_panel(case=order, user=request.user),
        "duplicates": _duplicates(order, request.user),
    }
    return render(request, "petitions/workorder_detail.html", context)


@permission_required("petitions.view_board")
def board(request: HttpRequest) -> HttpResponseBase:
    form = BoardForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    period_from = data.get("received_from") or (None if request.GET else today.replace(month=1, day=1))
    period_to = data.get("received_to")
    result = selectors.supervision_board(
        user=request.user, by=data.get("by") or "unit", period_from=period_from, period_to=period_to
    )
    if request.GET.get("export") == "xlsx":
        columns = [
            _("Group"),
            _("Received"),
            _("Closed"),
            _("Closure rate (%)"),
            _("Replied"),
            _("On time"),
            _("On-time rate (%)"),
            _("Rated"),
            _("Satisfied"),
            _("Satisfaction rate (%)"),
            _("Open"),
            _("Overdue"),
            _("Due soon"),
        ]
        rows = [
            (
                r.label,
                r.received,
                r.closed,
                r.closure_rate,
                r.replied,
                r.on_time,
                r.on_time_rate,
                r.rated,
                r.satisfied,
                r.satisfaction_rate,
                r.open,
                r.overdue,
                r.soon,
            )
            for r in [*result.rows, result.total]
        ]
        return xlsx_response(
            request=request,
            permission="petitions.export_workorder",
            filename="supervision-board",
            columns=[str(c) for c in columns],
            rows=rows,
        )
    group_param = {"unit": "unit", "street": "street", "channel": "channel", "category": "category"}[
        result.by
    ]
    return render(
        request,
        "petitions/board.html",
        {
            "form": form,
            "board": result,
            "group_param": group_param,
            "period_from": period_from,
            "period_to": period_to,
            "query_string": request.GET.urlencode(),
        },
    )


# --- the portal --------------------------------------------------------------------------------------


@permission_required("petitions.file_workorder", area="portal")
def portal_list(request: HttpRequest) -> HttpResponseBase:
    orders = selectors.workorder_list(user=request.user).select_related("category")
    page = keyset_page_or_first(
        orders, ordering=("-received_at", "-id"), cursor=request.GET.get("cursor"), per_page=20
    )
    return render(request, "petitions/portal_list.html", {"page": page})


@permission_required("petitions.file_workorder", area="portal")
def portal_file(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    # A citizen's real name and phone come from their person record, not the account's display name.
    person = user.person if user.person_id else None
    initial = {
        "petitioner_name": person.name if person else user.full_name,
        "petitioner_phone": (person.phone if person else "") or user.phone,
    }
    form = PortalFileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["channel"] = "online"
        # The account files as itself: its person or its enterprise raised the matter (and so sees it).
        data["person"] = user.person
        data["filer_enterprise"] = user.enterprise
        try:
            order = services.workorder_create(actor=user, data=data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                for message in errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(
                request,
                _("Filed. Your order number is %(number)s; follow it here or with the number and your phone.")
                % {"number": order.number},
            )
            return redirect("petitions:portal_detail", pk=order.pk)
    return render(request, "petitions/portal_file.html", {"form": form})


@permission_required("petitions.view_workorder", area="portal")
def portal_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    order = selectors.workorder_detail(user=request.user, pk=pk)
    context = {
        "order": order,
        **case_panel(case=order, user=request.user, area="portal", internal=False),
    }
    return render(request, "petitions/portal_detail.html", context)


def track(request: HttpRequest) -> HttpResponseBase:
    """Anyone may follow an order with its number and the phone it was filed with."""
    form = TrackForm(request.GET or None)
    order = None
    not_found = False
    if form.is_bound and form.is_valid():
        public_lookup(request, identifier=form.cleaned_data["phone"])  # 429 when used up
        order = selectors.workorder_track(
            number=form.cleaned_data["number"], phone=form.cleaned_data["phone"]
        )
        not_found = order is None
    panel = case_panel(case=order, user=request.user, area="portal", internal=False) if order else {}
    return render(
        request, "petitions/track.html", {"form": form, "order": order, "not_found": not_found, **panel}
    )
