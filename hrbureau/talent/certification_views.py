"""Pages of talent intake and certification: applying and following one's own on the portal, the case
pages (staff's, core's), an expert's assigned applications, the categories' configuration and the
figures of the register. The lists are declared (``talent.certification_lists``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.talent import certification as services
from hrbureau.talent.certification_forms import CategoryForm, CertificationApplyForm, IntakeApplyForm
from hrbureau.talent.certification_lists import (
    CERTIFICATION_PAGE,
    INTAKE_PAGE,
    certified_by_category_and_year,
)
from hrbureau.talent.certification_models import Certification, IntakeApplication, TalentCategory


def _portal_only(user: Any) -> bool:
    return bool(
        user.is_authenticated and user.has_perm("core.use_portal") and not user.has_perm("core.use_workbench")
    )


def _own_person(request: HttpRequest) -> Any:
    person = getattr(request.user, "person", None)
    if person is None:
        raise PermissionDenied("no person bound to the account")
    return person


# --- intake ------------------------------------------------------------------------------------------


@permission_required("talent.apply_talent", area="portal")
def intake_apply(request: HttpRequest) -> HttpResponseBase:
    person = _own_person(request)
    form = IntakeApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.intake_submit(
                actor=request.user,
                person=person,
                basis=form.cleaned_data["basis"],
                qualification=form.cleaned_data["qualification"],
                employer=services.employer_by_uscc(form.cleaned_data["employer_uscc"]),
                family_members=form.cleaned_data["family_members"],
                statement=form.cleaned_data["statement"],
                materials=form.cleaned_data["materials"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Submitted. Your application number is %(number)s.") % {"number": application.number},
            )
            return redirect("talent:portal_intake", pk=application.pk)
    return render(request, "talent/certification/intake_apply.html", {"form": form})


def intake_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The intake's case page: staff get the workbench page, the person their portal page."""
    if _portal_only(request.user):
        return redirect("talent:portal_intake", pk=pk)
    return INTAKE_PAGE.view(request, pk)


@permission_required("talent.view_intakeapplication", area="portal")
def portal_intakes(request: HttpRequest) -> HttpResponseBase:
    rows = IntakeApplication.objects.for_user(request.user)
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    return render(request, "talent/certification/portal_intakes.html", {"page": page})


@permission_required("talent.view_intakeapplication", area="portal")
def portal_intake(request: HttpRequest, pk: int) -> HttpResponseBase:
    application = get_for_user_or_404(
        IntakeApplication.objects.select_related("employer"), request.user, pk=pk
    )
    context = {
        "application": application,
        **case_panel(case=application, user=request.user, area="portal", internal=False),
    }
    return render(request, "talent/certification/portal_intake.html", context)


# --- certification -----------------------------------------------------------------------------------


@permission_required("talent.apply_talent", area="portal")
def certification_apply(request: HttpRequest) -> HttpResponseBase:
    """Apply for certification (``?renew=<id>``: renew one's certificate within its window)."""
    person = _own_person(request)
    previous = None
    renew = request.GET.get("renew") or request.POST.get("renew")
    if renew and str(renew).isdigit():
        previous = get_for_user_or_404(
            Certification.objects.select_related("category"), request.user, pk=int(renew)
        )
    initial = {"category": previous.category_id} if previous is not None else None
    form = CertificationApplyForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            certification = services.certification_submit(
                actor=request.user,
                person=person,
                category=form.cleaned_data["category"],
                employer=services.employer_by_uscc(form.cleaned_data["employer_uscc"]),
                annual_salary=form.cleaned_data["annual_salary"] or None,
                annual_tax=form.cleaned_data["annual_tax"] or None,
                statement=form.cleaned_data["statement"],
                evidence=form.evidence(),
                renewal_of=previous,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Submitted. Your application number is %(number)s.") % {"number": certification.number},
            )
            return redirect("talent:portal_certification", pk=certification.pk)
    categories = TalentCategory.objects.filter(active=True)
    return render(
        request,
        "talent/certification/certification_apply.html",
        {"form": form, "previous": previous, "categories": categories},
    )


def certification_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    if _portal_only(request.user):
        return redirect("talent:portal_certification", pk=pk)
    return CERTIFICATION_PAGE.view(request, pk)


@permission_required("talent.view_certification", area="portal")
def portal_certifications(request: HttpRequest) -> HttpResponseBase:
    rows = Certification.objects.for_user(request.user).select_related("category")
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    renewable = services.renewable(request.user)
    return render(
        request, "talent/certification/portal_certifications.html", {"page": page, "renewable": renewable}
    )


@permission_required("talent.view_certification", area="portal")
def portal_certification(request: HttpRequest, pk: int) -> HttpResponseBase:
    rows = Certification.objects.select_related("category", "employer", "renewal_of")
    certification = get_for_user_or_404(rows, request.user, pk=pk)
    context = {
        "certification": certification,
        "evidence": list(certification.evidence.select_related("attachment")),
        **case_panel(case=certification, user=request.user, area="portal", internal=False),
    }
    return render(request, "talent/certification/portal_certification.html", context)


@permission_required("talent.score_certification")
def expert_reviews(request: HttpRequest) -> HttpResponseBase:
    """The applications the signed-in expert is assigned to, the ones still to score first."""
    rows = services.assigned_to(request.user).prefetch_related("expert_reviews")
    items = []
    for certification in rows[:200]:
        mine = next((r for r in certification.expert_reviews.all() if r.expert_id == request.user.pk), None)
        items.append({"certification": certification, "review": mine})
    items.sort(key=lambda i: (i["review"] is None or i["review"].score is not None, -i["certification"].pk))
    return render(request, "talent/certification/expert_reviews.html", {"items": items})


@permission_required("talent.manage_category")
def category_create(request: HttpRequest) -> HttpResponseBase:
    return _category_form(request, TalentCategory())


@permission_required("talent.manage_category")
def category_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _category_form(request, get_object_or_404(TalentCategory, pk=pk))


def _category_form(request: HttpRequest, category: TalentCategory) -> HttpResponseBase:
    form = CategoryForm(request.POST or None, instance=category)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Saved: %(name)s.") % {"name": saved})
        return redirect("talent:categories")
    return render(request, "talent/certification/category_form.html", {"form": form, "category": category})


@permission_required("talent.view_certified")
def register_figures(request: HttpRequest) -> HttpResponseBase:
    """Certificates granted by category and year."""
    return render(
        request,
        "talent/certification/register_figures.html",
        {"rows": certified_by_category_and_year(request.user)},
    )
