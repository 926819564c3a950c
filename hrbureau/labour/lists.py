"""The labour lists, declared (``core.lists``): risks, inspections and the early-warning list, each with
its search, filters, columns (page, export and phone card) and export; core gives the pages, the exports
(behind ``labour.export_risk``) and the API list of risks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import unit_filter
from hrbureau.core.apiutil import Id
from hrbureau.core.filters import ALL, Choice, DateFrom, DateTo, Figure, RelatedText, Search, Where
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.lists import Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, link
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour import selectors
from hrbureau.labour.choices import (
    OPEN_RISK_STATES,
    InspectionKind,
    RiskState,
    RiskType,
    ScoreComponentKey,
    Severity,
    WarningLevel,
)
from hrbureau.labour.models import COMPONENT_KEYS, EnterpriseRiskScore, Inspection, Risk

# The enterprise a risk or an inspection is about, found by a fragment of its name, address or USCC.
ENTERPRISE_TEXT = RelatedText(Enterprise.text_index, lambda: Enterprise.objects.all(), "pk", "enterprise_id")
STREET = unit_filter(
    "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
)


def _enterprise_filter() -> Where:
    """One enterprise's rows (a link from its risk score); not shown in the panel."""
    return Where(
        "enterprise",
        lambda: forms.IntegerField(required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput),
        lambda pk: Q(enterprise_id=pk),
        api=Id,
        hidden=True,
    )


def _due(r: Risk) -> Any:
    if not r.due_on:
        return "—"
    word = _("overdue")  # translated outside the f-string, where makemessages finds it
    late = r.due_on < timezone.localdate() and r.state not in (RiskState.VERIFIED,)
    overdue = f' <span class="badge bg-red-lt">{html_of(word)}</span>' if late else ""
    return mark_safe(r.due_on.isoformat() + overdue)  # noqa: S308 - a date and an escaped label


def _number(r: Risk) -> Any:
    word = _("escalated")
    badge = f' <span class="badge bg-red-lt">{html_of(word)}</span>' if r.escalated else ""
    return mark_safe(f"{link('labour:risk', r.pk, r.number)}{badge}")  # noqa: S308 - escaped


def _state(r: Risk) -> Any:
    label = choice_labels(RiskState).get(r.state, r.state)
    return mark_safe(f'<span class="badge bg-blue-lt">{html_of(label)}</span>')  # noqa: S308 - escaped


def overdue(today: dt.date) -> Q:
    """Risks past their due date and not yet verified (a resolution waiting for verification too)."""
    return Q(state__in=OPEN_RISK_STATES | {RiskState.RESOLVED}, due_on__lt=today)


def _overdue_field() -> forms.Field:
    return FixedChoiceField(
        label=gettext_lazy("Overdue"),
        choices=[("", ALL), ("yes", gettext_lazy("Overdue only"))],
        required=False,
    )


RISKS = ListSpec(
    name="risk",
    title=gettext_lazy("Labour risks"),
    permission="labour.view_risk",
    rows=lambda user: selectors.risk_list(user=user),
    ordering=("-found_on", "-id"),
    search=Search(
        gettext_lazy("Number, enterprise, USCC or description"),
        index=Risk.text_index,
        related=(ENTERPRISE_TEXT,),
        description="a fragment of the risk's number or description, or of the enterprise's name, "
        "address or USCC",
    ),
    filters=(
        Choice("state", gettext_lazy("State"), RiskState),
        Choice("risk_type", gettext_lazy("Type"), RiskType),
        Choice("severity", gettext_lazy("Severity"), Severity),
        STREET,
        DateFrom("found_from", gettext_lazy("Found from"), "found_on"),
        DateTo("found_to", gettext_lazy("Found to"), "found_on"),
        Where("overdue", _overdue_field, lambda value: overdue(timezone.localdate())),
        _enterprise_filter(),
        Figure(selectors.RISK_FIGURES),  # the statistics' links
    ),
    columns=(
        Column(
            gettext_lazy("Number"),
            "text-code",
            key="number",
            value=lambda r: r.number,
            html=_number,
            text=True,
        ),
        Column(gettext_lazy("Enterprise"), key="enterprise", value=lambda r: r.enterprise.name),
        Column(gettext_lazy("USCC"), value=lambda r: r.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda r: r.street.name if r.street else "", page=False),
        Column(gettext_lazy("Type"), value=lambda r: choice_labels(RiskType).get(r.risk_type, r.risk_type)),
        Column(
            gettext_lazy("Severity"),
            value=lambda r: choice_labels(Severity).get(r.severity, r.severity),
            card=False,
        ),
        Column(gettext_lazy("Workers affected"), value=lambda r: r.workers_affected, page=False),
        Column(gettext_lazy("Amount in arrears"), value=lambda r: r.arrears_amount, page=False),
        Column(
            gettext_lazy("State"), value=lambda r: choice_labels(RiskState).get(r.state, r.state), html=_state
        ),
        Column(gettext_lazy("Found on"), "text-nowrap", value=lambda r: r.found_on),
        Column(
            gettext_lazy("Assigned unit"),
            value=lambda r: r.assigned_unit.name if r.assigned_unit else "",
            html=lambda r: (r.assigned_unit.name if r.assigned_unit else "") or "—",
            card=False,
        ),
        Column(gettext_lazy("Due"), "text-nowrap", value=lambda r: r.due_on, html=_due),
        Column(gettext_lazy("Resolved on"), value=lambda r: r.resolved_on, page=False),
        Column(gettext_lazy("Verified on"), value=lambda r: r.verified_on, page=False),
    ),
    page_related=("enterprise", "assigned_unit"),
    page_only=(
        "id",
        "number",
        "escalated",
        "state",
        "risk_type",
        "severity",
        "found_on",
        "due_on",
        "enterprise__name",
        "assigned_unit__name",
    ),
    api_related=(),
    export=Export(
        "labour.export_risk", filename="labour-risks", related=("enterprise", "street", "assigned_unit")
    ),
    empty=gettext_lazy("No risks match."),
)


def _with_risks_field() -> forms.Field:
    return forms.TypedChoiceField(
        label=gettext_lazy("Risks found"),
        choices=[("", ALL), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


INSPECTIONS = ListSpec(
    name="inspection",
    title=gettext_lazy("Inspections"),
    permission="labour.view_inspection",
    rows=lambda user: Inspection.objects.for_user(user),
    ordering=("-visited_on", "-id"),
    search=Search(
        gettext_lazy("Enterprise, USCC or notes"),
        index=Inspection.text_index,
        related=(ENTERPRISE_TEXT,),
        description="a fragment of the inspection's notes, or of the enterprise's name, address or USCC",
    ),
    filters=(
        Choice("kind", gettext_lazy("Kind"), InspectionKind),
        STREET,
        DateFrom("visited_from", gettext_lazy("Visited from"), "visited_on"),
        DateTo("visited_to", gettext_lazy("Visited to"), "visited_on"),
        Where(
            "with_risks",
            _with_risks_field,
            lambda found: Q(risks_found__gt=0) if found else Q(risks_found=0),
        ),
        _enterprise_filter(),
    ),
    columns=(
        Column(
            gettext_lazy("Visited on"),
            "text-nowrap",
            key="visited_on",
            value=lambda i: i.visited_on,
            html=lambda i: link("labour:inspection", i.pk, i.visited_on.isoformat()),
        ),
        Column(gettext_lazy("Enterprise"), value=lambda i: i.enterprise.name),
        Column(gettext_lazy("USCC"), value=lambda i: i.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda i: i.street.name if i.street else "", page=False),
        Column(
            gettext_lazy("Grid"),
            value=lambda i: i.grid.name if i.grid else "",
            html=lambda i: (i.grid.name if i.grid else "") or "—",
            card=False,
        ),
        Column(gettext_lazy("Kind"), value=lambda i: choice_labels(InspectionKind).get(i.kind, i.kind)),
        Column(gettext_lazy("Inspector"), value=lambda i: i.inspector.get_full_name(), card=False),
        Column(gettext_lazy("Risks found"), "text-end", value=lambda i: i.risks_found),
    ),
    page_related=("enterprise", "grid", "inspector"),
    export=Export(
        "labour.export_risk", filename="inspections", related=("enterprise", "street", "grid", "inspector")
    ),
    empty=gettext_lazy("No inspections match."),
)


# --- the early-warning list -------------------------------------------------------------------------------


def _ticked(s: EnterpriseRiskScore) -> Any:
    """The box that puts the enterprise into the plan made at the foot of the page (its own form)."""
    if not getattr(s, "may_plan", False):
        return ""
    label = _("Plan a visit")
    return mark_safe(  # noqa: S308 - escaped
        f'<input class="form-check-input" type="checkbox" form="plan-from-warnings" name="enterprise" '
        f'value="{s.enterprise_id}" aria-label="{html_of(label)}: {html_of(s.enterprise.name)}">'
    )


def _level(s: EnterpriseRiskScore) -> Any:
    label = choice_labels(WarningLevel).get(s.level, s.level)
    return mark_safe(f'<span class="badge bg-{html_of(s.level)}-lt">{html_of(label)}</span>')  # noqa: S308


def _scored(s: EnterpriseRiskScore) -> str:
    """The components that scored, "期内欠薪隐患 10"."""
    labels = choice_labels(ScoreComponentKey)
    parts = [f"{labels[key]} {getattr(s, f'{key}_points')}" for key in COMPONENT_KEYS]
    return "；".join(p for p, key in zip(parts, COMPONENT_KEYS, strict=True) if getattr(s, f"{key}_points"))


def _mark_plannable(request: HttpRequest, rows: Any) -> None:
    may_plan = request.user.has_perm("labour.plan_inspection")
    for row in rows:
        row.may_plan = may_plan


def _points(key: str) -> Column:
    return Column(ScoreComponentKey(key).label, value=lambda s: getattr(s, f"{key}_points"), page=False)


WARNINGS = ListSpec(
    name="warning",
    title=gettext_lazy("Early warning"),
    permission="labour.view_enterpriseriskscore",
    rows=lambda user: selectors.warning_list(user=user),
    ordering=("-total", "enterprise_id"),
    filters=(
        Choice(
            "level",
            gettext_lazy("Level"),
            source=lambda: [
                ("", str(ALL)),
                *((v, str(label)) for v, label in WarningLevel.choices if v != "none"),
            ],
        ),
        STREET,
    ),
    columns=(
        Column(gettext_lazy("Plan"), html=_ticked, export=False, card=False),
        Column(
            gettext_lazy("Enterprise"),
            value=lambda s: s.enterprise.name,
            html=lambda s: link("labour:score", s.enterprise_id, s.enterprise.name),
        ),
        Column(gettext_lazy("USCC"), value=lambda s: s.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda s: s.street.name if s.street else "", page=False),
        Column(
            gettext_lazy("Grid"),
            value=lambda s: s.grid.name if s.grid else "",
            html=lambda s: f"{s.street.name if s.street else '—'} · {s.grid.name if s.grid else '—'}",
        ),
        Column(
            gettext_lazy("Level"),
            value=lambda s: choice_labels(WarningLevel).get(s.level, s.level),
            html=_level,
        ),
        Column(gettext_lazy("Score"), "text-end fw-bold", value=lambda s: s.total),
        Column(gettext_lazy("Components"), "small", html=_scored, export=False),
        *(_points(key) for key in COMPONENT_KEYS),
        Column(
            gettext_lazy("Computed at"),
            value=lambda s: timezone.localtime(s.computed_at).replace(tzinfo=None),
            page=False,
        ),
    ),
    page_related=("enterprise", "street", "grid"),
    prepare_page=_mark_plannable,
    export=Export("labour.export_risk", filename="early-warning", related=("enterprise", "street", "grid")),
    empty=gettext_lazy("No enterprise has a warning level."),
    template="labour/warning_list.html",
)
