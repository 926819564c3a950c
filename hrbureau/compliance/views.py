"""Pages of employer compliance: the register of penalties and incidents, the yearly evaluations, the
grades, the trainings and the legal-expert pool are declared lists (``compliance.lists``); an evaluation's
page is a case page whose steps — grading again, the notice, objections and their decisions, the
publication — are core actions (``compliance.workflows``); the public honest employer list is open to
anyone. Every page reads through the selectors and writes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.compliance import selectors, services
from hrbureau.compliance.choices import Grade
from hrbureau.compliance.forms import AttendanceForm, EventForm, GradeYearForm, PublicListForm, RecordForm
from hrbureau.compliance.lists import EVENTS
from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.punctuation import join_words
from hrbureau.core.redirects import moved_to_action
from hrbureau.core.views import permission_required

# --- the register of penalties and incidents ------------------------------------------------------------


def _form_page(request: HttpRequest, form: Any, *, title: str, back: str) -> HttpResponseBase:
    return render(request, "compliance/form.html", {"form": form, "title": title, "back": back})


@permission_required("compliance.add_labourrecord")
def record_create(request: HttpRequest) -> HttpResponseBase:
    """Add a penalty or an incident to the register the grades are evaluated from."""
    form = RecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_add(
                actor=request.user,
                enterprise=selectors.enterprise_by_uscc(data["uscc"]),
                kind=data["kind"],
                occurred_on=data["occurred_on"],
                description=data["description"],
                decision_no=data["decision_no"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Record added."))
            return redirect("compliance:records")
    return _form_page(request, form, title=_("Add a record"), back="compliance:records")


# --- grades and the honest employer list ---------------------------------------------------------------


@permission_required("compliance.evaluate_employers")
def evaluation_create(request: HttpRequest) -> HttpResponseBase:
    """Grade a past year's record (a draft of that year is graded again)."""
    form = GradeYearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_run(actor=request.user, year=form.cleaned_data["year"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The %(year)d record is graded.") % {"year": evaluation.year})
            return redirect(evaluation.get_absolute_url())
    return _form_page(request, form, title=_("Grade a year's record"), back="compliance:evaluations")


@permission_required("compliance.view_evaluation")
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An evaluation's case page: its figures (each a link to its rows in the grades' list), its objections,
    the steps the reader may take and its timeline (who graded, put on notice, decided, published)."""
    evaluation = selectors.evaluation(user=request.user, pk=pk)
    counts = selectors.grade_counts(evaluation)
    context = {
        "evaluation": evaluation,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Grade.choices],
        "listed": selectors.honest_list(evaluation).count(),
        "objections": list(selectors.objections_of(evaluation)),
        "late_records": selectors.records_entered_after(evaluation),
        **case_panel(case=evaluation, user=request.user),
    }
    return render(request, "compliance/evaluation_detail.html", context)


def evaluation_act(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    """The steps' old address (before the workflow core): a permanent redirect to the core action, which
    keeps the method, so a form posted here is posted again there."""
    return moved_to_action(request, "compliance.evaluation", pk, action)


HONEST_ORDER = ("enterprise__name", "enterprise_id")  # one grade per enterprise and evaluation


def honest_employers(request: HttpRequest) -> HttpResponseBase:
    """The public page: lists on notice (with how to object) and published lists. Open to anyone."""
    shown = selectors.public_evaluations()
    chosen = PublicListForm(request.GET, shown=shown).chosen()
    query = selectors.search_text(request.GET.get("q", ""))
    page, listed, found = None, 0, 0
    if chosen is not None:
        names = selectors.honest_list(chosen)
        listed = names.count()
        matching = selectors.grades_matching(names, query)
        found = matching.count() if query else listed
        page = keyset_page_or_first(
            matching, ordering=HONEST_ORDER, cursor=request.GET.get("cursor"), per_page=50
        )
    context = {
        "evaluations": list(shown),
        "chosen": chosen,
        "page": page,
        "query": query,
        "listed": listed,
        "found": found,
    }
    return render(request, "compliance/honest_employers.html", context)


# --- trainings and consultations -----------------------------------------------------------------------


@permission_required("compliance.view_compliance")
def event_list(request: HttpRequest) -> HttpResponseBase:
    """The declared list of trainings and consultations, under the figures of attendance."""
    return EVENTS.respond(request, context={"figures": selectors.event_figures()})


@permission_required("compliance.manage_compliance")
def event_create(request: HttpRequest) -> HttpResponseBase:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ids, unknown = selectors.enterprises_by_uscc(data["enterprises"])
        try:
            if unknown:
                raise ValidationError(
                    {"enterprises": [_("Not found: %(codes)s") % {"codes": join_words(unknown[:10])}]}
                )
            event = services.event_create(
                actor=request.user,
                kind=data["kind"],
                title=data["title"],
                held_on=data["held_on"],
                place=data["place"],
                expert_ids=[x.pk for x in data["experts"]],
                enterprise_ids=ids,
                notes=data["notes"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Event recorded."))
            return redirect(event.get_absolute_url())
    return _form_page(request, form, title=_("Record an event"), back="compliance:events")


@permission_required("compliance.view_compliance")
def event_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    event = selectors.event(user=request.user, pk=pk)
    if request.method == "POST" and not request.user.has_perm("compliance.manage_compliance"):
        raise PermissionDenied  # refused before the input is read (audited)
    form = AttendanceForm(request.POST if request.method == "POST" else None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            n = services.attendance_mark(
                actor=request.user, event=event, attended=[e.pk for e in form.cleaned_data["attended"]]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Attendance recorded: %(n)d enterprises came.") % {"n": n})
            return redirect(event.get_absolute_url())
    context = {
        "event": event,
        "experts": list(event.experts.all()),
        "attendance": selectors.attendance_of(event),
        "today": timezone.localdate(),
        "form": form,
    }
    return render(request, "compliance/event_detail.html", context, status=422 if form.errors else 200)
