"""The HR-service market's lists, declared (``core.lists``): the register of agencies — searched by
licence number or the enterprise's name or USCC through the Chinese text index, by status, licence and
"licence expired" — and the register of inspections and sanctions. Core gives the pages, totals, page
sizes, phone cards, the export behind ``hrmarket.export_agency`` and the API list."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.filters import Choice, DateFrom, DateTo, Figure, RelatedText, Search, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, link
from hrbureau.core.textsearch import TextIndex
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket import selectors
from hrbureau.hrmarket.choices import ActionKind, AgencyStatus, LicenceKind
from hrbureau.hrmarket.models import EnforcementAction, HRAgency

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
            value=lambda a: choice_labels(LicenceKind).get(a.licence_kind, a.licence_kind),
        ),
        Column(gettext_lazy("Licensed on"), value=lambda a: a.licensed_on, page=False),
        Column(gettext_lazy("Valid until"), value=lambda a: a.valid_until, html=_valid_until),
        Column(
            gettext_lazy("Status"),
            key="status",
            value=lambda a: choice_labels(AgencyStatus).get(a.state, a.state),
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
        Column(
            gettext_lazy("Kind"), key="kind", value=lambda a: choice_labels(ActionKind).get(a.kind, a.kind)
        ),
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
