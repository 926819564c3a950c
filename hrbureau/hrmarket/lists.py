"""The HR-service market's lists, declared (``core.lists``): the register of agencies — searched by
licence number or the enterprise's name or USCC through the Chinese text index, by status, licence and
"licence expired" — and the register of inspections and sanctions. Core gives the pages, totals, page
sizes, phone cards, the export behind ``hrmarket.export_agency`` and the API list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.apiutil import Flag, Id
from hrbureau.core.casepage import CasePage
from hrbureau.core.filters import Choice, DateFrom, DateTo, Figure, RelatedText, Search, Where, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, html_of, labelled, link
from hrbureau.core.textsearch import TextIndex
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket import selectors
from hrbureau.hrmarket.choices import ActionKind, AgencyStatus, LicenceKind, ReportState
from hrbureau.hrmarket.models import EnforcementAction, HRAgency, IndustryReport, ReportingPeriod

# An agency is found by what its row shows: the enterprise's name and USCC (the registry's text index).
ENTERPRISE_NAME_AND_CODE = TextIndex(Enterprise.text_index.table, ("name", "uscc"))


def _expired(today: Any) -> Q:
    return Q(valid_until__lt=today, state=AgencyStatus.LICENSED)


def _valid_until(a: HRAgency) -> Any:
    if a.valid_until is None:
        return "—"
    word = _("expired")  # translated outside the f-string, where makemessages finds it
    expired = (
        f' <span class="badge bg-red-lt">{html_of(word)}</span>'
        if a.valid_until < timezone.localdate() and a.state == AgencyStatus.LICENSED
        else ""
    )
    return mark_safe(f'<span class="text-nowrap">{a.valid_until.isoformat()}</span>{expired}')  # noqa: S308


def _agency(a: HRAgency) -> Any:
    return mark_safe(  # noqa: S308 - escaped
        f"{link('hrmarket:agency', a.pk, a.enterprise.name)}"
        f'<div class="small text-secondary">{html_of(a.licence_no)}</div>'
    )


AGENCIES = ListSpec(
    name="agency",
    title=gettext_lazy("HR-service agencies"),
    permission="hrmarket.view_agency",
    rows=lambda user: selectors.agency_list(user=user),
    ordering=("enterprise__name", "id"),
    search=Search(
        gettext_lazy("Licence number, enterprise name or USCC"),
        index=HRAgency.text_index,
        related=(RelatedText(ENTERPRISE_NAME_AND_CODE, lambda: Enterprise.objects.all(), "agencies"),),
        description="a fragment of the licence number, or of the enterprise's name or USCC",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("status", gettext_lazy("Status"), AgencyStatus, lookup="state", empty=gettext_lazy("All")),
        Choice("licence_kind", gettext_lazy("Licence"), LicenceKind, empty=gettext_lazy("All licences")),
        Figure({"1": _expired}, name="expired"),  # "licence expired", the page's link
    ),
    columns=(
        Column(gettext_lazy("Agency"), key="enterprise", value=lambda a: a.enterprise.name, html=_agency),
        Column(gettext_lazy("USCC"), "text-code", value=lambda a: a.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Licence number"), value=lambda a: a.licence_no, page=False, text=True),
        Column(
            gettext_lazy("Licence"),
            value=labelled(LicenceKind, "licence_kind"),
        ),
        Column(gettext_lazy("Licensed on"), value=lambda a: a.licensed_on, page=False),
        Column(gettext_lazy("Valid until"), value=lambda a: a.valid_until, html=_valid_until),
        Column(
            gettext_lazy("Status"),
            key="status",
            value=labelled(AgencyStatus),
        ),
        Column(gettext_lazy("Enforcement actions"), "text-end", value=lambda a: a.actions_count, card=False),
    ),
    page_related=("enterprise",),
    api_ordering=("id",),
    export=Export("hrmarket.export_agency", filename="hr-agencies", related=("enterprise",)),
    empty=gettext_lazy("No agencies match."),
    actions=(
        Action(
            gettext_lazy("Inspections and sanctions"),
            "hrmarket:enforcement",
            "hrmarket.view_agency",
            icon="gavel",
            testid="enforcement",
        ),
        Action(
            gettext_lazy("Register an agency"),
            "hrmarket:create",
            "hrmarket.manage_agency",
            primary=True,
            testid="register",
        ),
    ),
)


def _action_agency(a: EnforcementAction) -> Any:
    return link("hrmarket:agency", a.agency_id, a.agency.enterprise.name)


ENFORCEMENT = ListSpec(
    name="enforcement",
    title=gettext_lazy("Inspections and sanctions of HR-service agencies"),
    permission="hrmarket.view_agency",
    rows=lambda user: selectors.enforcement_list(user=user),
    ordering=("-taken_on", "-id"),
    filters=(
        Choice("kind", gettext_lazy("Kind"), ActionKind, empty=gettext_lazy("All kinds")),
        DateFrom("taken_from", gettext_lazy("From"), "taken_on"),
        DateTo("taken_to", gettext_lazy("Until"), "taken_on"),
    ),
    columns=(
        Column(gettext_lazy("Date"), "text-nowrap", key="date", value=lambda a: a.taken_on),
        Column(gettext_lazy("Agency"), value=lambda a: a.agency.enterprise.name, html=_action_agency),
        Column(gettext_lazy("Licence number"), value=lambda a: a.agency.licence_no, page=False, text=True),
        Column(gettext_lazy("Kind"), key="kind", value=labelled(ActionKind, "kind")),
        Column(gettext_lazy("Decision number"), value=lambda a: a.decision_no, text=True, card=False),
        Column(gettext_lazy("Fine"), "text-end", value=lambda a: a.amount if a.amount is not None else ""),
        Column(gettext_lazy("Description"), value=lambda a: a.description, page=False),
    ),
    page_related=("agency__enterprise",),
    export=Export(
        "hrmarket.export_agency", filename="hr-agency-enforcement", related=("agency__enterprise",)
    ),
    empty=gettext_lazy("No inspections or sanctions match."),
)


# --- the HR-service industry's reports --------------------------------------------------------------------


def _periods() -> list[tuple[Any, Any]]:
    return [
        ("", _("All periods")),
        *((p.pk, str(p)) for p in ReportingPeriod.objects.order_by("-starts_on")[:36]),
    ]


def _report_enterprise(r: IndustryReport) -> Any:
    late = _("late")  # translated outside the f-string, where makemessages finds it
    badge = f' <span class="badge bg-red-lt">{html_of(late)}</span>' if _is_late(r) else ""
    return mark_safe(  # noqa: S308 - escaped
        f"{link('hrmarket:report', r.pk, r.enterprise.name)}{badge}"
        f'<div class="small text-secondary text-code">{html_of(r.enterprise.uscc)}</div>'
    )


def _is_late(r: IndustryReport) -> bool:
    return r.submitted_late or (r.submitted_at is None and r.period.due_on < timezone.localdate())


def _late_filter() -> Where:
    return Where(
        "late",
        lambda: forms.TypedChoiceField(
            label=gettext_lazy("Late"),
            choices=[
                ("", gettext_lazy("Either")),
                ("yes", gettext_lazy("Late")),
                ("no", gettext_lazy("On time")),
            ],
            coerce=lambda v: v == "yes",
            empty_value=None,
            required=False,
        ),
        lambda late: (
            selectors.late_condition(timezone.localdate())
            if late
            else ~selectors.late_condition(timezone.localdate())
        ),
        api=Flag,
    )


REPORTS = ListSpec(
    name="industryreport",
    title=gettext_lazy("HR-service industry reports"),
    permission="hrmarket.view_industry",
    rows=lambda user: selectors.report_list(user=user),
    ordering=("-period__starts_on", "enterprise_id", "id"),
    search=Search(
        gettext_lazy("Enterprise name or USCC"),
        related=(
            RelatedText(ENTERPRISE_NAME_AND_CODE, lambda: Enterprise.objects.all(), "pk", "enterprise_id"),
        ),
        description="a fragment of the enterprise's name or USCC",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("period", gettext_lazy("Period"), source=_periods, coerce=int, lookup="period_id", api=Id),
        Choice("state", gettext_lazy("State"), ReportState, empty=gettext_lazy("All")),
        _late_filter(),
        unit_filter(
            "street",
            kind=OrgUnitKind.STREET,
            label=gettext_lazy("Street"),
            empty=gettext_lazy("All streets"),
            lookup="enterprise__street_id",
        ),
        # The industry page's figures: the rows each number counts.
        Figure({"submitted": selectors.SUBMITTED, "counted": selectors.COUNTED}),
    ),
    columns=(
        Column(
            gettext_lazy("Enterprise"),
            key="enterprise",
            value=lambda r: r.enterprise.name,
            html=_report_enterprise,
        ),
        Column(gettext_lazy("USCC"), "text-code", value=lambda r: r.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Period"), "text-nowrap", key="period", value=lambda r: str(r.period)),
        Column(gettext_lazy("State"), value=labelled(ReportState)),
        Column(
            gettext_lazy("Revenue (yuan)"),
            "text-end",
            value=lambda r: r.revenue if r.revenue is not None else "",
        ),
        Column(
            gettext_lazy("Staff"),
            "text-end",
            value=lambda r: r.staff if r.staff is not None else "",
            card=False,
        ),
        Column(
            gettext_lazy("Placed in jobs"),
            "text-end",
            value=lambda r: r.placements if r.placements is not None else "",
        ),
        Column(
            gettext_lazy("People served"),
            "text-end",
            value=lambda r: r.people_served if r.people_served is not None else "",
            card=False,
        ),
        Column(
            gettext_lazy("Dispatched or outsourced"),
            value=lambda r: r.dispatched if r.dispatched is not None else "",
            page=False,
        ),
        Column(gettext_lazy("Due"), "text-nowrap", value=lambda r: r.period.due_on, card=False),
        Column(
            gettext_lazy("Submitted at"),
            "text-nowrap",
            value=lambda r: (
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M") if r.submitted_at else ""
            ),
        ),
        Column(gettext_lazy("Late"), value=lambda r: _("yes") if _is_late(r) else _("no"), page=False),
    ),
    page_related=("enterprise", "period"),
    api_related=("period",),
    api_ordering=("id",),
    export=Export(
        "hrmarket.export_industryreport", filename="hr-industry-reports", related=("enterprise", "period")
    ),
    empty=gettext_lazy("No reports match."),
    actions=(
        Action(
            gettext_lazy("Industry figures"),
            "hrmarket:industry",
            "hrmarket.view_industry",
            icon="chart-line",
            testid="industry",
        ),
        Action(
            gettext_lazy("Import figures given on paper"),
            "imports:upload",
            "hrmarket.review_industryreport",
            args=("industry-reports",),
            icon="upload",
            testid="import",
        ),
    ),
)


def _report_heading(r: IndustryReport) -> str:
    return f"{r.enterprise.name} · {r.period}"


REPORT_PAGE = CasePage(
    kind=gettext_lazy("HR-service industry report"),
    permission="hrmarket.view_industry",
    model=IndustryReport,
    heading=_report_heading,
    related=("enterprise", "period"),
    fields=(
        Column(gettext_lazy("USCC"), value=lambda r: r.enterprise.uscc),
        Column(gettext_lazy("Period"), value=lambda r: f"{r.period.starts_on} – {r.period.ends_on}"),
        Column(gettext_lazy("Due"), value=lambda r: r.period.due_on),
        Column(gettext_lazy("Revenue (yuan)"), value=lambda r: r.revenue if r.revenue is not None else "—"),
        Column(gettext_lazy("Staff"), value=lambda r: r.staff if r.staff is not None else "—"),
        Column(
            gettext_lazy("People placed in jobs"),
            value=lambda r: r.placements if r.placements is not None else "—",
        ),
        Column(
            gettext_lazy("People served"),
            value=lambda r: r.people_served if r.people_served is not None else "—",
        ),
        Column(
            gettext_lazy("Dispatched or outsourced workers"),
            value=lambda r: r.dispatched if r.dispatched is not None else "—",
        ),
        Column(
            gettext_lazy("Submitted at"),
            value=lambda r: (
                timezone.localtime(r.submitted_at).strftime("%Y-%m-%d %H:%M") if r.submitted_at else "—"
            ),
        ),
        Column(gettext_lazy("Late"), value=lambda r: _("yes") if _is_late(r) else _("no")),
    ),
)
