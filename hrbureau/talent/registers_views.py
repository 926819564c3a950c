"""The talent registers' pages: each record's page, the keeper's add and edit forms (one view shape for
all, the service doing the writing), progress on an action, results in a contest, the guarded deletion,
and an enterprise's own park residency on the portal. The lists are declared (``registers_lists``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.forms import apply_errors
from hrbureau.core.history import history_of
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.talent import registers
from hrbureau.talent import registers_forms as f
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    RoundResult,
    StationAssessment,
    TalentContest,
)

VIEW = "talent.view_register"
COOPERATION = "talent.view_cooperation"
MANAGE = "talent.manage_register"
FORM_TEMPLATE = "talent/registers/form.html"


def _save(
    request: HttpRequest,
    *,
    form_class: type[f.RegisterForm],
    record: models.Model,
    title: str,
    back: str,
    fixed: dict[str, Any] | None = None,
) -> HttpResponseBase:
    """Show the form for ``record`` (new or saved); on a valid post, save it through the service and go
    to its page."""
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = registers.register_save(
                actor=request.user, record=record, values={**form.values(), **(fixed or {})}
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(saved.get_absolute_url())  # type: ignore[attr-defined]
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "back": back})


def _context(request: HttpRequest, record: models.Model, **more: Any) -> dict[str, Any]:
    return {
        "record": record,
        "can_manage": request.user.has_perm(MANAGE),
        "history": history_of(record)[:20],
        "delete_kind": next(k for k, m in DELETABLE.items() if isinstance(record, m)),
        **more,
    }


# --- postdoctoral stations ------------------------------------------------------------------------------


def _station(request: HttpRequest, pk: int) -> PostdocStation:
    return get_for_user_or_404(
        PostdocStation.objects.select_related("enterprise", "street"), request.user, pk=pk
    )


@permission_required(VIEW)
def station_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    station = _station(request, pk)
    postdocs = station.postdocs.order_by("-entered_on", "id")
    return render(
        request,
        "talent/registers/station.html",
        _context(
            request,
            station,
            station=station,
            postdocs=list(postdocs),
            assessments=list(station.assessments.all()),
        ),
    )


@permission_required(MANAGE)
def station_create(request: HttpRequest) -> HttpResponseBase:
    return _save(
        request,
        form_class=f.StationForm,
        record=PostdocStation(),
        title=_("Add a postdoctoral station"),
        back="talent:stations",
    )


@permission_required(MANAGE)
def station_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    station = _station(request, pk)
    return _save(
        request, form_class=f.StationForm, record=station, title=str(station), back="talent:stations"
    )


@permission_required(MANAGE)
def postdoc_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    station = _station(request, pk)
    return _save(
        request,
        form_class=f.PostdocForm,
        record=Postdoc(station=station),
        title=_("Add a postdoc to %(station)s") % {"station": station},
        back="talent:stations",
    )


@permission_required(MANAGE)
def postdoc_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    postdoc = get_for_user_or_404(Postdoc.objects.select_related("station__enterprise"), request.user, pk=pk)
    return _save(
        request, form_class=f.PostdocForm, record=postdoc, title=str(postdoc), back="talent:postdocs"
    )


@permission_required(MANAGE)
def assessment_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    station = _station(request, pk)
    record = StationAssessment(station=station, year=timezone.localdate().year - 1)
    form = f.AssessmentForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        registers.assessment_record(actor=request.user, station=station, **form.cleaned_data)
        messages.success(request, _("Assessment recorded."))
        return redirect(station.get_absolute_url())
    title = _("Yearly assessment of %(station)s") % {"station": station}
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "back": "talent:stations"})


# --- the returned-students park -------------------------------------------------------------------------


def _residency(request: HttpRequest, pk: int) -> ParkResidency:
    return get_for_user_or_404(
        ParkResidency.objects.select_related("enterprise", "street", "founder"), request.user, pk=pk
    )


@permission_required(VIEW)
def park_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    residency = _residency(request, pk)
    return render(request, "talent/registers/park.html", _context(request, residency, residency=residency))


@permission_required(MANAGE)
def park_create(request: HttpRequest) -> HttpResponseBase:
    return _save(
        request,
        form_class=f.ParkResidencyForm,
        record=ParkResidency(),
        title=_("Add a resident enterprise"),
        back="talent:park",
    )


@permission_required(MANAGE)
def park_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    residency = _residency(request, pk)
    return _save(
        request, form_class=f.ParkResidencyForm, record=residency, title=str(residency), back="talent:park"
    )


@permission_required("talent.view_parkresidency", area="portal")
def portal_park(request: HttpRequest) -> HttpResponseBase:
    """An enterprise's own residency in the park (and nothing else of the registers)."""
    rows = (
        ParkResidency.objects.for_user(request.user)
        .select_related("enterprise")
        .order_by("-entered_on", "-id")
    )
    return render(request, "talent/registers/portal_park.html", {"residencies": list(rows[:50])})


# --- cooperation agreements -----------------------------------------------------------------------------


def _agreement(request: HttpRequest, pk: int) -> CooperationAgreement:
    return get_for_user_or_404(CooperationAgreement.objects.all(), request.user, pk=pk)


@permission_required(COOPERATION)
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement(request, pk)
    actions = list(agreement.actions.order_by("due_on", "id"))
    return render(
        request,
        "talent/registers/agreement.html",
        _context(request, agreement, agreement=agreement, actions=actions),
    )


@permission_required(MANAGE)
def agreement_create(request: HttpRequest) -> HttpResponseBase:
    return _save(
        request,
        form_class=f.AgreementForm,
        record=CooperationAgreement(),
        title=_("Add an agreement"),
        back="talent:agreements",
    )


@permission_required(MANAGE)
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement(request, pk)
    return _save(
        request, form_class=f.AgreementForm, record=agreement, title=str(agreement), back="talent:agreements"
    )


@permission_required(MANAGE)
def action_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    agreement = _agreement(request, pk)
    return _save(
        request,
        form_class=f.ActionForm,
        record=AgreementAction(agreement=agreement),
        title=_("Add an action to %(agreement)s") % {"agreement": agreement},
        back="talent:agreements",
    )


def _action(request: HttpRequest, pk: int) -> AgreementAction:
    return get_for_user_or_404(AgreementAction.objects.select_related("agreement"), request.user, pk=pk)


@permission_required(COOPERATION)
def action_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    action = _action(request, pk)
    form = f.ProgressForm(initial={"reported_on": timezone.localdate(), "percent": action.progress})
    return render(
        request,
        "talent/registers/action.html",
        _context(request, action, action=action, updates=list(action.updates.all()), progress_form=form),
    )


@permission_required(MANAGE)
def action_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    action = _action(request, pk)
    return _save(request, form_class=f.ActionForm, record=action, title=str(action), back="talent:actions")


@permission_required(MANAGE)
def action_progress(request: HttpRequest, pk: int) -> HttpResponseBase:
    action = _action(request, pk)
    form = f.ProgressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registers.action_progress_record(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Progress recorded."))
            return redirect(action.get_absolute_url())
    title = _("Progress on %(action)s") % {"action": action}
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "back": "talent:actions"})


# --- talent contests ------------------------------------------------------------------------------------


def _contest(request: HttpRequest, pk: int) -> TalentContest:
    return get_for_user_or_404(TalentContest.objects.all(), request.user, pk=pk)


@permission_required(COOPERATION)
def contest_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = _contest(request, pk)
    rounds = list(contest.rounds.all())
    entrants = list(
        ContestEntrant.objects.for_user(request.user)
        .filter(contest=contest)
        .select_related("enterprise")
        .order_by("project", "id")
    )
    results: dict[tuple[int, int], Any] = {
        (r.round_id, r.entrant_id): r for r in RoundResult.objects.filter(round__contest=contest)
    }
    table = [(entrant, [results.get((r.pk, entrant.pk)) for r in rounds]) for entrant in entrants]
    return render(
        request,
        "talent/registers/contest.html",
        _context(
            request,
            contest,
            contest=contest,
            rounds=rounds,
            table=table,
            settled=sum(e.settled for e in entrants),
        ),
    )


@permission_required(MANAGE)
def contest_create(request: HttpRequest) -> HttpResponseBase:
    return _save(
        request,
        form_class=f.ContestForm,
        record=TalentContest(),
        title=_("Add a contest"),
        back="talent:contests",
    )


@permission_required(MANAGE)
def contest_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = _contest(request, pk)
    return _save(
        request, form_class=f.ContestForm, record=contest, title=str(contest), back="talent:contests"
    )


@permission_required(MANAGE)
def round_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = _contest(request, pk)
    form = f.RoundForm(request.POST or None, instance=ContestRound(contest=contest))
    if request.method == "POST" and form.is_valid():
        try:
            registers.register_save(
                actor=request.user, record=ContestRound(contest=contest), values=form.values()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect(contest.get_absolute_url())
    title = _("Add a round to %(contest)s") % {"contest": contest}
    return render(request, FORM_TEMPLATE, {"form": form, "title": title, "back": "talent:contests"})


@permission_required(MANAGE)
def entrant_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    contest = _contest(request, pk)
    return _save(
        request,
        form_class=f.EntrantForm,
        record=ContestEntrant(contest=contest),
        title=_("Add an entrant to %(contest)s") % {"contest": contest},
        back="talent:entrants",
    )


def _entrant(request: HttpRequest, pk: int) -> ContestEntrant:
    return get_for_user_or_404(
        ContestEntrant.objects.select_related("contest", "enterprise", "street"), request.user, pk=pk
    )


@permission_required(VIEW)
def entrant_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    entrant = _entrant(request, pk)
    results = entrant.results.select_related("round").order_by("round__held_on", "id")
    return render(
        request,
        "talent/registers/entrant.html",
        _context(request, entrant, entrant=entrant, results=list(results)),
    )


@permission_required(MANAGE)
def entrant_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    entrant = _entrant(request, pk)
    return _save(
        request, form_class=f.EntrantForm, record=entrant, title=str(entrant), back="talent:entrants"
    )


# --- deletion -------------------------------------------------------------------------------------------

DELETABLE: dict[str, type[models.Model]] = {
    "station": PostdocStation,
    "postdoc": Postdoc,
    "park": ParkResidency,
    "agreement": CooperationAgreement,
    "action": AgreementAction,
    "contest": TalentContest,
    "entrant": ContestEntrant,
}
AFTER_DELETE = {
    "station": "talent:stations",
    "postdoc": "talent:postdocs",
    "park": "talent:park",
    "agreement": "talent:agreements",
    "action": "talent:actions",
    "contest": "talent:contests",
    "entrant": "talent:entrants",
}


@permission_required(MANAGE)
def register_delete(request: HttpRequest, kind: str, pk: int) -> HttpResponseBase:
    """Delete a record entered by mistake (POST only); refused, with the reason, while others depend on it."""
    model = DELETABLE.get(kind)
    if model is None:
        raise Http404
    record = get_for_user_or_404(model._default_manager.all(), request.user, pk=pk)
    if request.method != "POST":
        return redirect(record.get_absolute_url())  # type: ignore[attr-defined]
    try:
        registers.register_delete(actor=request.user, record=record)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record.get_absolute_url())  # type: ignore[attr-defined]
    messages.success(request, _("Deleted."))
    return redirect(AFTER_DELETE[kind])
