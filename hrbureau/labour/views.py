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
from hrbureau.core.forms import record_id
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.timeline import timeline_for
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import error_message
from hrbureau.labour import rules, sampling, scoring, selectors, services
from hrbureau.labour.choices import Answer, InspectionKind, WarningLevel
from hrbureau.labour.forms import InspectionForm, PeriodForm, PlanForm, SampleForm
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
    enterprise = selectors.enterprise_to_inspect(user=request.user, pk=enterprise_pk)
    target_id = record_id(request.GET.get("target") or request.POST.get("target") or "")
    target = selectors.plan_target(user=request.user, pk=target_id) if target_id else None
    kind = (
        request.POST.get("kind")
        or request.GET.get("kind")
        or (target.plan.kind if target is not None else InspectionKind.ROUTINE)
    )
    if kind not in InspectionKind.values:
        kind = InspectionKind.ROUTINE
    items = services.checklist_for(kind)
    form = InspectionForm(
        request.POST or None, items=items, initial={"kind": kind, "visited_on": timezone.localdate()}
    )
    error = ""
    if request.method == "POST":
        day = None
        if request.POST.get("visited_on"):
            try:
                day = dt.date.fromisoformat(request.POST["visited_on"])
            except ValueError:
                error = _("Give a date like 2026-03-01.")
        if not error:
            try:
                inspection = services.inspection_record(
                    actor=request.user,
                    enterprise=enterprise,
                    kind=kind,
                    answers=form.answers(),
                    visited_on=day,
                    workers_present=request.POST.get("workers_present", ""),
                    notes=request.POST.get("notes", ""),
                    risks=form.risks(),
                    photos=request.FILES.getlist("photos"),
                    target=target,
                )
            except ValidationError as failure:
                error = error_message(failure)
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
        "error": error,
        "answers": Answer.choices,
        "last": selectors.last_inspection(user=request.user, enterprise=enterprise),
    }
    return render(request, "labour/inspect.html", context, status=422 if error else 200)


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
    counts = selectors.warning_counts(user=request.user)
    today = timezone.localdate()
    context = {
        "computed_at": selectors.scores_computed_at(),
        "counts": [
            (value, label, counts.get(value, 0)) for value, label in WarningLevel.choices if value != "none"
        ],
        "plan_form": PlanForm(
            initial={
                "name": _("Visits from the early-warning list, %(day)s") % {"day": today.isoformat()},
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=14),
            }
        ),
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
    form = PlanForm(request.POST)
    chosen = [i for i in map(record_id, request.POST.getlist("enterprise")) if i is not None]
    if not form.is_valid() or not chosen:
        messages.error(
            request,
            _("Tick the enterprises to visit and give the plan a name and period.")
            if form.is_valid() or not chosen
            else error_message(ValidationError(form.errors)),
        )
        return redirect(reverse("labour:warnings"))
    try:
        plan = services.plan_create(
            actor=request.user,
            name=form.cleaned_data["name"],
            kind=form.cleaned_data["kind"],
            starts_on=form.cleaned_data["starts_on"],
            ends_on=form.cleaned_data["ends_on"],
            enterprise_ids=chosen,
        )
    except ValidationError as error:
        messages.error(request, error_message(error))
        return redirect(reverse("labour:warnings"))
    messages.success(request, _("Plan made: %(n)d visits.") % {"n": plan.targets.count()})
    return redirect(reverse("labour:plan", args=[plan.pk]))


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
        try:
            sample = sampling.sample_draw(
                actor=request.user,
                name=request.POST.get("name", ""),
                size=request.POST.get("size", ""),
                seed=request.POST.get("seed", ""),
                strata=request.POST.getlist("strata"),
            )
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Sample drawn: %(n)d enterprises.") % {"n": sample.size})
            return redirect(sample.get_absolute_url())
    return SAMPLES.respond(request, context={"draw_form": form})


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
