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
from hrbureau.core.filters import ALL, Choice, DateFrom, DateTo, Figure, RelatedText, Search, Where, of_record
from hrbureau.core.forms import FixedChoiceField
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.tables import Column, choice_labels, html_of, labelled, link
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour import selectors
from hrbureau.labour.choices import (
    OPEN_RISK_STATES,
    InspectionKind,
    RiskState,
    RiskType,
    ScoreComponentKey,
    Severity,
    SurveyState,
    WarningLevel,
)
from hrbureau.labour.models import COMPONENT_KEYS, EnterpriseRiskScore, Inspection, Risk

# The enterprise a risk or an inspection is about, found by a fragment of its name, address or USCC.
ENTERPRISE_TEXT = RelatedText(Enterprise.text_index, lambda: Enterprise.objects.all(), "pk", "enterprise_id")
STREET = unit_filter(
    "street", kind=OrgUnitKind.STREET, label=gettext_lazy("Street"), empty=gettext_lazy("All streets")
)


def _enterprise_filter() -> Where:
    """One enterprise's rows (a link from its risk score or its page)."""
    return of_record("enterprise", "enterprise_id")


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
        Column(gettext_lazy("Type"), value=labelled(RiskType, "risk_type")),
        Column(
            gettext_lazy("Severity"),
            value=labelled(Severity, "severity"),
            card=False,
        ),
        Column(gettext_lazy("Workers affected"), value=lambda r: r.workers_affected, page=False),
        Column(gettext_lazy("Amount in arrears"), value=lambda r: r.arrears_amount, page=False),
        Column(gettext_lazy("State"), value=labelled(RiskState), html=_state),
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
        Column(gettext_lazy("Enterprise"), key="enterprise", value=lambda i: i.enterprise.name),
        Column(gettext_lazy("USCC"), value=lambda i: i.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda i: i.street.name if i.street else "", page=False),
        Column(
            gettext_lazy("Grid"),
            value=lambda i: i.grid.name if i.grid else "",
            html=lambda i: (i.grid.name if i.grid else "") or "—",
            card=False,
        ),
        Column(gettext_lazy("Kind"), value=labelled(InspectionKind, "kind")),
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
            value=labelled(WarningLevel, "level"),
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


# --- inspection plans, samples and their survey tasks -----------------------------------------------------


PLANS = ListSpec(
    name="plan",
    title=gettext_lazy("Inspection plans"),
    permission="labour.view_plantarget",
    rows=lambda user: selectors.plan_list(user=user),
    ordering=("-starts_on", "-id"),
    filters=(
        Choice("kind", gettext_lazy("Kind"), InspectionKind),
        DateFrom("ends_from", gettext_lazy("Ending from"), "ends_on"),
        DateTo("starts_to", gettext_lazy("Starting until"), "starts_on"),
    ),
    columns=(
        Column(
            gettext_lazy("Plan"),
            key="name",
            value=lambda p: p.name,
            html=lambda p: link("labour:plan", p.pk, p.name),
        ),
        Column(gettext_lazy("Kind"), value=labelled(InspectionKind, "kind")),
        Column(gettext_lazy("From"), "text-nowrap", value=lambda p: p.starts_on),
        Column(gettext_lazy("To"), "text-nowrap", value=lambda p: p.ends_on),
        Column(gettext_lazy("Visits planned"), "text-end", value=lambda p: p.planned),
        Column(gettext_lazy("Visited"), "text-end", value=lambda p: p.done),
    ),
    export=Export("labour.export_risk", filename="inspection-plans"),
    empty=gettext_lazy("No plans yet: make one from the early-warning list."),
)


SAMPLES = ListSpec(
    name="sample",
    title=gettext_lazy("Survey samples"),
    permission="labour.survey_sample",
    rows=lambda user: selectors.sample_list(user=user).defer("frame"),
    ordering=("-created_at", "-id"),
    columns=(
        Column(
            gettext_lazy("Name"),
            key="name",
            value=lambda s: s.name,
            html=lambda s: link("labour:sample", s.pk, s.name),
        ),
        Column(gettext_lazy("Sample size"), "text-end", value=lambda s: s.size),
        Column(gettext_lazy("Population"), "text-end", value=lambda s: s.population, card=False),
        Column(gettext_lazy("Random seed"), "text-code", value=lambda s: s.seed, text=True, card=False),
        Column(
            gettext_lazy("Verification code"), "text-code", value=lambda s: s.verification_code, page=False
        ),
        Column(
            gettext_lazy("Drawn"),
            "text-nowrap",
            value=lambda s: timezone.localtime(s.created_at).replace(tzinfo=None),
            html=lambda s: timezone.localtime(s.created_at).strftime("%Y-%m-%d %H:%M"),
        ),
    ),
    export=Export("labour.export_sample", filename="samples"),
    empty=gettext_lazy("No samples yet."),
    actions=(
        Action(
            gettext_lazy("Survey tasks"),
            "labour:survey_tasks",
            "labour.survey_sample",
            icon="list-check",
            testid="survey-tasks",
        ),
    ),
    template="labour/sample_list.html",
)


def _label_strata(members: Any) -> None:
    """Each task's sample and stratum in words ("东湖街道 · 小型"): the samples (without their kept
    frames) and the streets' names read once for a page or an export's chunk."""
    if not members:
        return
    samples = selectors.samples_named({m.sample_id for m in members})
    units = selectors.street_names()
    labels = {pk: selectors.stratum_labels(sample, units) for pk, sample in samples.items()}
    for m in members:
        m.sample_name = samples[m.sample_id].name
        m.stratum_label = labels[m.sample_id].get(m.stratum, m.stratum)


def _with_offers(request: HttpRequest, members: Any) -> None:
    from hrbureau.core.actions import offers

    for m in members:
        m.offers = offers(m, request.user)
        m.back = request.path


def _task_actions(m: Any) -> Any:
    """The actions the reader may take on the task now, each opening its form in the page's dialog."""
    from urllib.parse import quote

    from django.urls import reverse

    html = []
    for offer in getattr(m, "offers", ()):
        url = reverse("core:case_action", args=["labour.samplemember", m.pk, offer.name])
        url += "?next=" + quote(getattr(m, "back", ""), safe="/")
        html.append(
            f'<a class="btn btn-sm btn-{html_of(offer.button)}" href="{html_of(url)}" hx-get="{html_of(url)}" '
            f'hx-target="#action-dialog-body" hx-swap="innerHTML" data-action="{html_of(offer.name)}">'
            f"{html_of(offer.label)}</a>"
        )
    body = "".join(html)
    return mark_safe(f'<div class="d-flex flex-wrap gap-1" data-testid="survey-actions">{body}</div>')  # noqa: S308


def _surveyed(m: Any) -> Any:
    label = choice_labels(SurveyState).get(m.state, m.state)
    parts = [html_of(label)]
    if m.surveyed_on:
        parts.append(f'<span class="text-nowrap">{m.surveyed_on.isoformat()}</span>')
    if m.note:
        parts.append(f'<span class="small text-secondary">{html_of(m.note)}</span>')
    return mark_safe(" · ".join(parts))  # noqa: S308 - escaped


SAMPLE_MEMBERS = ListSpec(
    name="survey_task",
    title=gettext_lazy("Survey tasks"),
    permission="labour.survey_sample",
    rows=lambda user: selectors.survey_tasks(user=user),
    ordering=("sample_id", "stratum", "id"),
    filters=(
        Where(  # one sample's tasks (its page fixes it)
            "sample",
            lambda: forms.IntegerField(
                required=False, min_value=1, max_value=2**62, widget=forms.HiddenInput
            ),
            lambda pk: Q(sample_id=pk),
            api=Id,
            hidden=True,
        ),
        Choice("state", gettext_lazy("State"), SurveyState),
        STREET,
    ),
    columns=(
        Column(gettext_lazy("Stratum"), "small", value=lambda m: m.stratum_label, card=False),
        Column(gettext_lazy("Enterprise"), value=lambda m: m.enterprise.name),
        Column(gettext_lazy("USCC"), value=lambda m: m.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Street"), value=lambda m: m.street.name if m.street else "", page=False),
        Column(
            gettext_lazy("Grid"),
            value=lambda m: m.grid.name if m.grid else "",
            html=lambda m: (m.grid.name if m.grid else "") or "—",
        ),
        Column(
            gettext_lazy("State"),
            value=labelled(SurveyState),
            html=_surveyed,
        ),
        Column(gettext_lazy("Surveyed on"), value=lambda m: m.surveyed_on, page=False),
        Column(gettext_lazy("Note"), value=lambda m: m.note, page=False),
        Column(gettext_lazy("Sample"), value=lambda m: m.sample_name, page=False),
        Column(gettext_lazy("Actions"), html=_task_actions, export=False),
    ),
    page_related=("enterprise", "grid"),
    prepare=_label_strata,
    prepare_page=_with_offers,
    export=Export("labour.export_sample", filename="survey-tasks", related=("enterprise", "street", "grid")),
    empty=gettext_lazy("No survey tasks match."),
    template="labour/survey_task_list.html",
)
