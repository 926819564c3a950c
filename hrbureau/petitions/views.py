from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import public_lookup
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.tables import Column, body_rows, choice_labels, header_cells, html_of
from hrbureau.core.views import permission_required
from hrbureau.petitions import rules, selectors, services
from hrbureau.petitions.choices import Channel, WorkOrderState
from hrbureau.petitions.forms import (
    BoardForm,
    PortalFileForm,
    TrackForm,
    WorkOrderFilterForm,
    WorkOrderForm,
)
from hrbureau.petitions.models import WorkOrder

EXPORT_COLUMNS = [
    gettext_lazy("Number"),
    gettext_lazy("Channel"),
    gettext_lazy("Category"),
    gettext_lazy("Title"),
    gettext_lazy("Received"),
    gettext_lazy("State"),
    gettext_lazy("Handling unit"),
    gettext_lazy("Street"),
    gettext_lazy("Due"),
    gettext_lazy("Replied on time"),
    gettext_lazy("Satisfaction"),
    gettext_lazy("Times returned"),
    gettext_lazy("External order number"),
]


# What a list row shows, and nothing more is loaded for it.
LIST_COLUMNS = (
    "id",
    "number",
    "title",
    "channel",
    "state",
    "bounces",
    "received_at",
    "due_on",
    "category__name",
    "category__name_en",
    "handling_unit__name",
    "handling_unit__name_en",
)
TABLE_COLUMNS = [
    Column(gettext_lazy("Number"), "text-code"),
    Column(gettext_lazy("Title")),
    Column(gettext_lazy("Channel")),
    Column(gettext_lazy("State")),
    Column(gettext_lazy("Handling unit")),
    Column(gettext_lazy("Received"), "text-nowrap"),
    Column(gettext_lazy("Due"), "text-nowrap"),
]


def _list_rows(orders: Any, *, detail_prefix: str) -> SafeString:
    """The list's rows (``core.tables``): the number links to the order; the state, times returned and
    overdue are badges. Every value is escaped here (``html_of``)."""
    today = timezone.localdate()
    overdue = html_of(_("overdue"))
    channels, states = choice_labels(Channel), choice_labels(WorkOrderState)
    rows = []
    for o in orders:
        bounced = (
            ' <span class="badge bg-orange-lt">'
            + html_of(ngettext("returned %(n)s time", "returned %(n)s times", o.bounces) % {"n": o.bounces})
            + "</span>"
            if o.bounces
            else ""
        )
        due = "—"
        if o.due_on:
            due = o.due_on.isoformat()
            if o.due_on < today:
                due += f' <span class="badge bg-red-lt">{overdue}</span>'
        rows.append(
            (
                mark_safe(f'<a href="{detail_prefix}{o.pk}/">{html_of(o.number)}</a>'),  # noqa: S308
                mark_safe(  # noqa: S308 - escaped
                    f'{html_of(o.title)}<div class="small text-secondary">{html_of(o.category.display_name)}</div>'
                ),
                channels.get(o.channel, o.channel),
                mark_safe(  # noqa: S308 - escaped
                    f'<span class="badge bg-blue-lt">{html_of(states.get(o.state, o.state))}</span>{bounced}'
                ),
                (o.handling_unit.display_name if o.handling_unit else "") or "—",
                timezone.localtime(o.received_at).strftime("%Y-%m-%d %H:%M"),
                mark_safe(due),  # noqa: S308 - a date and an escaped label
            )
        )
    return body_rows(TABLE_COLUMNS, rows, empty=_("No work orders match."))


@permission_required("petitions.view_workorder")
def workorder_list(request: HttpRequest) -> HttpResponseBase:
    form = WorkOrderFilterForm(request.GET or None)
    filters = form.filters()
    orders = selectors.workorder_list(user=request.user, filters=filters or selectors.WorkOrderFilters())
    if filters is None:
        orders = orders.none()
    if request.GET.get("export") == "xlsx" and filters is not None:
        rows = (
            (
                o.number,
                o.get_channel_display(),
                o.category.display_name,
                o.title,
                timezone.localtime(o.received_at).replace(tzinfo=None),
                o.get_state_display(),
                o.handling_unit.display_name if o.handling_unit else "",
                o.street.display_name if o.street else "",
                o.due_on,
                "" if o.replied_on_time is None else (_("yes") if o.replied_on_time else _("no")),
                o.get_satisfaction_display(),
                o.bounces,
                o.external_no,
            )
            for o in orders.select_related("category", "handling_unit", "street")
            .order_by("-received_at", "-id")
            .iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="petitions.export_workorder",
            filename="work-orders",
            columns=[str(c) for c in EXPORT_COLUMNS],
            rows=rows,
            text_columns={0, 12},
        )
    page = keyset_page_or_first(
        orders.select_related("category", "handling_unit").only(*LIST_COLUMNS),
        ordering=("-received_at", "-id"),
        cursor=request.GET.get("cursor"),
        per_page=20,
    )
    context = {
        "form": form,
        "page": page,
        "columns": header_cells(TABLE_COLUMNS),
        "rows": _list_rows(page.items, detail_prefix=reverse("petitions:list")),
        "query_string": request.GET.urlencode(),
    }
    template = (
        "petitions/_workorder_rows.html"
        if request.headers.get("HX-Request")
        else "petitions/workorder_list.html"
    )
    return render(request, template, context)


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
