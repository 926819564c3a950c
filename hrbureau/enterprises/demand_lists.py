"""The enterprise-demand lists, declared (``core.lists``): the staff's list (filters, search through the
text index — the demand's and its enterprise's —, export) and the enterprise's own list on the portal; and
the staff's case page (``core.casepage.CasePage``)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.accounts.selectors import unit_choices
from hrbureau.core.apiutil import Id
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import ALL, Choice, RelatedText, Search, Where, YesNo, of_record
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, labelled, link
from hrbureau.core.workflow import workflow_for
from hrbureau.enterprises import demand_selectors as selectors
from hrbureau.enterprises.demand_choices import OPEN_DEMAND_STATES, DemandChannel, DemandKind, DemandState
from hrbureau.enterprises.models import Enterprise, EnterpriseDemand

ENTERPRISE_TEXT = RelatedText(Enterprise.text_index, lambda: Enterprise.objects.all(), "pk", "enterprise_id")


def _unit_choices() -> list[tuple[Any, str]]:
    from hrbureau.core.choicecache import cached_choices

    text = str(gettext_lazy("All units"))
    return cached_choices(
        "orgunits",
        lambda: [("", text), *unit_choices(OrgUnitKind.DEPARTMENT), *unit_choices(OrgUnitKind.STREET)],
        variant=f"demand-units|{text}",
    )


def _overdue_field() -> Any:
    return FixedChoiceField(
        label=gettext_lazy("Overdue"),
        choices=[("", ALL), ("yes", gettext_lazy("Overdue only"))],
        required=False,
    )


def _late(d: EnterpriseDemand) -> bool:
    return d.state in OPEN_DEMAND_STATES and d.due_on is not None and d.due_on < timezone.localdate()


def _due(d: EnterpriseDemand) -> Any:
    if not d.due_on or d.state not in OPEN_DEMAND_STATES:
        return "—"
    word = _("overdue")
    badge = f' <span class="badge bg-red-lt">{html_of(word)}</span>' if _late(d) else ""
    return mark_safe(d.due_on.isoformat() + badge)  # noqa: S308 - a date and an escaped label


def _number(d: EnterpriseDemand) -> Any:
    word = _("key demand")
    badge = f' <span class="badge bg-red-lt">{html_of(word)}</span>' if d.is_key else ""
    return mark_safe(f"{link('enterprises:demand', d.pk, d.number)}{badge}")  # noqa: S308 - escaped


def _state(d: EnterpriseDemand) -> Any:
    label = choice_labels(DemandState).get(d.state, d.state)
    return mark_safe(f'<span class="badge bg-blue-lt">{html_of(label)}</span>')  # noqa: S308 - escaped


def _stars(d: EnterpriseDemand) -> str:
    return "★" * d.rating if d.rating else "—"


DEMANDS = ListSpec(
    name="enterprise_demand",
    title=gettext_lazy("Enterprise demands"),
    permission="enterprises.view_enterprisedemand",
    rows=lambda user: selectors.demands_for(user=user),
    ordering=("-filed_on", "-id"),
    search=Search(
        gettext_lazy("Number, title, text or enterprise"),
        index=EnterpriseDemand.text_index,
        related=(ENTERPRISE_TEXT,),
        description="a fragment of the demand's number, title or text, or of the enterprise's name, "
        "address or USCC",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("state", gettext_lazy("State"), DemandState),
        Choice("kind", gettext_lazy("Kind"), DemandKind),
        YesNo("key", gettext_lazy("Key demand"), lookup="is_key"),
        Choice(
            "unit",
            gettext_lazy("Responsible unit"),
            source=_unit_choices,
            coerce=int,
            lookup="responsible_unit_id",
            api=Id,
        ),
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
        Where("overdue", _overdue_field, lambda value: selectors.overdue(timezone.localdate())),
    ),
    columns=(
        Column(
            gettext_lazy("Number"),
            "text-code",
            key="number",
            value=lambda d: d.number,
            html=_number,
            text=True,
        ),
        Column(gettext_lazy("Title"), value=lambda d: d.title),
        Column(gettext_lazy("Enterprise"), key="enterprise", value=lambda d: d.enterprise.name),
        Column(gettext_lazy("USCC"), value=lambda d: d.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda d: d.street.name if d.street else "", page=False),
        Column(gettext_lazy("Kind"), value=labelled(DemandKind, "kind")),
        Column(
            gettext_lazy("Channel"),
            value=labelled(DemandChannel, "channel"),
            page=False,
        ),
        Column(gettext_lazy("Key demand"), value=lambda d: _("yes") if d.is_key else _("no"), page=False),
        Column(
            gettext_lazy("State"),
            value=labelled(DemandState),
            html=_state,
        ),
        Column(
            gettext_lazy("Responsible unit"),
            value=lambda d: d.responsible_unit.name if d.responsible_unit else "",
            html=lambda d: d.responsible_unit.display_name if d.responsible_unit else "—",
            card=False,
        ),
        Column(gettext_lazy("Filed on"), "text-nowrap", value=lambda d: d.filed_on),
        Column(gettext_lazy("Reply due"), "text-nowrap", value=lambda d: d.due_on, html=_due),
        Column(gettext_lazy("Replied on"), value=lambda d: d.replied_on, page=False),
        Column(
            gettext_lazy("Replied on time"),
            value=lambda d: "" if d.replied_on_time is None else (_("yes") if d.replied_on_time else _("no")),
            page=False,
        ),
        Column(gettext_lazy("Rating"), value=lambda d: d.rating, html=_stars, card=False),
        Column(gettext_lazy("Comment on the reply"), value=lambda d: d.rating_comment, page=False),
    ),
    page_related=("enterprise", "responsible_unit"),
    export=Export(
        "enterprises.export_enterprisedemand",
        filename="enterprise-demands",
        related=("enterprise", "street", "responsible_unit"),
    ),
    empty=gettext_lazy("No demands match."),
    actions=(
        Action(
            gettext_lazy("Record a demand"),
            "enterprises:demand_file",
            "enterprises.add_enterprisedemand",
            primary=True,
        ),
    ),
)


def _party_state(d: EnterpriseDemand) -> Any:
    label = workflow_for(d).party_state_label(d.state)
    return mark_safe(f'<span class="badge bg-blue-lt">{html_of(label)}</span>')  # noqa: S308 - escaped


# The enterprise's own demands on the portal: the plain states it reads, no staff names.
MY_DEMANDS = ListSpec(
    name="my_enterprise_demand",
    title=gettext_lazy("My demands"),
    permission="enterprises.file_enterprisedemand",
    rows=lambda user: selectors.demands_for(user=user),
    ordering=("-filed_on", "-id"),
    search=Search(gettext_lazy("Number, title or text"), index=EnterpriseDemand.text_index),
    filters=(Choice("kind", gettext_lazy("Kind"), DemandKind),),
    columns=(
        Column(
            gettext_lazy("Number"),
            "text-code",
            value=lambda d: d.number,
            html=lambda d: link("enterprises:portal_demand", d.pk, d.number),
            text=True,
        ),
        Column(gettext_lazy("Title"), value=lambda d: d.title),
        Column(gettext_lazy("Kind"), value=labelled(DemandKind, "kind")),
        Column(gettext_lazy("Filed on"), "text-nowrap", value=lambda d: d.filed_on),
        Column(gettext_lazy("Progress"), value=lambda d: str(_party_state(d)), html=_party_state),
        Column(gettext_lazy("Rating"), value=lambda d: d.rating, html=_stars, card=False),
    ),
    empty=gettext_lazy("You have not filed any demand yet."),
    actions=(
        Action(
            gettext_lazy("File a demand"),
            "enterprises:portal_demand_file",
            "enterprises.file_enterprisedemand",
            primary=True,
            testid="file-demand",
        ),
    ),
)


def _unit(d: EnterpriseDemand) -> str:
    return d.responsible_unit.display_name if d.responsible_unit else "—"


DEMAND_PAGE = CasePage(
    kind=gettext_lazy("Enterprise demand"),
    permission="enterprises.view_enterprisedemand",
    model=EnterpriseDemand,
    heading=lambda d: f"{d.number} {d.title}",
    related=("enterprise", "responsible_unit", "street"),
    fields=(
        Column(
            gettext_lazy("Enterprise"),
            value=lambda d: d.enterprise.name,
            html=lambda d: link("enterprises:detail", d.enterprise_id, d.enterprise.name),
        ),
        Column(gettext_lazy("Kind"), value=labelled(DemandKind, "kind")),
        Column(gettext_lazy("Channel"), value=labelled(DemandChannel, "channel")),
        Column(gettext_lazy("Key demand"), value=lambda d: _("yes") if d.is_key else _("no")),
        Column(gettext_lazy("Filed on"), value=lambda d: d.filed_on),
        Column(
            gettext_lazy("Contact"),
            value=lambda d: " ".join(filter(None, [d.contact_name, d.contact_phone])) or "—",
        ),
        Column(gettext_lazy("Description"), value=lambda d: d.description),
        Column(gettext_lazy("Responsible unit"), value=_unit),
        Column(gettext_lazy("Reply"), value=lambda d: d.reply or "—"),
        Column(gettext_lazy("Replied on"), value=lambda d: d.replied_on or "—"),
        Column(gettext_lazy("Rating"), value=_stars),
        Column(gettext_lazy("Comment on the reply"), value=lambda d: d.rating_comment or "—"),
    ),
)
