"""Pages of labour-risk early warning. The inspector's pages (my visits, the inspection form, a risk)
are made for a phone; the lists, the early-warning list, samples and figures for the desk. Every page
reads through the selectors (scoped) and writes through the services."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.attachments import attachments_of
from hrbureau.core.casepage import case_panel
from hrbureau.core.exports import xlsx_response
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.punctuation import join_clauses, join_words
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import TransitionError, error_message
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.selectors import EnterpriseFilters, enterprise_list
from hrbureau.labour import compliance as compliance_services
from hrbureau.labour import grading, rules, sampling, scoring, selectors, services
from hrbureau.labour.choices import Answer, InspectionKind, WarningLevel
from hrbureau.labour.forms import (
    InspectionFilterForm,
    InspectionForm,
    PeriodForm,
    PlanForm,
    RiskFilterForm,
    SampleForm,
    WarningFilterForm,
)
from hrbureau.labour.models import EnterpriseRiskScore, InspectionPlan, PlanTarget, Sample, SampleMember
from hrbureau.labour.workflows import WORKFLOW

RISK_ORDER = ("-found_on", "-id")
INSPECTION_ORDER = ("-visited_on", "-id")
WARNING_ORDER = ("-total", "enterprise_id")


def _period_query(start: dt.date | None, end: dt.date | None, prefix: str) -> str:
    parts = []
    if start:
        parts.append(f"{prefix}_from={start.isoformat()}")
    if end:
        parts.append(f"{prefix}_to={end.isoformat()}")
    return "&".join(parts)


# --- the inspector's pages --------------------------------------------------------------------------


@permission_required("labour.add_inspection")
def my_visits(request: HttpRequest) -> HttpResponseBase:
    """The grid worker's day: planned visits not yet made, survey tasks, and any enterprise in reach."""
    query = request.GET.get("q", "").strip()[:100]
    found = []
    if query:
        found = list(
            enterprise_list(user=request.user, filters=EnterpriseFilters(q=query)).order_by("name", "id")[:20]
        )
    context = {
        "targets": list(selectors.my_visits(user=request.user)[:100]),
        "tasks": list(selectors.my_survey_tasks(user=request.user).filter(state="pending")[:100])
        if request.user.has_perm("labour.survey_sample")
        else [],
        "query": query,
        "found": found,
    }
    return render(request, "labour/my_visits.html", context)


@permission_required("labour.add_inspection")
def inspect(request: HttpRequest, enterprise_pk: int) -> HttpResponseBase:
    enterprise = get_for_user_or_404(Enterprise.objects.all(), request.user, pk=enterprise_pk)
    target = None
    target_id = request.GET.get("target") or request.POST.get("target") or ""
    if target_id.isdigit() and len(target_id) < 19:
        target = PlanTarget.objects.for_user(request.user).filter(pk=int(target_id)).first()
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
        "last": selectors.inspection_list(
            user=request.user, filters=selectors.InspectionFilters(enterprise=enterprise.pk)
        ).first(),
    }
    return render(request, "labour/inspect.html", context, status=422 if error else 200)


# --- inspections ------------------------------------------------------------------------------------


INSPECTION_COLUMNS = [
    gettext_lazy("Visited on"),
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Street"),
    gettext_lazy("Grid"),
    gettext_lazy("Kind"),
    gettext_lazy("Inspector"),
    gettext_lazy("Risks found"),
]


@permission_required("labour.view_inspection")
def inspection_list(request: HttpRequest) -> HttpResponseBase:
    form = InspectionFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.InspectionFilters()
    inspections = selectors.inspection_list(
        user=request.user, filters=filters or selectors.InspectionFilters()
    )
    if filters is None:
        inspections = inspections.none()
    inspections = inspections.select_related("enterprise", "street", "grid", "inspector")
    if request.GET.get("export") == "xlsx" and filters is not None:
        rows = (
            (
                i.visited_on,
                i.enterprise.name,
                i.enterprise.uscc,
                i.street.name if i.street else "",
                i.grid.name if i.grid else "",
                i.get_kind_display(),
                i.inspector.get_full_name(),
                i.risks_found,
            )
            for i in inspections.order_by(*INSPECTION_ORDER).iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_risk",
            filename="inspections",
            columns=[str(c) for c in INSPECTION_COLUMNS],
            rows=rows,
            text_columns={2},
        )
    page = keyset_page_or_first(
        inspections, ordering=INSPECTION_ORDER, cursor=request.GET.get("cursor"), per_page=20
    )
    return render(
        request,
        "labour/inspection_list.html",
        {"form": form, "page": page, "query_string": request.GET.urlencode()},
    )


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


RISK_COLUMNS = [
    gettext_lazy("Number"),
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Street"),
    gettext_lazy("Type"),
    gettext_lazy("Severity"),
    gettext_lazy("Workers affected"),
    gettext_lazy("Amount in arrears"),
    gettext_lazy("State"),
    gettext_lazy("Found on"),
    gettext_lazy("Assigned unit"),
    gettext_lazy("Due"),
    gettext_lazy("Resolved on"),
    gettext_lazy("Verified on"),
]


@permission_required("labour.view_risk")
def risk_list(request: HttpRequest) -> HttpResponseBase:
    form = RiskFilterForm(request.GET or None)
    filters = form.filters() if request.GET else selectors.RiskFilters()
    risks = selectors.risk_list(user=request.user, filters=filters or selectors.RiskFilters())
    if filters is None:
        risks = risks.none()
    risks = risks.select_related("enterprise", "street", "assigned_unit")
    if request.GET.get("export") == "xlsx" and filters is not None:
        rows = (
            (
                r.number,
                r.enterprise.name,
                r.enterprise.uscc,
                r.street.name if r.street else "",
                r.get_risk_type_display(),
                r.get_severity_display(),
                r.workers_affected,
                r.arrears_amount,
                r.get_state_display(),
                r.found_on,
                r.assigned_unit.name if r.assigned_unit else "",
                r.due_on,
                r.resolved_on,
                r.verified_on,
            )
            for r in risks.order_by(*RISK_ORDER).iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_risk",
            filename="labour-risks",
            columns=[str(c) for c in RISK_COLUMNS],
            rows=rows,
            text_columns={0, 2},
        )
    page = keyset_page_or_first(risks, ordering=RISK_ORDER, cursor=request.GET.get("cursor"), per_page=20)
    context = {
        "form": form,
        "page": page,
        "query_string": request.GET.urlencode(),
        "today": timezone.localdate(),
    }
    return render(request, "labour/risk_list.html", context)


@permission_required("labour.view_risk")
def risk_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    risk = selectors.risk_detail(user=request.user, pk=pk)
    recent_visit_record(user=request.user, target=risk, label=str(risk), url=request.path)
    context = {
        "risk": risk,
        "actions": WORKFLOW.available(risk, request.user, area="workbench"),
        "units": OrgUnit.objects.filter(
            kind__in=[OrgUnitKind.STREET, OrgUnitKind.DEPARTMENT], is_active=True
        ).order_by("kind", "name"),
        "escalation": rules.escalation_lines(risk.escalation_trace),
        "related": _related(request.user, risk),
        "today": timezone.localdate(),
        **case_panel(case=risk, user=request.user),
    }
    return render(request, "labour/risk_detail.html", context)


def _related(user: Any, risk: Any) -> dict[str, list[Any]]:
    """Disputes and work orders about the same enterprise, as far as the user may see them."""
    related: dict[str, list[Any]] = {"risks": [], "disputes": [], "work_orders": []}
    related["risks"] = list(
        selectors.risk_list(user=user, filters=selectors.RiskFilters(enterprise=risk.enterprise_id))
        .exclude(pk=risk.pk)
        .order_by(*RISK_ORDER)[:10]
    )
    if user.has_perm("arbitration.view_dispute"):
        from hrbureau.arbitration.models import Dispute

        related["disputes"] = list(
            Dispute.objects.for_user(user)
            .filter(parties__enterprise_id=risk.enterprise_id)
            .distinct()
            .order_by("-filed_on", "-id")[:10]
        )
    if user.has_perm("petitions.view_workorder"):
        from hrbureau.petitions.models import WorkOrder

        related["work_orders"] = list(
            WorkOrder.objects.for_user(user)
            .filter(enterprise_id=risk.enterprise_id)
            .order_by("-received_at")[:10]
        )
    return related


@require_POST
@permission_required("labour.view_risk")
def risk_act(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    risk = selectors.risk_detail(user=request.user, pk=pk)
    post = request.POST
    actor = request.user
    try:
        on = dt.date.fromisoformat(post["on"]) if post.get("on") else None
    except ValueError:
        messages.error(request, _("Give a date like 2026-03-01."))
        return redirect(risk.get_absolute_url())
    reason = post.get("reason", "")
    try:
        if action == "assign":
            unit_id = post.get("unit", "")
            unit = (
                OrgUnit.objects.filter(pk=int(unit_id)).first()
                if unit_id.isdigit() and len(unit_id) < 19
                else None
            )
            services.risk_assign(actor=actor, risk=risk, unit=unit, on=on)
        elif action == "take_up":
            services.risk_take_up(actor=actor, risk=risk, on=on)
        elif action == "resolve":
            services.risk_resolve(actor=actor, risk=risk, resolution=reason, on=on)
        elif action == "verify":
            services.risk_verify(actor=actor, risk=risk, on=on)
        elif action == "reject":
            services.risk_reject(actor=actor, risk=risk, reason=reason, on=on)
        elif action == "escalate":
            services.risk_escalate(actor=actor, risk=risk, reason=reason, on=on)
        else:
            raise Http404
    except (TransitionError, ValidationError) as error:
        messages.error(request, error_message(error))
    else:
        risk.refresh_from_db()
        messages.success(
            request, _("Done: the risk is now “%(state)s”.") % {"state": risk.get_state_display()}
        )
    return redirect(risk.get_absolute_url())


# --- early warning ------------------------------------------------------------------------------------


WARNING_COLUMNS = [
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Street"),
    gettext_lazy("Grid"),
    gettext_lazy("Level"),
    gettext_lazy("Score"),
    *[label for _key, label in scoring.K.choices],
    gettext_lazy("Computed at"),
]


@permission_required("labour.view_enterpriseriskscore")
def warning_list(request: HttpRequest) -> HttpResponseBase:
    form = WarningFilterForm(request.GET or None)
    level, street = "", None
    if form.is_bound and form.is_valid():
        level, street = form.cleaned_data.get("level") or "", form.cleaned_data.get("street")
    scores = selectors.warning_list(user=request.user, level=level, street=street).select_related(
        "enterprise", "street", "grid"
    )
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                s.enterprise.name,
                s.enterprise.uscc,
                s.street.name if s.street else "",
                s.grid.name if s.grid else "",
                s.get_level_display(),
                s.total,
                *[points for _label, _value, points in s.components()],
                timezone.localtime(s.computed_at).replace(tzinfo=None),
            )
            for s in scores.order_by(*WARNING_ORDER).iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_risk",
            filename="early-warning",
            columns=[str(c) for c in WARNING_COLUMNS],
            rows=rows,
            text_columns={1},
        )
    page = keyset_page_or_first(scores, ordering=WARNING_ORDER, cursor=request.GET.get("cursor"), per_page=20)
    for score in page.items:  # the components that scored, "期内欠薪隐患 10"
        score.scored = [f"{label} {points}" for label, _value, points in score.components() if points]  # type: ignore[attr-defined]
    last = EnterpriseRiskScore.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()
    counts = dict(
        selectors.warning_list(user=request.user).order_by().values_list("level").annotate(n=Count("pk"))
    )
    context = {
        "form": form,
        "page": page,
        "query_string": request.GET.urlencode(),
        "computed_at": last,
        "counts": [
            (value, label, counts.get(value, 0)) for value, label in WarningLevel.choices if value != "none"
        ],
        "plan_form": PlanForm(
            initial={
                "name": _("Visits from the early-warning list, %(day)s")
                % {"day": timezone.localdate().isoformat()},
                "starts_on": timezone.localdate(),
                "ends_on": timezone.localdate() + dt.timedelta(days=14),
            }
        ),
    }
    return render(request, "labour/warning_list.html", context)


@require_POST
@permission_required("labour.compute_scores")
def warning_recompute(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.labour.tasks import compute_scores_task

    compute_scores_task.enqueue()
    messages.info(request, _("The scores are being recomputed in the background; reload in a moment."))
    return redirect(reverse("labour:warnings"))


@permission_required("labour.view_enterpriseriskscore")
def score_detail(request: HttpRequest, enterprise_pk: int) -> HttpResponseBase:
    score = get_for_user_or_404(
        EnterpriseRiskScore.objects.select_related("enterprise", "street", "grid"),
        request.user,
        enterprise_id=enterprise_pk,
    )
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
    chosen = [v for v in request.POST.getlist("enterprise") if v.isdigit() and len(v) < 19]
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
            enterprise_ids=[int(v) for v in chosen],
        )
    except ValidationError as error:
        messages.error(request, error_message(error))
        return redirect(reverse("labour:warnings"))
    messages.success(request, _("Plan made: %(n)d visits.") % {"n": plan.targets.count()})
    return redirect(reverse("labour:plan", args=[plan.pk]))


@permission_required("labour.view_plantarget")
def plan_list(request: HttpRequest) -> HttpResponseBase:
    plans = InspectionPlan.objects.all()
    visible = PlanTarget.objects.for_user(request.user)
    rows = (
        plans.filter(pk__in=visible.values("plan_id"))
        .annotate(
            planned=Count("targets", filter=Q(targets__in=visible)),
            done=Count("targets", filter=Q(targets__in=visible, targets__inspection__isnull=False)),
        )
        .order_by("-starts_on", "-id")[:200]
    )
    return render(request, "labour/plan_list.html", {"plans": list(rows)})


@permission_required("labour.view_plantarget")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    targets = PlanTarget.objects.for_user(request.user).filter(plan_id=pk)
    plan = InspectionPlan.objects.filter(pk=pk).first()
    if plan is None:
        raise Http404
    if not targets.exists() and not request.user.has_perm("labour.plan_inspection"):
        raise PermissionDenied("plan outside the user's scope")
    context = {
        "plan": plan,
        "targets": list(
            targets.select_related("enterprise", "grid", "inspection", "inspector").order_by(
                "grid__name", "id"
            )
        ),
    }
    return render(request, "labour/plan_detail.html", context)


# --- samples --------------------------------------------------------------------------------------------


@permission_required("labour.survey_sample")
def sample_list(request: HttpRequest) -> HttpResponseBase:
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
    visible = SampleMember.objects.for_user(request.user)
    samples = Sample.objects.filter(pk__in=visible.values("sample_id")).order_by("-created_at", "-id")[:200]
    if request.user.has_perm("labour.plan_inspection"):
        samples = Sample.objects.order_by("-created_at", "-id")[:200]
    return render(request, "labour/sample_list.html", {"form": form, "samples": list(samples)})


SAMPLE_COLUMNS = [
    gettext_lazy("Stratum"),
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Street"),
    gettext_lazy("Grid"),
    gettext_lazy("State"),
    gettext_lazy("Surveyed on"),
    gettext_lazy("Note"),
]


@permission_required("labour.survey_sample")
def sample_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    sample = Sample.objects.filter(pk=pk).first()
    if sample is None:
        raise Http404
    members = SampleMember.objects.for_user(request.user).filter(sample=sample)
    planner = request.user.has_perm("labour.plan_inspection")
    if not planner and not members.exists():
        raise PermissionDenied("sample outside the user's scope")
    members = members.select_related("enterprise", "street", "grid").order_by("stratum", "id")
    labels = _stratum_labels(sample)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                labels.get(m.stratum, m.stratum),
                m.enterprise.name,
                m.enterprise.uscc,
                m.street.name if m.street else "",
                m.grid.name if m.grid else "",
                m.get_state_display(),
                m.surveyed_on,
                m.note,
            )
            for m in members.iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_sample",
            filename=f"sample-{sample.pk}",
            columns=[str(c) for c in SAMPLE_COLUMNS],
            rows=rows,
            text_columns={2},
        )
    check = sampling.redraw(sample) if planner and request.GET.get("verify") else None
    shown = list(members[:1000])
    for member in shown:
        member.stratum_label = labels.get(member.stratum, member.stratum)  # type: ignore[attr-defined]
    context = {
        "sample": sample,
        "members": shown,
        "allocation": [(labels.get(s, s), n) for s, n in sample.allocation.items()],
        "check": check,
        "planner": planner,
        "labels": labels,
    }
    return render(request, "labour/sample_detail.html", context)


def _stratum_labels(sample: Sample) -> dict[str, str]:
    """Readable names of the sample's strata ("东湖街道 · 小型")."""
    from hrbureau.enterprises.choices import IndustrySection, SizeClass

    units = dict(OrgUnit.objects.filter(kind=OrgUnitKind.STREET).values_list("pk", "name"))
    named = {
        "street": lambda v: units.get(int(v), v) if v.isdigit() else _("(not recorded)"),
        "industry_section": lambda v: (
            str(IndustrySection(v).label) if v in IndustrySection.values else _("(not recorded)")
        ),
        "size_class": lambda v: str(SizeClass(v).label) if v in SizeClass.values else _("(not recorded)"),
    }
    labels = {}
    for stratum in sample.allocation:
        parts = []
        for part in stratum.split("|"):
            name, _eq, value = part.partition("=")
            parts.append(str(named[name](value)) if name in named else value)
        labels[stratum] = " · ".join(parts) or _("(all)")
    return labels


@require_POST
@permission_required("labour.survey_sample")
def survey_record(request: HttpRequest, pk: int) -> HttpResponseBase:
    member = get_for_user_or_404(SampleMember.objects.select_related("sample"), request.user, pk=pk)
    try:
        sampling.survey_record(
            actor=request.user,
            member=member,
            state=request.POST.get("state", ""),
            note=request.POST.get("note", ""),
        )
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Survey visit recorded."))
    visits = reverse("labour:visits")
    return redirect(visits if request.POST.get("next") == visits else member.sample.get_absolute_url())


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


# --- honest employers -----------------------------------------------------------------------------------


RECORD_COLUMNS = [
    gettext_lazy("Date"),
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Kind"),
    gettext_lazy("Decision number"),
    gettext_lazy("Description"),
]


@permission_required("labour.view_evaluation")
def record_list(request: HttpRequest) -> HttpResponseBase:
    """The register of penalties and incidents the grades are evaluated from, and the form to add one."""
    from hrbureau.core.identifiers import normalize_uscc
    from hrbureau.labour.choices import RecordKind
    from hrbureau.labour.models import LabourRecord

    if request.method == "POST":
        if not request.user.has_perm("labour.add_labourrecord"):
            raise PermissionDenied("labour.add_labourrecord")
        post = request.POST
        try:
            enterprise = None
            try:
                enterprise = Enterprise.objects.filter(uscc=normalize_uscc(post.get("uscc", ""))).first()
            except ValidationError:
                enterprise = None
            day = dt.date.fromisoformat(post["occurred_on"]) if post.get("occurred_on") else None
            grading.record_add(
                actor=request.user,
                enterprise=enterprise,
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
        return redirect(reverse("labour:records"))
    records = LabourRecord.objects.select_related("enterprise").order_by("-occurred_on", "-id")
    year = request.GET.get("year", "")
    if year.isdigit() and len(year) == 4:
        records = records.filter(occurred_on__year=int(year))
    query = request.GET.get("q", "").strip()[:100]
    if query:
        records = records.filter(Q(enterprise__name__contains=query) | Q(enterprise__uscc=query.upper()))
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
            permission="labour.export_evaluation",
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
    return render(request, "labour/record_list.html", context)


@permission_required("labour.view_evaluation")
def evaluation_list(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.labour.models import Evaluation

    if request.method == "POST":
        try:
            evaluation = grading.evaluation_run(actor=request.user, year=request.POST.get("year", ""))
        except ValidationError as error:
            messages.error(request, error_message(error))
            return redirect(reverse("labour:evaluations"))
        messages.success(request, _("The %(year)d record is graded.") % {"year": evaluation.year})
        return redirect(evaluation.get_absolute_url())
    evaluations = Evaluation.objects.annotate(
        a=Count("grades", filter=Q(grades__grade="A")),
        b=Count("grades", filter=Q(grades__grade="B")),
        c=Count("grades", filter=Q(grades__grade="C")),
        listed=Count("grades", filter=Q(grades__candidate=True, grades__withdrawn=False)),
    ).order_by("-year")
    context = {"evaluations": list(evaluations), "last_year": timezone.localdate().year - 1}
    return render(request, "labour/evaluation_list.html", context)


GRADE_COLUMNS = [
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Grade"),
    gettext_lazy("Penalties"),
    gettext_lazy("Grade C findings"),
    gettext_lazy("On the list"),
]


@permission_required("labour.view_evaluation")
def evaluation_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    from hrbureau.labour.choices import Grade
    from hrbureau.labour.models import EmployerGrade, Evaluation, LabourRecord, Objection

    evaluation = Evaluation.objects.filter(pk=pk).first()
    if evaluation is None:
        raise Http404
    grades = EmployerGrade.objects.filter(evaluation=evaluation).select_related("enterprise")
    shown = request.GET.get("grade", "list")
    if shown in Grade.values:
        grades = grades.filter(grade=shown)
    else:
        shown = "list"
        grades = grades.filter(candidate=True)
    query = selectors.search_text(request.GET.get("q", ""))
    grades = selectors.grades_matching(grades, query)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                g.enterprise.name,
                g.enterprise.uscc,
                g.grade,
                g.penalties,
                join_clauses(grading.finding_label(f) for f in g.findings),
                _("yes") if g.candidate and not g.withdrawn else _("no"),
            )
            for g in grades.order_by("enterprise_id").iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_evaluation",
            filename=f"employer-grades-{evaluation.year}-{shown}",
            columns=[str(c) for c in GRADE_COLUMNS],
            rows=rows,
            text_columns={1},
        )
    page = keyset_page_or_first(
        grades, ordering=("enterprise_id",), cursor=request.GET.get("cursor"), per_page=50
    )
    for g in page.items:
        g.finding_labels = [grading.finding_label(f) for f in g.findings]  # type: ignore[attr-defined]
    counts = dict(
        EmployerGrade.objects.filter(evaluation=evaluation)
        .order_by()
        .values_list("grade")
        .annotate(n=Count("pk"))
    )
    context = {
        "evaluation": evaluation,
        "page": page,
        "shown": shown,
        "query": query,
        "counts": [(value, label, counts.get(value, 0)) for value, label in Grade.choices],
        "listed": grading.honest_list(evaluation).count(),
        "objections": list(
            Objection.objects.filter(grade__evaluation=evaluation)
            .select_related("grade__enterprise")
            .order_by("decision", "-received_on")
        ),
        "late_records": LabourRecord.objects.filter(
            occurred_on__year=evaluation.year, created_at__gt=evaluation.updated_at
        ).count()
        if evaluation.state == "draft"
        else 0,
        "can_evaluate": request.user.has_perm("labour.evaluate_employers"),
        "today": timezone.localdate(),
    }
    return render(request, "labour/evaluation_detail.html", context)


@require_POST
@permission_required("labour.evaluate_employers")
def evaluation_act(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    from hrbureau.labour.models import EmployerGrade, Evaluation, Objection

    evaluation = Evaluation.objects.filter(pk=pk).first()
    if evaluation is None:
        raise Http404
    post = request.POST

    def day(name: str) -> dt.date | None:
        value = post.get(name, "")
        return dt.date.fromisoformat(value) if value else None

    try:
        if action == "notice":
            grading.notice_start(
                actor=request.user,
                evaluation=evaluation,
                notice_from=day("notice_from"),
                notice_to=day("notice_to"),
            )
            messages.success(request, _("The list is on public notice."))
        elif action == "publish":
            grading.publish(actor=request.user, evaluation=evaluation)
            messages.success(request, _("The list is published."))
        elif action == "object":
            grade_id = post.get("grade", "")
            grade = (
                EmployerGrade.objects.filter(evaluation=evaluation, pk=int(grade_id)).first()
                if grade_id.isdigit() and len(grade_id) < 19
                else None
            )
            if grade is None:
                raise ValidationError({"grade": [_("Choose the name the objection is about.")]})
            grading.objection_record(
                actor=request.user,
                grade=grade,
                raised_by=post.get("raised_by", ""),
                contact=post.get("contact", ""),
                content=post.get("content", ""),
                received_on=day("received_on"),
            )
            messages.success(request, _("Objection recorded."))
        elif action == "decide":
            objection_id = post.get("objection", "")
            objection = (
                Objection.objects.filter(grade__evaluation=evaluation, pk=int(objection_id)).first()
                if objection_id.isdigit() and len(objection_id) < 19
                else None
            )
            if objection is None:
                raise Http404
            grading.objection_decide(
                actor=request.user,
                objection=objection,
                upheld=post.get("upheld") == "yes",
                reply=post.get("reply", ""),
            )
            messages.success(request, _("Objection decided."))
        else:
            raise Http404
    except ValueError:
        messages.error(request, _("Give a date like 2026-03-01."))
    except ValidationError as error:
        messages.error(request, error_message(error))
    return redirect(evaluation.get_absolute_url())


HONEST_ORDER = ("enterprise__name", "enterprise_id")  # one grade per enterprise and evaluation


def honest_employers(request: HttpRequest) -> HttpResponseBase:
    """The public page: lists on notice (with how to object) and published lists. Open to anyone."""
    from hrbureau.labour.choices import EvaluationState
    from hrbureau.labour.models import Evaluation

    shown = Evaluation.objects.exclude(state=EvaluationState.DRAFT).order_by("-year")
    chosen = (
        shown.filter(pk=int(request.GET["year"])).first()
        if request.GET.get("year", "").isdigit() and len(request.GET["year"]) < 10
        else shown.first()
    )
    query = selectors.search_text(request.GET.get("q", ""))
    page, listed, found = None, 0, 0
    if chosen is not None:
        names = grading.honest_list(chosen)
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
    return render(request, "labour/honest_employers.html", context)


# --- compliance and the HR-service market ------------------------------------------------------------------


def _enterprises_by_uscc(text: str) -> tuple[list[int], list[str]]:
    """Enterprise ids for the USCCs typed one per line, and the lines that matched none."""
    from hrbureau.core.identifiers import normalize_uscc

    ids, unknown = [], []
    for line in (t.strip() for t in text.splitlines()):
        if not line:
            continue
        try:
            found = Enterprise.objects.filter(uscc=normalize_uscc(line)).values_list("pk", flat=True).first()
        except ValidationError:
            found = None
        if found is None:
            unknown.append(line)
        else:
            ids.append(found)
    return ids, unknown


@permission_required("labour.view_compliance")
def compliance(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.labour.choices import EventKind
    from hrbureau.labour.models import ComplianceEvent, LegalExpert

    if request.method == "POST":
        post = request.POST
        ids, unknown = _enterprises_by_uscc(post.get("enterprises", ""))
        try:
            if unknown:
                raise ValidationError(
                    {"enterprises": [_("Not found: %(codes)s") % {"codes": join_words(unknown[:10])}]}
                )
            event = compliance_services.event_create(
                actor=request.user,
                kind=post.get("kind", ""),
                title=post.get("title", ""),
                held_on=dt.date.fromisoformat(post["held_on"]) if post.get("held_on") else None,
                place=post.get("place", ""),
                expert_ids=[int(v) for v in post.getlist("experts") if v.isdigit() and len(v) < 19],
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
        return redirect(reverse("labour:compliance"))
    events = ComplianceEvent.objects.annotate(
        invited=Count("attendance"), came=Count("attendance", filter=Q(attendance__attended=True))
    ).order_by("-held_on", "-id")
    totals = events.aggregate(n=Count("id", distinct=True))
    invited = sum(e.invited for e in events)
    came = sum(e.came for e in events)
    context = {
        "events": list(events[:200]),
        "experts": list(LegalExpert.objects.filter(active=True)),
        "kinds": EventKind.choices,
        "figures": {
            "events": totals["n"],
            "invited": invited,
            "came": came,
            "rate": round(100 * came / invited, 1) if invited else None,
        },
    }
    return render(request, "labour/compliance.html", context)


@permission_required("labour.view_compliance")
def event_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    from hrbureau.labour.models import ComplianceEvent

    event = ComplianceEvent.objects.filter(pk=pk).first()
    if event is None:
        raise Http404
    if request.method == "POST":
        try:
            n = compliance_services.attendance_mark(
                actor=request.user,
                event=event,
                attended=[int(v) for v in request.POST.getlist("attended") if v.isdigit() and len(v) < 19],
            )
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Attendance recorded: %(n)d enterprises came.") % {"n": n})
        return redirect(event.get_absolute_url())
    context = {
        "event": event,
        "experts": list(event.experts.all()),
        "attendance": list(event.attendance.select_related("enterprise").order_by("enterprise__name")),
        "today": timezone.localdate(),
    }
    return render(request, "labour/event_detail.html", context)


AGENCY_COLUMNS = [
    gettext_lazy("Enterprise"),
    gettext_lazy("USCC"),
    gettext_lazy("Licence number"),
    gettext_lazy("Licence"),
    gettext_lazy("Licensed on"),
    gettext_lazy("Valid until"),
    gettext_lazy("Status"),
    gettext_lazy("Enforcement actions"),
]


@permission_required("labour.view_agency")
def agency_list(request: HttpRequest) -> HttpResponseBase:
    from hrbureau.core.identifiers import normalize_uscc
    from hrbureau.labour.choices import LicenceKind
    from hrbureau.labour.models import HRAgency

    if request.method == "POST":
        post = request.POST
        try:
            try:
                enterprise = Enterprise.objects.filter(uscc=normalize_uscc(post.get("uscc", ""))).first()
            except ValidationError:
                enterprise = None
            agency = compliance_services.agency_register(
                actor=request.user,
                enterprise=enterprise,
                licence_no=post.get("licence_no", ""),
                licence_kind=post.get("licence_kind", ""),
                licensed_on=dt.date.fromisoformat(post["licensed_on"]) if post.get("licensed_on") else None,
                valid_until=dt.date.fromisoformat(post["valid_until"]) if post.get("valid_until") else None,
            )
        except ValueError:
            messages.error(request, _("Give a date like 2026-03-01."))
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Agency registered."))
            return redirect(agency.get_absolute_url())
        return redirect(reverse("labour:agencies"))
    agencies = HRAgency.objects.select_related("enterprise").annotate(actions_count=Count("actions"))
    status = request.GET.get("status", "")
    if status in ("licensed", "suspended", "revoked"):
        agencies = agencies.filter(status=status)
    if request.GET.get("expired"):
        agencies = agencies.filter(valid_until__lt=timezone.localdate(), status="licensed")
    agencies = agencies.order_by("enterprise__name", "id")
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                a.enterprise.name,
                a.enterprise.uscc,
                a.licence_no,
                a.get_licence_kind_display(),
                a.licensed_on,
                a.valid_until,
                a.get_status_display(),
                a.actions_count,
            )
            for a in agencies.iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="labour.export_agency",
            filename="hr-agencies",
            columns=[str(c) for c in AGENCY_COLUMNS],
            rows=rows,
            text_columns={1, 2},
        )
    context = {
        "agencies": list(agencies[:500]),
        "kinds": LicenceKind.choices,
        "today": timezone.localdate(),
        "query_string": request.GET.urlencode(),
    }
    return render(request, "labour/agency_list.html", context)


@permission_required("labour.view_agency")
def agency_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    from hrbureau.labour.choices import ActionKind
    from hrbureau.labour.models import HRAgency

    agency = HRAgency.objects.select_related("enterprise").filter(pk=pk).first()
    if agency is None:
        raise Http404
    if request.method == "POST":
        post = request.POST
        try:
            compliance_services.enforcement_record(
                actor=request.user,
                agency=agency,
                kind=post.get("kind", ""),
                taken_on=dt.date.fromisoformat(post["taken_on"]) if post.get("taken_on") else None,
                description=post.get("description", ""),
                decision_no=post.get("decision_no", ""),
                amount=post.get("amount", ""),
            )
        except ValueError:
            messages.error(request, _("Give a date like 2026-03-01."))
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Action recorded."))
        return redirect(agency.get_absolute_url())
    context = {
        "agency": agency,
        "actions": list(agency.actions.select_related("recorded_by")),
        "kinds": ActionKind.choices,
        "today": timezone.localdate(),
    }
    return render(request, "labour/agency_detail.html", context)
