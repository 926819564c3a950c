"""The enterprise register's list, declared (``core.lists``): search by name, address or code through the
text index, filters, columns (page, export and phone card), export; core gives the page, the export and
the API list."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.filters import Choice, Search
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, labelled, link
from hrbureau.enterprises import selectors
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass
from hrbureau.enterprises.models import Enterprise


def _industry(e: Enterprise) -> Any:
    name = e.industry_name
    if not name:
        return "—"
    return mark_safe(f'<span title="{html_of(e.industry_code)}">{html_of(name)}</span>')  # noqa: S308


def _status(e: Enterprise) -> Any:
    css = "bg-green-lt" if e.status == EnterpriseStatus.ACTIVE else "bg-orange-lt"
    label = choice_labels(EnterpriseStatus).get(e.status, e.status)
    return mark_safe(f'<span class="badge {css}">{html_of(label)}</span>')  # noqa: S308 - escaped


def _tags(e: Enterprise) -> Any:
    tags = e.tag_list  # type: ignore[attr-defined]
    return mark_safe("".join(f'<span class="badge bg-blue-lt me-1">{html_of(t)}</span>' for t in tags))  # noqa: S308


ENTERPRISES = ListSpec(
    name="enterprise",
    title=gettext_lazy("Enterprises"),
    permission="enterprises.view_enterprise",
    rows=lambda user: selectors.enterprises_for(user=user),
    orderings={
        "-id": (gettext_lazy("Newest first"), ("-id",)),
        "id": (gettext_lazy("Oldest first"), ("id",)),
        "name": (gettext_lazy("Name"), ("name", "id")),
    },
    api_ordering=("id",),
    search=Search(
        gettext_lazy("Name, address or code"),
        index=Enterprise.text_index,
        normalize=selectors.normalize_query,
    ),
    filters=(
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
        Choice(
            "industry_section",
            gettext_lazy("Industry"),
            IndustrySection,
            empty=gettext_lazy("All industries"),
        ),
        Choice("status", gettext_lazy("Status"), EnterpriseStatus, empty=gettext_lazy("All statuses")),
        Choice(
            "tag",
            gettext_lazy("Tag"),
            source=lambda: selectors.tag_choices(empty=str(_("All tags"))),
            lookup="tags__code",
            api=str,
        ),
        unit_filter(
            "grid", kind=OrgUnitKind.GRID, label=gettext_lazy("Grid"), empty=gettext_lazy("All grids")
        ),
        Choice("size_class", gettext_lazy("Size"), SizeClass, empty=gettext_lazy("All sizes")),
    ),
    columns=(
        Column(
            gettext_lazy("Name"),
            key="name",
            value=lambda e: e.name,
            html=lambda e: link("enterprises:detail", e.pk, e.name),
        ),
        Column(
            gettext_lazy("Unified social credit code"),
            "text-code",
            key="uscc",
            value=lambda e: e.uscc,
            text=True,
        ),
        Column(gettext_lazy("Legal representative"), value=lambda e: e.legal_representative, page=False),
        Column(gettext_lazy("Registered address"), value=lambda e: e.registered_address, page=False),
        Column(
            gettext_lazy("Street"),
            value=lambda e: e.street.name if e.street_id else "",
            html=lambda e: e.street_label or "—",
        ),
        Column(
            gettext_lazy("Industry section"),
            value=labelled(IndustrySection, "industry_section"),
            page=False,
        ),
        Column(gettext_lazy("Industry division"), value=lambda e: e.industry_division, page=False, text=True),
        Column(gettext_lazy("Industry"), value=lambda e: e.industry_name, html=_industry, card=False),
        Column(
            gettext_lazy("Size"),
            value=lambda e: choice_labels(SizeClass).get(e.size_class, ""),
            html=lambda e: choice_labels(SizeClass).get(e.size_class, "") or "—",
            export_label=gettext_lazy("Size class"),
            card=False,
        ),
        Column(gettext_lazy("Employees"), value=lambda e: e.employees, page=False),
        Column(gettext_lazy("Registration date"), value=lambda e: e.registration_date, page=False),
        Column(
            gettext_lazy("Status"),
            value=labelled(EnterpriseStatus, "status"),
            html=_status,
        ),
        Column(
            gettext_lazy("Tags"),
            value=lambda e: "、".join(t.name for t in e.tag_list),
            html=_tags,
        ),
    ),
    page_only=selectors.LIST_COLUMNS,
    prepare=selectors.attach_list_names,
    export=Export(
        "enterprises.export_enterprise",
        filename="enterprises",
        ordering=("id",),
        related=("street",),
        first=("uscc",),
    ),
    empty=gettext_lazy("No enterprises match."),
    actions=(
        Action(
            gettext_lazy("Import"),
            "imports:upload",
            "enterprises.import_enterprise",
            args=("enterprises",),
            icon="upload",
            testid="import",
        ),
        Action(gettext_lazy("Register"), "enterprises:create", "enterprises.add_enterprise", primary=True),
    ),
)
