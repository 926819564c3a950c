"""The work-order list, declared (``core.lists``): its search, filters, columns (page, export and phone
card) and export; core gives the page, the export and the API list."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.apiutil import Id
from hrbureau.core.filters import Choice, DateFrom, DateTo, Figure, Search, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, labelled, link
from hrbureau.petitions import selectors
from hrbureau.petitions.choices import Channel, Satisfaction, WorkOrderState
from hrbureau.petitions.forms import category_choices, dispatch_unit_choices
from hrbureau.petitions.models import WorkOrder


def _title(o: WorkOrder) -> Any:
    return mark_safe(  # noqa: S308 - escaped
        f'{html_of(o.title)}<div class="small text-secondary">{html_of(o.category.display_name)}</div>'
    )


def _state(o: WorkOrder) -> Any:
    label = choice_labels(WorkOrderState).get(o.state, o.state)
    bounced = (
        ' <span class="badge bg-orange-lt">'
        + html_of(ngettext("returned %(n)s time", "returned %(n)s times", o.bounces) % {"n": o.bounces})
        + "</span>"
        if o.bounces
        else ""
    )
    return mark_safe(f'<span class="badge bg-blue-lt">{html_of(label)}</span>{bounced}')  # noqa: S308


def _due(o: WorkOrder) -> Any:
    if not o.due_on:
        return "—"
    word = _("overdue")  # translated outside the f-string, where makemessages finds it
    overdue = (
        f' <span class="badge bg-red-lt">{html_of(word)}</span>' if o.due_on < timezone.localdate() else ""
    )
    return mark_safe(o.due_on.isoformat() + overdue)  # noqa: S308 - a date and an escaped label


def _replied_on_time(o: WorkOrder) -> str:
    if o.replied_on_time is None:
        return ""
    return _("yes") if o.replied_on_time else _("no")


WORKORDERS = ListSpec(
    name="workorder",
    title=gettext_lazy("Work orders"),
    permission="petitions.view_workorder",
    rows=lambda user: selectors.workorder_list(user=user),
    ordering=("-received_at", "-id"),
    search=Search(
        gettext_lazy("Number, title or name"),
        index=WorkOrder.text_index,
        description="a fragment of the order's number, external number, title or the name of who raised it",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("state", gettext_lazy("State"), WorkOrderState, empty=gettext_lazy("All states")),
        Choice("channel", gettext_lazy("Channel"), Channel, empty=gettext_lazy("All channels")),
        # Categories and units from lists cached per language (a page view builds no model for them).
        Choice(
            "category",
            gettext_lazy("Category"),
            source=lambda: category_choices(empty=str(_("All categories"))),
            coerce=int,
            lookup="category_id",
            api=Id,
        ),
        Choice(
            "unit",
            gettext_lazy("Handling unit"),
            source=lambda: dispatch_unit_choices(empty=str(_("All units"))),
            coerce=int,
            lookup="handling_unit_id",
            api=Id,
        ),
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
        DateFrom("received_from", gettext_lazy("Received from"), "received_at"),
        DateTo("received_to", gettext_lazy("Received until"), "received_at"),
        Figure(selectors.FIGURES),  # the supervision board's links
    ),
    columns=(
        Column(
            gettext_lazy("Number"),
            "text-code",
            key="number",
            value=lambda o: o.number,
            html=lambda o: link("petitions:detail", o.pk, o.number),
            text=True,
        ),
        Column(gettext_lazy("Title"), key="title", value=lambda o: o.title, html=_title),
        Column(gettext_lazy("Category"), key="category", value=lambda o: o.category.display_name, page=False),
        Column(
            gettext_lazy("Channel"),
            key="channel",
            value=labelled(Channel, "channel"),
            card=False,
        ),
        Column(
            gettext_lazy("State"),
            key="state",
            value=labelled(WorkOrderState),
            html=_state,
        ),
        Column(
            gettext_lazy("Handling unit"),
            value=lambda o: o.handling_unit.display_name if o.handling_unit else "",
            html=lambda o: (o.handling_unit.display_name if o.handling_unit else "") or "—",
        ),
        Column(
            gettext_lazy("Street"),
            value=lambda o: o.street.display_name if o.street else "",
            page=False,
        ),
        Column(
            gettext_lazy("Received"),
            "text-nowrap",
            key="received",
            value=lambda o: timezone.localtime(o.received_at).replace(tzinfo=None),
            html=lambda o: timezone.localtime(o.received_at).strftime("%Y-%m-%d %H:%M"),
        ),
        Column(gettext_lazy("Due"), "text-nowrap", value=lambda o: o.due_on, html=_due),
        Column(gettext_lazy("Replied on time"), value=_replied_on_time, page=False),
        Column(
            gettext_lazy("Satisfaction"),
            value=lambda o: choice_labels(Satisfaction).get(o.satisfaction, ""),
            page=False,
        ),
        Column(gettext_lazy("Times returned"), value=lambda o: o.bounces, page=False),
        Column(gettext_lazy("External order number"), value=lambda o: o.external_no, page=False, text=True),
    ),
    # What a page's rows show, and nothing more is loaded for them.
    page_only=(
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
    ),
    page_related=("category", "handling_unit"),
    api_related=("category",),
    export=Export(
        "petitions.export_workorder",
        filename="work-orders",
        related=("category", "handling_unit", "street"),
        first=("number", "channel", "category", "title", "received", "state"),
    ),
    empty=gettext_lazy("No work orders match."),
    actions=(
        Action(
            gettext_lazy("Import"),
            "imports:upload",
            "petitions.import_workorder",
            args=("workorders",),
            icon="upload",
            testid="import",
        ),
        Action(gettext_lazy("Register"), "petitions:create", "petitions.add_workorder", primary=True),
    ),
)
