"""Employer compliance's lists, declared (``core.lists``): the register of penalties and incidents, the
yearly evaluations, the grades of a year (and the honest employer list drawn from them), the trainings and
consultations, and the legal-expert pool. Core gives their pages with totals and page sizes, filters,
search through the Chinese text index (an enterprise's name or USCC), phone cards, the exports behind the
lists' export permissions and the API list."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from hrbureau.compliance import rules, selectors
from hrbureau.compliance.choices import EvaluationState, EventKind, Grade, RecordKind
from hrbureau.core.filters import ANY, Choice, DateFrom, DateTo, RelatedText, Search, Where, YesNo, of_record
from hrbureau.core.lists import Action, Export, ListSpec
from hrbureau.core.punctuation import join_clauses
from hrbureau.core.tables import Column, html_of, labelled, link
from hrbureau.enterprises.models import Enterprise

# A record or a grade is found by its enterprise's name or USCC (the registry's text index).
NAME_AND_CODE = selectors.NAME_AND_CODE
ON_THE_LIST = Q(candidate=True, withdrawn=False)


def _enterprise(row: Any) -> Any:
    return mark_safe(  # noqa: S308 - escaped
        f'{html_of(row.enterprise.name)}<div class="small text-secondary">{html_of(row.enterprise.uscc)}</div>'
    )


def _year_field() -> forms.Field:
    return forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2999)


RECORDS = ListSpec(
    name="labourrecord",
    title=gettext_lazy("Labour penalties and incidents"),
    permission="compliance.view_evaluation",
    rows=lambda user: selectors.record_list(user=user),
    ordering=("-occurred_on", "-id"),
    search=Search(
        gettext_lazy("Enterprise or USCC"),
        related=(RelatedText(NAME_AND_CODE, lambda: Enterprise.objects.all(), "labour_records"),),
        description="a fragment of the enterprise's name or USCC",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice("kind", gettext_lazy("Kind"), RecordKind, empty=gettext_lazy("All kinds")),
        Where("year", _year_field, lambda year: Q(occurred_on__year=year), api=int),
        DateFrom("occurred_from", gettext_lazy("From"), "occurred_on"),
        DateTo("occurred_to", gettext_lazy("Until"), "occurred_on"),
    ),
    columns=(
        Column(gettext_lazy("Date"), "text-nowrap", key="date", value=lambda r: r.occurred_on),
        Column(
            gettext_lazy("Enterprise"), key="enterprise", value=lambda r: r.enterprise.name, html=_enterprise
        ),
        Column(gettext_lazy("USCC"), value=lambda r: r.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Kind"), key="kind", value=labelled(RecordKind, "kind")),
        Column(gettext_lazy("Decision number"), value=lambda r: r.decision_no, text=True, card=False),
        Column(gettext_lazy("Description"), value=lambda r: r.description),
    ),
    page_related=("enterprise",),
    export=Export("compliance.export_evaluation", filename="labour-records", related=("enterprise",)),
    empty=gettext_lazy("No records match."),
    actions=(
        Action(
            gettext_lazy("Add a record"),
            "compliance:record_create",
            "compliance.add_labourrecord",
            primary=True,
            testid="add-record",
        ),
    ),
)


EVALUATIONS = ListSpec(
    name="evaluation",
    title=gettext_lazy("Honest employers"),
    permission="compliance.view_evaluation",
    rows=lambda user: selectors.evaluation_list(user=user),
    ordering=("-year", "-id"),
    filters=(Choice("state", gettext_lazy("State"), EvaluationState, empty=gettext_lazy("All states")),),
    columns=(
        Column(
            gettext_lazy("Record year"),
            key="year",
            value=lambda e: e.year,
            html=lambda e: link("compliance:evaluation", e.pk, e.year),
        ),
        Column(
            gettext_lazy("State"),
            key="state",
            value=labelled(EvaluationState),
        ),
        Column("A", "text-end", value=lambda e: e.a),
        Column("B", "text-end", value=lambda e: e.b),
        Column("C", "text-end", value=lambda e: e.c),
        Column(gettext_lazy("On the list"), "text-end", value=lambda e: e.listed),
        Column(gettext_lazy("Published on"), value=lambda e: e.published_on or "", page=False),
    ),
    export=Export("compliance.export_evaluation", filename="employer-evaluations"),
    empty=gettext_lazy("No year graded yet."),
    actions=(
        Action(
            gettext_lazy("Penalties and incidents"),
            "compliance:records",
            "compliance.view_evaluation",
            icon="list",
        ),
        Action(
            gettext_lazy("Grades"), "compliance:grades", "compliance.view_evaluation", icon="list-numbers"
        ),
        Action(
            gettext_lazy("Grade a year's record"),
            "compliance:evaluation_create",
            "compliance.evaluate_employers",
            primary=True,
            testid="grade-year",
        ),
    ),
)


def _listed_field() -> forms.Field:
    return forms.TypedChoiceField(
        label=gettext_lazy("On the list"),
        choices=[("", ANY), ("yes", gettext_lazy("yes")), ("no", gettext_lazy("no"))],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
    )


def _grade(g: Any) -> Any:
    colour = {"A": "green", "B": "yellow"}.get(g.grade, "red")
    withdrawn = ""
    if g.withdrawn:
        word = _("taken off after an objection")  # translated outside the f-string
        withdrawn = f' <span class="badge bg-secondary-lt">{html_of(word)}</span>'
    return mark_safe(f'<span class="badge bg-{colour}-lt">{html_of(g.grade)}</span>{withdrawn}')  # noqa: S308


def _why(g: Any) -> str:
    if g.findings:
        return join_clauses(rules.finding_label(f) for f in g.findings)
    if g.penalties:
        return ngettext("%(n)s penalty", "%(n)s penalties", g.penalties) % {"n": g.penalties}
    return str(_("no penalty"))


GRADES = ListSpec(
    name="employergrade",
    title=gettext_lazy("Employer grades"),
    permission="compliance.view_evaluation",
    rows=lambda user: selectors.grade_list(user=user),
    ordering=("enterprise__name", "id"),
    search=Search(
        gettext_lazy("Enterprise name or USCC"),
        related=(RelatedText(NAME_AND_CODE, lambda: Enterprise.objects.all(), "employer_grades"),),
        description="a fragment of the enterprise's name or USCC",
    ),
    filters=(
        of_record("enterprise", "enterprise_id"),
        Choice(
            "evaluation",
            gettext_lazy("Record year"),
            source=lambda: selectors.evaluation_choices(empty=str(_("All years"))),
            coerce=int,
            lookup="evaluation_id",
            api=int,
        ),
        Choice("grade", gettext_lazy("Grade"), Grade, empty=gettext_lazy("All grades")),
        Where("listed", _listed_field, lambda listed: ON_THE_LIST if listed else ~ON_THE_LIST, api=bool),
        YesNo("withdrawn", gettext_lazy("Taken off after an objection")),
    ),
    columns=(
        Column(
            gettext_lazy("Enterprise"), key="enterprise", value=lambda g: g.enterprise.name, html=_enterprise
        ),
        Column(gettext_lazy("USCC"), value=lambda g: g.enterprise.uscc, page=False, text=True),
        Column(gettext_lazy("Record year"), value=lambda g: g.evaluation.year, card=False),
        Column(gettext_lazy("Grade"), key="grade", value=lambda g: g.grade, html=_grade),
        Column(gettext_lazy("Penalties"), value=lambda g: g.penalties, page=False),
        Column(gettext_lazy("Why"), value=_why),
        Column(
            gettext_lazy("On the list"),
            value=lambda g: _("yes") if g.candidate and not g.withdrawn else _("no"),
            page=False,
        ),
    ),
    page_related=("enterprise", "evaluation"),
    export=Export(
        "compliance.export_evaluation", filename="employer-grades", related=("enterprise", "evaluation")
    ),
    empty=gettext_lazy("None."),
    per_page=50,
)


def _event_title(e: Any) -> Any:
    return link("compliance:event", e.pk, e.title)


EVENTS = ListSpec(
    name="complianceevent",
    title=gettext_lazy("Compliance trainings and consultations"),
    permission="compliance.view_compliance",
    rows=lambda user: selectors.event_list(user=user),
    ordering=("-held_on", "-id"),
    filters=(
        Choice("kind", gettext_lazy("Kind"), EventKind, empty=gettext_lazy("All kinds")),
        DateFrom("held_from", gettext_lazy("From"), "held_on"),
        DateTo("held_to", gettext_lazy("Until"), "held_on"),
    ),
    columns=(
        Column(gettext_lazy("Date"), "text-nowrap", key="date", value=lambda e: e.held_on),
        Column(gettext_lazy("Event"), key="title", value=lambda e: e.title, html=_event_title),
        Column(gettext_lazy("Kind"), key="kind", value=labelled(EventKind, "kind")),
        Column(gettext_lazy("Place"), value=lambda e: e.place, page=False),
        Column(gettext_lazy("Invited"), "text-end", value=lambda e: e.invited),
        Column(gettext_lazy("Came"), "text-end", value=lambda e: e.came),
    ),
    export=Export("compliance.export_compliance", filename="compliance-events"),
    empty=gettext_lazy("No events yet."),
    template="compliance/event_list.html",
    actions=(
        Action(
            gettext_lazy("Legal-expert pool"),
            "compliance:experts",
            "compliance.view_compliance",
            icon="users",
        ),
        Action(
            gettext_lazy("Record an event"),
            "compliance:event_create",
            "compliance.manage_compliance",
            primary=True,
            testid="record-event",
        ),
    ),
)


EXPERTS = ListSpec(
    name="legalexpert",
    title=gettext_lazy("Legal-expert pool"),
    permission="compliance.view_compliance",
    rows=lambda user: selectors.expert_list(user=user),
    ordering=("name", "id"),
    filters=(YesNo("active", gettext_lazy("Active")),),
    columns=(
        Column(gettext_lazy("Name"), key="name", value=lambda x: x.name),
        Column(gettext_lazy("Organisation"), value=lambda x: x.organisation),
        Column(gettext_lazy("Speciality"), value=lambda x: x.speciality),
        Column(gettext_lazy("Phone"), "text-code", value=lambda x: x.phone, text=True),
        Column(gettext_lazy("Active"), value=lambda x: _("yes") if x.active else _("no"), card=False),
    ),
    export=Export("compliance.export_compliance", filename="legal-experts"),
    empty=gettext_lazy("No experts in the pool: add them in the administration."),
    intro=gettext_lazy("The pool is kept in the administration."),
)
