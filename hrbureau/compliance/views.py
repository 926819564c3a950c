"""Pages of employer compliance: the register of penalties and incidents, the yearly grades and the
honest employer list with its notice, objections and publication, the public list, and compliance
trainings and consultations. Every page reads through the selectors and writes through the services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.compliance import rules, selectors, services
from hrbureau.compliance.choices import EventKind, Grade, RecordKind
from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.forms import record_id
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.punctuation import join_clauses, join_words
from hrbureau.core.redirects import moved_to_action
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import error_message

# --- the register of penalties and incidents ------------------------------------------------------------


RECORD_COLUMNS = [
    gettext_lazy("Date"),
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Kind"),
    gettext_lazy("Decision number"),
    gettext_lazy("Description"),
]


@permission_required("compliance.view_evaluation")
def record_list(request: HttpRequest) -> HttpResponseBase:
    """The register of penalties and incidents the grades are evaluated from, and the form to add one."""
    if request.method == "POST":
        if not request.user.has_perm("compliance.add_labourrecord"):
            raise PermissionDenied("compliance.add_labourrecord")
        post = request.POST
        try:
            day = dt.date.fromisoformat(post["occurred_on"]) if post.get("occurred_on") else None
            services.record_add(
                actor=request.user,
                enterprise=selectors.enterprise_by_uscc(post.get("uscc", "")),
                kind=post.get("kind", ""),
                occurred_on=day,
                description=post.get("description", ""),
                decision_no=post.get("decision_no", ""),
            )
        except ValueError:
            messages.error(request, _("Give a date like 2026-03-01."))
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Record added."))
        return redirect(reverse("compliance:records"))
    year = request.GET.get("year", "")
    query = request.GET.get("q", "").strip()[:100]
    records = selectors.record_list(
        year=int(year) if year.isdigit() and len(year) == 4 else None, query=query
    )
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                r.occurred_on,
                r.enterprise.name,
                r.enterprise.uscc,
                r.get_kind_display(),
                r.decision_no,
                r.description,
            )
            for r in records.iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="compliance.export_evaluation",
            filename="labour-records",
            columns=[str(c) for c in RECORD_COLUMNS],
            rows=rows,
            text_columns={2, 4},
        )
    page = keyset_page_or_first(
        records, ordering=("-occurred_on", "-id"), cursor=request.GET.get("cursor"), per_page=20
    )
    context = {
        "page": page,
        "kinds": RecordKind.choices,
        "year": year,
        "query": query,
        "query_string": request.GET.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "compliance/record_list.html", context)


# --- grades and the honest employer list ---------------------------------------------------------------


@permission_required("compliance.view_evaluation")
def evaluation_list(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST":
        try:
            evaluation = services.evaluation_run(actor=request.user, year=request.POST.get("year", ""))
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect(reverse("compliance:evaluations"))
        messages.success(request, _("The %(year)d record is graded.") % {"year": evaluation.year})
        return redirect(evaluation.get_absolute_url())
    context = {
        "evaluations": list(selectors.evaluation_list()),
        "last_year": timezone.localdate().year - 1,
    }
    return render(request, "compliance/evaluation_list.html", context)


GRADE_COLUMNS = [
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Grade"),
    gettext_lazy("Penalties"),
    gettext_lazy("Grade C findings"),
    gettext_lazy("On the list"),
]


@permission_required("compliance.view_evaluation")
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    evaluation = selectors.evaluation(pk)
    if evaluation is None:
        raise Http404
    shown = request.GET.get("grade", "list")
    if shown not in Grade.values:
        shown = "list"
    query = selectors.search_text(request.GET.get("q", ""))
    grades = selectors.grades_matching(selectors.grades_of(evaluation, shown=shown), query)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                g.enterprise.name,
                g.enterprise.uscc,
                g.grade,
                g.penalties,
                join_clauses(rules.finding_label(f) for f in g.findings),
                _("yes") if g.candidate and not g.withdrawn else _("no"),
            )
            for g in grades.order_by("enterprise_id").iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="compliance.export_evaluation",
            filename=f"employer-grades-{evaluation.year}-{shown}",
            columns=[str(c) for c in GRADE_COLUMNS],
            rows=rows,
            text_columns={1},
        )
    page = keyset_page_or_first(
        grades, ordering=("enterprise_id",), cursor=request.GET.get("cursor"), per_page=50
    )
    for g in page.items:
        g.finding_labels = [rules.finding_label(f) for f in g.findings]  # type: ignore[attr-defined]
    counts = selectors.grade_counts(evaluation)
    context = {
        "evaluation": evaluation,
        "page": page,
        "shown": shown,
        "query": query,
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
    year = request.GET.get("year", "")
    chosen = shown.filter(pk=int(year)).first() if year.isdigit() and len(year) < 10 else shown.first()
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
    if request.method == "POST":
        if not request.user.has_perm("compliance.manage_compliance"):
            raise PermissionDenied("compliance.manage_compliance")
        post = request.POST
        ids, unknown = selectors.enterprises_by_uscc(post.get("enterprises", ""))
        try:
            if unknown:
                raise ValidationError(
                    {"enterprises": [_("Not found: %(codes)s") % {"codes": join_words(unknown[:10])}]}
                )
            event = services.event_create(
                actor=request.user,
                kind=post.get("kind", ""),
                title=post.get("title", ""),
                held_on=dt.date.fromisoformat(post["held_on"]) if post.get("held_on") else None,
                place=post.get("place", ""),
                expert_ids=[i for i in map(record_id, post.getlist("experts")) if i is not None],
                enterprise_ids=ids,
                notes=post.get("notes", ""),
            )
        except ValueError:
            messages.error(request, _("Give a date like 2026-03-01."))
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Event recorded."))
            return redirect(event.get_absolute_url())
        return redirect(reverse("compliance:events"))
    context = {
        "events": list(selectors.event_list()[:200]),
        "experts": list(selectors.active_experts()),
        "kinds": EventKind.choices,
        "figures": selectors.event_figures(),
    }
    return render(request, "compliance/event_list.html", context)


@permission_required("compliance.view_compliance")
def event_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    event = selectors.event(pk)
    if event is None:
        raise Http404
    if request.method == "POST":
        try:
            n = services.attendance_mark(
                actor=request.user,
                event=event,
                attended=[i for i in map(record_id, request.POST.getlist("attended")) if i is not None],
            )
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Attendance recorded: %(n)d enterprises came.") % {"n": n})
        return redirect(event.get_absolute_url())
    context = {
        "event": event,
        "experts": list(event.experts.all()),
        "attendance": selectors.attendance_of(event),
        "today": timezone.localdate(),
    }
    return render(request, "compliance/event_detail.html", context)
