"""Recruitment's pages: plans and posts (the staff's), the plan's page with its steps, ranking and
publication, the registration's case page, the person's portal (register, their registrations, the
ticket, the score and rank once published) and the public published lists."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core import rules
from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.identifiers import mask_id_number, mask_name
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.ratelimit import PUBLIC_LOOKUP_BY_ADDRESS, address_key, client_address, hit_or_refuse
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.personnel import recruitment
from hrbureau.personnel.recruitment_choices import PublishedList, RegistrationState, TieRule
from hrbureau.personnel.recruitment_forms import PlanForm, PostForm, PublishForm, RegisterForm
from hrbureau.personnel.recruitment_lists import REGISTRATION_PAGE
from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost, Registration
from hrbureau.personnel.recruitment_rules import REGISTRANT_SUBJECT

# --- plans and posts --------------------------------------------------------------------------------


@permission_required("personnel.manage_recruitment")
def plan_create(request: HttpRequest) -> HttpResponseBase:
    return _plan_form(request, RecruitmentPlan())


@permission_required("personnel.manage_recruitment")
def plan_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _plan_form(request, get_object_or_404(RecruitmentPlan, pk=pk))


def _plan_form(request: HttpRequest, plan: RecruitmentPlan) -> HttpResponseBase:
    form = PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            saved = recruitment.plan_save(actor=request.user, plan=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("personnel:recruitment_plan", pk=saved.pk)
    title = _("Edit the plan") if plan.pk else _("New recruitment plan")
    return render(request, "personnel/recruitment/form.html", {"form": form, "title": title, "plan": plan})


def _steps(plan: RecruitmentPlan) -> dict[str, Any]:
    states = dict(plan.registrations.values_list("state").annotate(n=Count("id")).order_by())
    published = {p.kind: p for p in plan.publications.select_related("published_by")}
    scored = plan.registrations.filter(total_score__isnull=False).count()
    absent = (
        plan.registrations.filter(state=RegistrationState.QUALIFIED)
        .exclude(written_absent=False, interview_absent=False)
        .count()
    )
    return {
        "states": [(label, states.get(value, 0)) for value, label in RegistrationState.choices],
        "registered": sum(states.values()),
        "published": published,
        "scored": scored,
        "absent": absent,
        "shortlisted": plan.registrations.filter(shortlisted=True).count(),
        "window_open": recruitment.window_open(plan, timezone.localdate()),
    }


@permission_required("personnel.view_recruitment")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = get_object_or_404(RecruitmentPlan.objects.for_user(request.user), pk=pk)
    posts = plan.posts.annotate(registered=Count("registrations")).order_by("code")
    publish = [
        (kind, label, recruitment.publication_refusal(plan, kind, request.user))
        for kind, label in PublishedList.choices
    ]
    return render(
        request,
        "personnel/recruitment/plan_detail.html",
        {"plan": plan, "posts": posts, "publish": publish, "form": PublishForm(), **_steps(plan)},
    )


@permission_required("personnel.manage_recruitment")
def post_create(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    return _post_form(request, RecruitmentPost(plan=plan))


@permission_required("personnel.manage_recruitment")
def post_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _post_form(request, get_object_or_404(RecruitmentPost, pk=pk))


def _post_form(request: HttpRequest, post: RecruitmentPost) -> HttpResponseBase:
    form = PostForm(request.POST or None, instance=post)
    if request.method == "POST" and form.is_valid():
        try:
            saved = recruitment.post_save(actor=request.user, post=form.save(commit=False))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("personnel:recruitment_post", pk=saved.pk)
    return render(
        request,
        "personnel/recruitment/form.html",
        {
            "form": form,
            "title": _("Edit the post") if post.pk else _("New post"),
            "plan": post.plan,
            "rule_fields": list(rules.describe_fields(REGISTRANT_SUBJECT)),
        },
    )


@permission_required("personnel.view_recruitment")
def post_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    post = get_object_or_404(RecruitmentPost.objects.select_related("plan"), pk=pk)
    words = rules.lines(REGISTRANT_SUBJECT, _blank_trace(post.requirements)) if post.requirements else []
    return render(
        request,
        "personnel/recruitment/post_detail.html",
        {
            "post": post,
            "plan": post.plan,
            "words": rules.describe(REGISTRANT_SUBJECT, post.requirements) if post.requirements else [],
            "lines": words,
            "shortlist_size": recruitment.shortlist_size(post.plan, post),
            "ranked": _ranked(post),
        },
    )


def _blank_trace(condition: dict[str, Any]) -> dict[str, Any]:
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        return {key: [_blank_trace(c) for c in condition[key]], "met": True}
    return {**condition, "actual": None, "met": True}


def _ranked(post: RecruitmentPost) -> list[Registration]:
    return list(
        post.registrations.filter(state=RegistrationState.QUALIFIED)
        .select_related("person")
        # The ranked first (NULLS LAST on every database: SQLite puts NULL first), then the absent.
        .order_by(F("rank").asc(nulls_last=True), "-written_absent", "number")
    )


@permission_required("personnel.view_recruitment")
def plan_ranking(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Every post's candidates by rank, the shortlist marked, the tie rule written out."""
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    posts = [
        (post, recruitment.shortlist_size(plan, post), _ranked(post)) for post in plan.posts.order_by("code")
    ]
    return render(
        request,
        "personnel/recruitment/ranking.html",
        {"plan": plan, "posts": posts, "tie_rule": TieRule(plan.tie_rule).label},
    )


@require_POST
@permission_required("personnel.review_registration")
def plan_rank(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    ranked = recruitment.plan_rank(plan=plan)
    messages.success(request, _("Ranked %(count)d candidates.") % {"count": ranked})
    return redirect("personnel:recruitment_ranking", pk=plan.pk)


@require_POST
@permission_required("personnel.publish_recruitment")
def plan_publish(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    if kind not in PublishedList.values:
        raise Http404
    form = PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        recruitment.plan_publish(actor=request.user, plan=plan, kind=kind, note=note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published."))
    return redirect("personnel:recruitment_plan", pk=plan.pk)


def registration_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The registration's case page for staff (review actions from the workflow); a person goes to
    their portal page."""
    user: Any = request.user
    if user.is_authenticated and user.has_perm("core.use_portal") and not user.has_perm("core.use_workbench"):
        return redirect("personnel:recruitment_portal_registration", pk=pk)
    return REGISTRATION_PAGE.view(request, pk)


# --- the person's portal ------------------------------------------------------------------------------


@permission_required("personnel.register", area="portal")
def portal_plans(request: HttpRequest) -> HttpResponseBase:
    """The plans open for registration today, each with its posts and requirements."""
    today = timezone.localdate()
    plans = RecruitmentPlan.objects.filter(opens_on__lte=today, closes_on__gte=today).prefetch_related(
        "posts"
    )
    user: Any = request.user
    mine = set(Registration.objects.for_user(user).values_list("plan_id", flat=True))
    return render(request, "personnel/recruitment/portal_plans.html", {"plans": plans, "mine": mine})


@permission_required("personnel.register", area="portal")
def portal_register(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    refusal = None
    if user.person is None:
        refusal = _("Your account is not bound to a person: register with a personal account.")
    elif not recruitment.window_open(plan, timezone.localdate()):
        refusal = _("Registration for this plan is not open.")
    form = RegisterForm(request.POST or None, request.FILES or None, plan=plan)
    if request.method == "POST" and refusal is None and form.is_valid():
        data = form.cleaned_data
        try:
            registration = recruitment.registration_submit(
                actor=user,
                post=data["post"],
                person=user.person,
                education=data["education"],
                degree=data["degree"],
                school=data["school"],
                major=data["major"],
                professional_title=data["professional_title"],
                years_experience=data["years_experience"],
                materials=data["materials"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Registered. Your number is %(number)s.") % {"number": registration.number}
            )
            return redirect("personnel:recruitment_portal_registration", pk=registration.pk)
    return render(
        request,
        "personnel/recruitment/portal_register.html",
        {"plan": plan, "form": form, "refusal": refusal},
    )


@permission_required("personnel.view_registration", area="portal")
def portal_registrations(request: HttpRequest) -> HttpResponseBase:
    rows = Registration.objects.for_user(request.user).select_related("plan", "post")
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    return render(request, "personnel/recruitment/portal_list.html", {"page": page})


@permission_required("personnel.view_registration", area="portal")
def portal_registration(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The person's own registration: its state and the review's reason, the automatic check, the exam
    ticket once qualified, and the scores, rank and shortlist once the plan published them."""
    rows = Registration.objects.select_related("plan", "post", "person")
    registration = get_for_user_or_404(rows, request.user, pk=pk)
    published = recruitment.published(registration.plan)
    context = {
        "registration": registration,
        "unmet": recruitment.unmet_requirements(registration),
        "scores_published": PublishedList.SCORES in published,
        "shortlist_published": PublishedList.SHORTLIST in published,
        **case_panel(case=registration, user=request.user, area="portal", internal=False),
    }
    return render(request, "personnel/recruitment/portal_detail.html", context)


# --- the public lists --------------------------------------------------------------------------------


def _public_rate_limit(request: HttpRequest) -> None:
    """Counted like the other public look-ups, by the client's address (a 429 when used up)."""
    hit_or_refuse((PUBLIC_LOOKUP_BY_ADDRESS, address_key(client_address(request))))


def public_plans(request: HttpRequest) -> HttpResponseBase:
    _public_rate_limit(request)
    plans = (
        RecruitmentPlan.objects.filter(publications__isnull=False).distinct().prefetch_related("publications")
    )
    return render(request, "personnel/recruitment/public_plans.html", {"plans": plans})


def public_list(request: HttpRequest, pk: int, kind: str) -> HttpResponseBase:
    """A published list: the exam ticket, the name and ID number masked, the post, and the scores, rank
    or shortlist as the list says; nothing before its publication."""
    _public_rate_limit(request)
    plan = get_object_or_404(RecruitmentPlan, pk=pk)
    if kind not in PublishedList.values:
        raise Http404
    publication = plan.publications.filter(kind=kind).first()
    rows: list[dict[str, Any]] = []
    if publication is not None:
        found = plan.registrations.filter(state=RegistrationState.QUALIFIED).select_related("person", "post")
        if kind == PublishedList.SHORTLIST:
            found = found.filter(shortlisted=True)
        for r in found.order_by("post__code", F("rank").asc(nulls_last=True), "ticket_number"):
            rows.append(
                {
                    "ticket": r.ticket_number,
                    "name": mask_name(r.person.name),
                    "id_number": mask_id_number(r.person.id_number),
                    "post": f"{r.post.code} {r.post.unit} {r.post.title}",
                    "written": r.written_score,
                    "written_absent": r.written_absent,
                    "interview": r.interview_score,
                    "interview_absent": r.interview_absent,
                    "total": r.total_score,
                    "rank": r.rank,
                }
            )
    return render(
        request,
        "personnel/recruitment/public_list.html",
        {
            "plan": plan,
            "kind": kind,
            "kind_label": PublishedList(kind).label,
            "publication": publication,
            "rows": rows,
            "tie_rule": TieRule(plan.tie_rule).label,
        },
    )
