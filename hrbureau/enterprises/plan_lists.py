"""The lists of key-enterprise services and labour demands (``core.lists``) and a labour demand's case
page (``core.casepage``): core gives the pages, filters, search, exports and API lists."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.apiutil import Flag
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, Search, Where, YesNo, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, labelled, link
from hrbureau.enterprises import plan_selectors
from hrbureau.enterprises.choices import IndustrySection
from hrbureau.enterprises.models import Enterprise, LabourDemand
from hrbureau.enterprises.plan_choices import KEY_ENTERPRISE_TAG, DemandState, Education


def _plan(e: Any) -> Any:
    if e.plan_pk is None:
        none, make = _("No plan"), _("Make a plan")
        badge = f'<span class="badge bg-orange-lt">{html_of(none)}</span>'
        if getattr(e, "may_plan", False):
            url = reverse("enterprises:plan_create", args=[e.pk])
            badge += f' <a href="{url}" data-testid="make-plan">{html_of(make)}</a>'
        return mark_safe(badge)  # noqa: S308 - escaped
    return link("enterprises:plan", e.plan_pk, _("Service plan"))


def _may_plan(request: Any, rows: Any) -> None:
    may = request.user.has_perm("enterprises.change_serviceplan")
    for row in rows:
        row.may_plan = may


def _progress(e: Any) -> str:
    if not e.items_total:
        return "—"
    return f"{e.items_done}/{e.items_total} ({plan_selectors.rate(e.items_done, e.items_total)}%)"


def _overdue(e: Any) -> Any:
    if not e.items_overdue:
        return "0"
    return mark_safe(f'<span class="badge bg-red-lt">{e.items_overdue}</span>')  # noqa: S308 - a number


KEY_ENTERPRISES = ListSpec(
    name="keyenterprise",
    title=gettext_lazy("Key enterprises"),
    permission="enterprises.view_serviceplan",
    rows=lambda user: plan_selectors.key_enterprise_rows(user),
    ordering=("name", "id"),
    api_ordering=("id",),
    search=Search(gettext_lazy("Name, address or code"), index=Enterprise.text_index),
    filters=(
        unit_filter(
            "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
        ),
        Choice(
            "officer",
            gettext_lazy("Service officer"),
            source=lambda: plan_selectors.officer_choices(str(_("All officers"))),
            coerce=int,
            lookup="officer_user",
            api=int,
        ),
        YesNo("has_plan", gettext_lazy("Has a plan this year")),
        YesNo("has_overdue", gettext_lazy("Has overdue items")),
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
        Column(gettext_lazy("Street"), value=lambda e: e.street.name if e.street_id else ""),
        Column(
            gettext_lazy("Service officer"),
            value=lambda e: e.officer_name or "",
            html=lambda e: e.officer_name or "—",
        ),
        Column(
            gettext_lazy("Plan this year"), value=lambda e: _("yes") if e.plan_pk else _("no"), html=_plan
        ),
        Column(gettext_lazy("Items done"), value=_progress),
        Column(gettext_lazy("Overdue items"), value=lambda e: e.items_overdue, html=_overdue),
    ),
    page_related=("street",),
    prepare_page=_may_plan,
    export=Export(
        "enterprises.export_serviceplan", filename="key-enterprises", ordering=("id",), related=("street",)
    ),
    empty=gettext_lazy("No key enterprises match."),
    intro=gettext_lazy(
        "Enterprises tagged “key enterprise”, each with its service officer and this year's plan (一企一策)."
    ),
)


# A demand of a key enterprise (one set-based condition, no join that could repeat a row).
_KEY = Exists(
    Enterprise.tags.through.objects.filter(
        enterprise_id=OuterRef("enterprise_id"), enterprisetag__code=KEY_ENTERPRISE_TAG
    )
)


def _demand_state(d: LabourDemand) -> Any:
    css = {"open": "bg-blue-lt", "partly_filled": "bg-yellow-lt", "filled": "bg-green-lt"}.get(
        d.state, "bg-secondary-lt"
    )
    label = choice_labels(DemandState).get(d.state, d.state)
    return mark_safe(f'<span class="badge {css}">{html_of(label)}</span>')  # noqa: S308 - escaped


def _wage(d: LabourDemand) -> str:
    if d.wage_min is None and d.wage_max is None:
        return ""
    low = f"{d.wage_min:,.0f}" if d.wage_min is not None else ""
    high = f"{d.wage_max:,.0f}" if d.wage_max is not None else ""
    return f"{low}–{high}"


LABOUR_DEMANDS = ListSpec(
    name="labourdemand",
    title=gettext_lazy("Labour demand"),
    permission="enterprises.view_labourdemand",
    rows=lambda user: LabourDemand.objects.for_user(user),
    ordering=("-id",),
    search=Search(gettext_lazy("Post or skills"), index=LabourDemand.text_index),
    filters=(
        of_record("enterprise", "enterprise_id"),
        unit_filter(
            "street",
            kind=OrgUnitKind.STREET,
            label=gettext_lazy("Street"),
            empty=gettext_lazy("All streets"),
            lookup="enterprise__street_id",
        ),
        Choice(
            "industry_section",
            gettext_lazy("Industry"),
            IndustrySection,
            empty=gettext_lazy("All industries"),
            lookup="enterprise__industry_section",
        ),
        Choice("state", gettext_lazy("State"), DemandState, empty=gettext_lazy("All states")),
        Where(
            "key",
            make_field=lambda: YesNo("key", gettext_lazy("Key enterprise")).field(),
            where=lambda key: Q(_KEY) if key else ~Q(_KEY),
            api=Flag,
        ),
        DateFrom("needed_from", gettext_lazy("Needed from"), "needed_by"),
        DateTo("needed_to", gettext_lazy("Needed by"), "needed_by"),
    ),
    columns=(
        Column(
            gettext_lazy("Post"),
            key="post",
            value=lambda d: d.post,
            html=lambda d: link("enterprises:labour_demand", d.pk, d.post),
        ),
        Column(gettext_lazy("Enterprise"), key="enterprise", value=lambda d: d.enterprise.name),
        Column(
            gettext_lazy("Street"), value=lambda d: d.enterprise.street.name if d.enterprise.street_id else ""
        ),
        Column(
            gettext_lazy("Industry"),
            value=lambda d: choice_labels(IndustrySection).get(d.enterprise.industry_section, ""),
            card=False,
        ),
        Column(gettext_lazy("Headcount"), value=lambda d: d.headcount),
        Column(gettext_lazy("Filled"), value=lambda d: d.filled),
        Column(
            gettext_lazy("Education"),
            value=lambda d: choice_labels(Education).get(d.education, ""),
            card=False,
        ),
        Column(gettext_lazy("Wage (yuan a month)"), value=_wage, card=False),
        Column(gettext_lazy("Skills"), value=lambda d: d.skills, page=False),
        Column(gettext_lazy("Needed by"), value=lambda d: d.needed_by),
        Column(
            gettext_lazy("State"),
            value=labelled(DemandState),
            html=_demand_state,
        ),
    ),
    page_related=("enterprise", "enterprise__street"),
    export=Export(
        "enterprises.export_labourdemand",
        filename="labour-demand",
        ordering=("id",),
        related=("enterprise", "enterprise__street"),
    ),
    empty=gettext_lazy("No labour demands match."),
    actions=(
        Action(
            gettext_lazy("Record a demand"),
            "enterprises:labour_demand_create",
            "enterprises.change_labourdemand",
            primary=True,
        ),
    ),
    template="enterprises/labour_demand_list.html",
)

LABOUR_DEMAND_PAGE = CasePage(
    kind=gettext_lazy("Labour demand"),
    permission="enterprises.view_labourdemand",
    model=LabourDemand,
    heading=lambda d: f"{d.enterprise.name} · {d.post}",
    related=("enterprise", "recorded_by"),
    fields=(
        Column(
            gettext_lazy("Enterprise"),
            html=lambda d: link("enterprises:detail", d.enterprise_id, d.enterprise.name),
        ),
        Column(gettext_lazy("Post"), value=lambda d: d.post),
        Column(gettext_lazy("Headcount"), value=lambda d: d.headcount),
        Column(gettext_lazy("Filled"), value=lambda d: d.filled),
        Column(gettext_lazy("Skills"), value=lambda d: d.skills),
        Column(gettext_lazy("Education"), value=lambda d: choice_labels(Education).get(d.education, "")),
        Column(gettext_lazy("Wage (yuan a month)"), value=_wage),
        Column(gettext_lazy("Needed by"), value=lambda d: d.needed_by),
        Column(
            gettext_lazy("Recorded by"),
            value=lambda d: _("the enterprise, on the portal") if d.on_portal else str(d.recorded_by or ""),
        ),
    ),
)
