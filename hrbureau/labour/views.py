"""Pages of labour-risk early warning. The inspector's pages (my visits, the inspection form, a risk)
are made for a phone; the lists, the early-warning list, samples and figures for the desk. Every page
reads through the selectors (scoped) and writes through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.actions import offers
from hrbureau.core.attachments import attachments_of
from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.forms import apply_errors
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.labour import rules, sampling, scoring, selectors, services
from hrbureau.labour.choices import Answer, InspectionKind, WarningLevel
from hrbureau.labour.forms import InspectionForm, PeriodForm, PlanForm, SampleForm, VisitForm
from hrbureau.labour.lists import SAMPLE_MEMBERS, SAMPLES, WARNINGS


def _period_query(start: dt.date | None, end: dt.date | None, prefix: str) -> str:
    parts = []
    if start:
        parts.append(f"{prefix}_from={start.isoformat()}")
    if end:
        parts.append(f"{prefix}_to={end.isoformat()}")
    return "&".join(parts)


def _with_offers(tasks: Any, user: Any) -> list[Any]:
    """Survey tasks, each with the actions ``user`` may take on it now (``core.actions``)."""
    shown = list(tasks)
    for task in shown:
        task.offers = offers(task, user)
    return shown


# --- the inspector's pages --------------------------------------------------------------------------


@permission_required("labour.add_inspection")
def my_visits(request: HttpRequest) -> HttpResponseBase:
    """The grid worker's day: planned visits not yet made, survey tasks, and any enterprise in reach."""
    query = request.GET.get("q", "").strip()[:100]
    found = selectors.enterprises_to_visit(user=request.user, query=query)
    context = {
        "targets": list(selectors.my_visits(user=request.user)[:100]),
        "tasks": _with_offers(selectors.my_survey_tasks(user=request.user), request.user),
        "query": query,
        "found": found,
    }
    return render(request, "labour/my_visits.html", context)


@permission_required("labour.add_inspection")
def inspect(request: HttpRequest, enterprise_pk: int) -> HttpResponseBase:
    """The inspection form: its checklist is the kind's (the link's, the planned visit's, else routine);
    every problem — a bad answer, a day to come, a planned visit the user may not see, what the service
    refuses — shown inside the form, with nothing written."""
    enterprise = selectors.enterprise_to_inspect(user=request.user, pk=enterprise_pk)
    posted = request.method == "POST"
    kind, target = VisitForm(request.POST if posted else request.GET, user=request.user).chosen()
    items = services.checklist_for(kind)
    form = InspectionForm(
        request.POST if posted else None,
        items=items,
        user=request.user,
        initial={"kind": kind, "visited_on": timezone.localdate(), "target": target},
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_record(
                actor=request.user,
                enterprise=enterprise,
                kind=data["kind"],
                answers=form.answers(),
                visited_on=data["visited_on"],
                workers_present=data["workers_present"],
                notes=data["notes"],
                risks=form.risks(),
                photos=request.FILES.getlist("photos"),
                target=data["target"],
            )
        except ValidationError as failure:
            apply_errors(form, failure)
        else:
            messages.success(
                request,
                _("Inspection recorded: %(n)d risk(s) found.") % {"n": inspection.risks_found},
            )
            return redirect(inspection.get_absolute_url())
    context = {
        "enterprise": enterprise,
        "form": form,
        "kind": kind,
        "kinds": InspectionKind.choices,
        "target": target,
        "answers": Answer.choices,
        "last": selectors.last_inspection(user=request.user, enterprise=enterprise),
    }
    return render(request, "labour/inspect.html", context, status=422 if form.errors else 200)


# --- inspections ------------------------------------------------------------------------------------


@permission_required("labour.view_inspection")
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    inspection = selectors.inspection_detail(user=request.user, pk=pk)
    items = {item.code: item for item in services.checklist_for(InspectionKind.JOINT)}
    answers = [
        (
            items[code].display if code in items else code,
            Answer(value).label if value in Answer.values else value,
        )
        for code, value in inspection.answers.items()
    ]
    context = {
        "inspection": inspection,
        "answers": answers,
        "risks": list(inspection.risks.all()),
        "photos": attachments_of(inspection),
    }
    return render(request, "labour/inspection_detail.html", context)


# --- risks ------------------------------------------------------------------------------------------


@permission_required("labour.view_risk")
def risk_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    risk = selectors.risk_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=risk, label=str(risk), url=request.path)
    context = {
        "risk": risk,
        "escalation": rules.escalation_lines(risk.escalation_trace),
        "related": _related(request.user, risk),
        "today": timezone.localdate(),
        **case_panel(case=risk, user=request.user),
    }
    return render(request, "labour/risk_detail.html", context)


def _related(user: Any, risk: Any) -> dict[str, list[Any]]:
    """The enterprise's other risks, and what the other lines know of it (its disputes, the work orders
    about it…) from their timelines (``core.timeline``), as far as the user may see them."""
    return {
        "risks": selectors.other_risks(user=user, risk=risk),
        "elsewhere": timeline_for(
            user=user, record=risk.enterprise, exclude={"labour", "enterprises"}, limit=10
        ),
    }


# --- early warning ------------------------------------------------------------------------------------


@permission_required("labour.view_enterpriseriskscore")
def warning_list(request: HttpRequest) -> HttpResponseBase:
    """The early-warning list (``lists.WARNINGS``), with the count at each level and the plan made from
    the enterprises ticked on it."""
    today = timezone.localdate()
    form = PlanForm(
        initial={
            "name": _("Visits from the early-warning list, %(day)s") % {"day": today.isoformat()},
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=14),
        }
    )
    return _warnings_page(request, plan_form=form)


def _warnings_page(request: HttpRequest, *, plan_form: PlanForm) -> HttpResponseBase:
    counts = selectors.warning_counts(user=request.user)
    context = {
        "computed_at": selectors.scores_computed_at(),
        "counts": [
            (value, label, counts.get(value, 0)) for value, label in WarningLevel.choices if value != "none"
        ],
        "plan_form": plan_form,
    }
    return WARNINGS.respond(request, context=context)


@require_POST
@permission_required("labour.compute_scores")
def warning_recompute(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.labour.tasks import compute_scores_task

    compute_scores_task.enqueue()
    messages.info(request, _("The scores are being recomputed in the background; reload in a moment."))
    return redirect(reverse("labour:warnings"))


@permission_required("labour.view_enterpriseriskscore")
def score_detail(request: HttpRequest, enterprise_pk: int) -> HttpResponseBase:
    score = selectors.score_detail(user=request.user, enterprise_pk=enterprise_pk)
    context = {
        "score": score,
        "now": scoring.explain(score.enterprise),
        "weights": scoring.Weights.load(),
    }
    return render(request, "labour/score_detail.html", context)


@require_POST
@permission_required("labour.plan_inspection")
def plan_create(request: HttpRequest) -> HttpResponseBase:
    """A round of visits to the enterprises ticked on the early-warning list."""
    form = PlanForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan = services.plan_create(
                actor=request.user,
                name=data["name"],
                kind=data["kind"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                enterprise_ids=[e.pk for e in data["enterprise"]],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Plan made: %(n)d visits.") % {"n": plan.targets.count()})
            return redirect(reverse("labour:plan", args=[plan.pk]))
    # Refused: the early-warning list again, the plan's form with its errors and what was typed.
    response = _warnings_page(request, plan_form=form)
    response.status_code = 422
    return response


@permission_required("labour.view_plantarget")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = selectors.plan(pk)
    if plan is None:
        raise Http404
    targets = selectors.plan_targets(user=request.user, plan=plan)
    if not targets and not request.user.has_perm("labour.plan_inspection"):
        raise PermissionDenied("plan outside the user's scope")
    context = {"plan": plan, "targets": targets}
    return render(request, "labour/plan_detail.html", context)


# --- samples --------------------------------------------------------------------------------------------


@permission_required("labour.survey_sample")
def sample_list(request: HttpRequest) -> HttpResponseBase:
    """The samples (``lists.SAMPLES``), and the form a planner draws a new one with."""
    form = SampleForm(request.POST or None, initial={"seed": timezone.now().strftime("%Y%m%d%H%M")})
    if request.method == "POST":
        if not request.user.has_perm("labour.plan_inspection"):
            raise PermissionDenied("labour.plan_inspection")
        if form.is_valid():
            try:
                sample = sampling.sample_draw(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Sample drawn: %(n)d enterprises.") % {"n": sample.size})
                return redirect(sample.get_absolute_url())
    response = SAMPLES.respond(request, context={"draw_form": form})
    if form.errors:
        response.status_code = 422
    return response


@permission_required("labour.survey_sample")
def sample_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """One sample: how it was drawn and can be checked, and its survey tasks in the reader's scope
    (``lists.SAMPLE_MEMBERS``, fixed to this sample: its filters, export and actions)."""
    sample = selectors.sample(pk)
    if sample is None:
        raise Http404
    planner = request.user.has_perm("labour.plan_inspection")
    if not planner and not selectors.sample_members(user=request.user, sample=sample).exists():
        raise PermissionDenied("sample outside the user's scope")
    labels = selectors.stratum_labels(sample)
    context = {
        "sample": sample,
        "allocation": [(labels.get(s, s), n) for s, n in sample.allocation.items()],
        "check": sampling.redraw(sample) if planner and request.GET.get("verify") else None,
        "planner": planner,
    }
    return SAMPLE_MEMBERS.respond(
        request, template="labour/sample_detail.html", context=context, fixed={"sample": sample.pk}
    )


# --- statistics -----------------------------------------------------------------------------------------


@permission_required("labour.view_statistics")
def statistics(request: HttpRequest) -> HttpResponseBase:
    form = PeriodForm(request.GET or None)
    start, end = form.period()
    if not form.is_bound:
        form = PeriodForm(initial={"period_from": start, "period_to": end})
    stats = selectors.screening_statistics(user=request.user, period_from=start, period_to=end)
    if request.GET.get("export") == "xlsx":
        columns = [
            _("Street"),
            _("Enterprises screened"),
            _("Inspections"),
            _("Risks found"),
            _("Resolved"),
            _("Verified"),
            _("Open"),
            _("Escalated"),
            _("Resolution rate (%)"),
        ]
        rows = [
            (
                r.name or _("(no street)"),
                r.screened,
                r.inspections,
                r.found,
                r.resolved,
                r.verified,
                r.open,
                r.escalated,
                r.resolution_rate,
            )
            for r in [*stats.rows, stats.total]
        ]
        rows[-1] = (_("All"), *rows[-1][1:])
        return xlsx_response(
            request=request,
            permission="labour.export_risk",
            filename="screening-figures",
            columns=columns,
            rows=rows,
        )
    context = {
        "form": form,
        "stats": stats,
        "risk_period": _period_query(start, end, "found"),
        "inspection_period": _period_query(start, end, "visited"),
        "period_query": _period_query(start, end, "period"),
    }
    return render(request, "labour/statistics.html", context)
