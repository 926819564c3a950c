from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.accounts.models import OrgUnit
from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import public_lookup
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import TransitionError, error_message
from hrbureau.petitions import rules, selectors, services
from hrbureau.petitions.choices import RedirectTarget, Satisfaction
from hrbureau.petitions.forms import (
    BoardForm,
    PortalFileForm,
    TrackForm,
    WorkOrderForm,
    dispatch_units,
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


def _action_context(order: WorkOrder, user: Any) -> dict[str, Any]:
    suggested = rules.suggest_unit(order)
    return {
        "today": timezone.localdate(),
        "repeat_reason": rules.not_accepted_again_reason(order.repeat_of) if order.repeat_of else "",
        "units": dispatch_units(),
        "suggested_unit": suggested,
        "satisfactions": Satisfaction.choices,
        "redirect_targets": RedirectTarget.choices,
        "duplicates": list(
            rules.possible_duplicates(order, window_days=30).filter(
                pk__in=WorkOrder.objects.for_user(user).values("pk")
            )[:10]
        )
        if order.state in ("registered", "accepted", "returned")
        else [],
    }


@permission_required("petitions.view_workorder")
def workorder_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    order = selectors.workorder_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=order, label=str(order), url=request.path)
    context = {
        "order": order,
        **case_panel(case=order, user=request.user),
        **_action_context(order, request.user),
    }
    return render(request, "petitions/workorder_detail.html", context)


def _run_action(request: HttpRequest, order: WorkOrder, action: str, *, by_citizen: bool) -> None:
    post = request.POST
    reason = post.get("reason", "")
    actor = request.user
    unit = None
    if post.get("unit", "").isdigit() and len(post["unit"]) < 19:
        unit = OrgUnit.objects.filter(pk=int(post["unit"])).first()
    if action == "accept":
        services.workorder_accept(actor=actor, order=order)
    elif action == "decline":
        services.workorder_decline(actor=actor, order=order, reason=reason)
    elif action == "decline_repeat":
        services.workorder_decline_repeat(actor=actor, order=order, reason=reason)
    elif action in ("record_receipt", "sign_answer"):
        on = None
        if not by_citizen:
            try:
                on = dt.date.fromisoformat(post.get("on", "")[:10])
            except ValueError:
                raise ValidationError({"on": [_("Give the day of receipt.")]}) from None
        services.workorder_record_receipt(actor=actor, order=order, on=on, by_petitioner=by_citizen)
    elif action in ("dispatch", "rule"):
        services.workorder_dispatch(
            actor=actor, order=order, unit=unit, reason=reason, ruling=action == "rule"
        )
    elif action == "sign":
        services.workorder_sign(actor=actor, order=order)
    elif action == "return":
        services.workorder_return(actor=actor, order=order, reason=reason)
    elif action == "reply":
        services.workorder_reply(
            actor=actor, order=order, reply=post.get("reply", ""), attachment=request.FILES.get("file")
        )
    elif action == "extend":
        days = post.get("days", "")
        if not days.isdigit() or len(days) > 4:
            raise ValidationError({"days": [_("Give the extension in days.")]})
        services.workorder_extend(actor=actor, order=order, days=int(days), reason=reason)
    elif action in ("visit", "visit_rework", "rate", "rate_rework"):
        services.workorder_rate(
            actor=actor,
            order=order,
            satisfaction=post.get("satisfaction", ""),
            reason=reason,
            by_citizen=by_citizen,
        )
    elif action == "merge":
        into = WorkOrder.objects.for_user(actor).filter(number=post.get("into", "").strip()).first()
        if into is None:
            raise ValidationError({"into": [_("No order with that number.")]})
        services.workorder_merge(actor=actor, order=order, into=into, reason=reason)
    elif action == "redirect":
        services.workorder_redirect(actor=actor, order=order, target=post.get("target", ""), reason=reason)
    elif action in ("request_review", "request_review_for", "request_rereview", "request_rereview_for"):
        services.workorder_request_review(actor=actor, order=order, reason=reason, by_citizen=by_citizen)
    elif action in ("answer_review", "answer_rereview"):
        services.workorder_answer_review(actor=actor, order=order, answer=reason)
    else:
        raise Http404


@require_POST
@permission_required("petitions.view_workorder")
def workorder_act(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    order = selectors.workorder_detail(user=request.user, pk=pk)
    try:
        _run_action(request, order, action, by_citizen=False)
    except (TransitionError, ValidationError) as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request, _("Done: the order is now “%(state)s”.") % {"state": order.get_state_display()}
        )
    return redirect(reverse("petitions:detail", args=[pk]))


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
        "satisfactions": Satisfaction.choices,
        **case_panel(case=order, user=request.user, area="portal", internal=False),
    }
    return render(request, "petitions/portal_detail.html", context)


@require_POST
@permission_required("petitions.view_workorder", area="portal")
def portal_act(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    order = selectors.workorder_detail(user=request.user, pk=pk)
    if action not in ("rate", "rate_rework", "request_review", "request_rereview", "sign_answer"):
        raise Http404
    try:
        _run_action(request, order, action, by_citizen=True)
    except (TransitionError, ValidationError) as error:
        messages.error(request, error_message(error))
    else:
        messages.success(
            request, _("Thank you. The order is now “%(state)s”.") % {"state": order.get_state_display()}
        )
    return redirect("petitions:portal_detail", pk=pk)


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
