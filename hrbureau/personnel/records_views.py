"""Pages of the personnel records beyond the declared lists and case pages: a staff member's page (the
certified record and its history, the grade history, appraisals, promotions, duty), the forms that
keep the records, an emergency plan's page with its posts and roster, and the roster's figures."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.attachments import attachments_of
from hrbureau.core.forms import apply_errors
from hrbureau.core.identifiers import mask_id_number
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.personnel import emergency, promotion, records
from hrbureau.personnel.emergency_forms import DeploymentForm, FiguresForm, PlanForm, PostForm
from hrbureau.personnel.promotion_forms import AppraisalForm, GradeForm, ProposeForm
from hrbureau.personnel.records_forms import RequestForm, StaffForm
from hrbureau.personnel.records_models import (
    CertificationRequest,
    CertifiedRecord,
    Deployment,
    EmergencyPlan,
    GradeHistory,
    PromotionDecision,
    StaffMember,
)


def staff_url(staff: StaffMember) -> str:
    return reverse("personnel:staff", args=[staff.pk])


def _staff(request: HttpRequest, pk: int) -> StaffMember:
    return get_for_user_or_404(
        StaffMember.objects.select_related("street", "grade", "person"), request.user, pk=pk
    )


@permission_required("personnel.manage_staffmember")
def staff_create(request: HttpRequest) -> HttpResponseBase:
    form = StaffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            staff = records.staff_save(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("personnel:staff", pk=staff.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("New staff record"), "cancel": reverse("personnel:staff_list")},
    )


@permission_required("personnel.view_staffmember")
def staff_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    staff = _staff(request, pk)
    user: Any = request.user
    year = timezone.localdate().year
    context = {
        "staff": staff,
        "masked_id": mask_id_number(staff.id_number),
        "records": CertifiedRecord.objects.filter(staff=staff).select_related("certified_by", "request"),
        "requests": CertificationRequest.objects.for_user(user).filter(staff=staff),
        "grades": GradeHistory.objects.filter(staff=staff).select_related("grade").order_by("-since"),
        "appraisals": staff.appraisals.all(),
        "promotions": PromotionDecision.objects.for_user(user).filter(staff=staff).select_related("to_grade"),
        "deployments": Deployment.objects.for_user(user)
        .filter(staff=staff)
        .select_related("post", "post__plan"),
        "eligibility": promotion.eligibility_of(staff, year=year),
        "year": year,
        "may_manage": user.has_perm("personnel.manage_staffmember"),
        "may_propose": user.has_perm("personnel.propose_promotion"),
        "appraisal_form": AppraisalForm(initial={"year": year - 1}),
        "grade_form": GradeForm(),
    }
    return render(request, "personnel/records/staff_detail.html", context)


@permission_required("personnel.manage_staffmember")
def staff_appraisal(request: HttpRequest, pk: int) -> HttpResponseBase:
    staff = _staff(request, pk)
    form = AppraisalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        promotion.appraisal_record(actor=request.user, staff=staff, **form.cleaned_data)
        messages.success(request, _("Saved."))
        return redirect("personnel:staff", pk=staff.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("Yearly appraisal"), "cancel": staff_url(staff)},
    )


@permission_required("personnel.manage_staffmember")
def staff_grade(request: HttpRequest, pk: int) -> HttpResponseBase:
    staff = _staff(request, pk)
    form = GradeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        promotion.grade_set(
            actor=request.user,
            staff=staff,
            grade=form.cleaned_data["grade"],
            since=form.cleaned_data["grade_since"],
        )
        messages.success(request, _("Saved."))
        return redirect("personnel:staff", pk=staff.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("Grade held"), "cancel": staff_url(staff)},
    )


@permission_required("personnel.propose_promotion")
def promotion_propose(request: HttpRequest, pk: int) -> HttpResponseBase:
    staff = _staff(request, pk)
    form = ProposeForm(request.POST or None, initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        try:
            decision = promotion.promotion_propose(
                actor=request.user, staff=staff, year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Proposed: %(number)s.") % {"number": decision.number})
            return redirect("personnel:promotion", pk=decision.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("Propose a promotion"), "cancel": staff_url(staff)},
    )


@permission_required("personnel.review_certification")
def certification_create(request: HttpRequest) -> HttpResponseBase:
    form = RequestForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        from hrbureau.core.identifiers import normalize_resident_id

        try:
            staff = StaffMember.objects.for_user(request.user).get(
                id_number=normalize_resident_id(data["id_number"])
            )
        except (StaffMember.DoesNotExist, ValidationError, ValueError):
            form.add_error(
                "id_number", _("No staff record with this ID number: keep the staff record first.")
            )
        else:
            try:
                case = records.certification_submit(
                    actor=request.user,
                    staff=staff,
                    requesting_unit=data["requesting_unit"],
                    claimed_birth_date=data["claimed_birth_date"],
                    claimed_work_start=data["claimed_work_start"],
                    claimed_party_joined=data["claimed_party_joined"],
                    education=form.education_rows(),
                    evidence=data["evidence"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Filed: %(number)s.") % {"number": case.number})
                return redirect("personnel:certification", pk=case.pk)
    return render(request, "personnel/records/certification_form.html", {"form": form})


# --- emergency duty --------------------------------------------------------------------------------


@permission_required("personnel.manage_deployment")
def plan_create(request: HttpRequest) -> HttpResponseBase:
    form = PlanForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = emergency.plan_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("personnel:plan", pk=plan.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("New emergency plan"), "files": True, "cancel": reverse("personnel:plans")},
    )


def _plan(request: HttpRequest, pk: int) -> EmergencyPlan:
    return get_for_user_or_404(EmergencyPlan.objects.all(), request.user, pk=pk)


@permission_required("personnel.view_deployment")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    user: Any = request.user
    roster = Deployment.objects.for_user(user).filter(post__plan=plan)
    first = roster.order_by("starts_on").values_list("starts_on", flat=True).first()
    figures = None
    if first is not None:
        last = max(timezone.localdate(), first)
        figures = emergency.deployment_figures(rows=roster, first=first, last=last)
    context = {
        "plan": plan,
        "files": attachments_of(plan),
        "posts": plan.posts.select_related("street"),
        "figures": figures,
        "may_manage": user.has_perm("personnel.manage_deployment"),
        "post_form": PostForm(),
        "deployment_form": DeploymentForm(plan=plan),
    }
    return render(request, "personnel/records/plan_detail.html", context)


@permission_required("personnel.manage_deployment")
def post_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    form = PostForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency.post_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("personnel:plan", pk=plan.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("New duty post"), "cancel": reverse("personnel:plan", args=[plan.pk])},
    )


@permission_required("personnel.manage_deployment")
def deployment_add(request: HttpRequest, pk: int) -> HttpResponseBase:
    plan = _plan(request, pk)
    form = DeploymentForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        staff = StaffMember.objects.for_user(request.user).filter(id_number=data["id_number"]).first()
        if staff is None:
            form.add_error(
                "id_number", _("No staff record with this ID number: keep the staff record first.")
            )
        else:
            try:
                emergency.deployment_add(
                    actor=request.user,
                    post=data["post"],
                    staff=staff,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    note=data["note"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Saved."))
                return redirect("personnel:plan", pk=plan.pk)
    return render(
        request,
        "personnel/records/form.html",
        {"form": form, "title": _("Put on the roster"), "cancel": reverse("personnel:plan", args=[plan.pk])},
    )


@permission_required("personnel.view_deployment")
def deployment_figures(request: HttpRequest) -> HttpResponseBase:
    """People deployed and person-days in a period, in all and by place (of any plan, or one)."""
    form = FiguresForm(request.GET or None)
    figures = None
    if form.is_valid():
        data = form.cleaned_data
        rows = Deployment.objects.for_user(request.user)
        if data.get("plan"):
            rows = rows.filter(post__plan=data["plan"])
        try:
            figures = emergency.deployment_figures(rows=rows, first=data["first"], last=data["last"])
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "personnel/records/figures.html", {"form": form, "figures": figures})
