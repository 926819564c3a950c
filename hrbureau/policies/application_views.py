"""Pages of applications (快申快享), grant lists (免申即享) and grants: applying on the portal and at the
counter, the applicant's own applications and grants, generating a list and its review page. The case
pages, their actions and the lists are core's (``policies.application_lists``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies import applications, grants
from hrbureau.policies.application_forms import ApplyForm, CounterApplyForm, GenerateForm
from hrbureau.policies.application_lists import APPLICATION_PAGE
from hrbureau.policies.choices import Beneficiary, DeliveryKind, ItemState
from hrbureau.policies.models import PolicyApplication, PolicyItem


def _apply_item(pk: int) -> PolicyItem:
    return get_object_or_404(PolicyItem, pk=pk, state=ItemState.PUBLISHED, kind=DeliveryKind.APPLY)


@permission_required("policies.apply", area="portal")
def apply(request: HttpRequest, pk: int) -> HttpResponseBase:
    """Apply for a published 快申快享 item as one's enterprise (or oneself): the claim guide, whether one
    qualifies now (and why not), and the form with the materials."""
    user: Any = request.user
    item = _apply_item(pk)
    enterprise = user.enterprise if item.beneficiary == Beneficiary.ENTERPRISE else None
    person = user.person if item.beneficiary == Beneficiary.PERSON else None
    refusal: str | None
    if enterprise is None and person is None:
        refusal = (
            _("This policy is for enterprises; apply with an enterprise's account.")
            if item.beneficiary == Beneficiary.ENTERPRISE
            else _("This policy is for people; apply with a personal account.")
        )
    else:
        refusal = applications.eligibility_refusal(item, enterprise=enterprise, person=person)
    form = ApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            application = applications.application_submit(
                actor=user,
                item=item,
                enterprise=enterprise,
                person=person,
                statement=form.cleaned_data["statement"],
                amount_requested=form.cleaned_data["amount_requested"],
                materials=form.cleaned_data["materials"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                _("Submitted. Your application number is %(number)s.") % {"number": application.number},
            )
            return redirect("policies:portal_application", pk=application.pk)
    return render(
        request, "policies/application_apply.html", {"item": item, "form": form, "refusal": refusal}
    )


@permission_required("policies.review_application")
def counter_apply(request: HttpRequest, pk: int) -> HttpResponseBase:
    """An application brought to the counter: staff file it for the enterprise (its USCC)."""
    item = _apply_item(pk)
    form = CounterApplyForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        uscc = form.cleaned_data["uscc"].strip().upper()
        enterprise = Enterprise.objects.for_user(request.user).filter(uscc=uscc).first()
        if enterprise is None:
            form.add_error("uscc", _("No enterprise with this USCC."))
        else:
            try:
                application = applications.application_submit(
                    actor=request.user,
                    item=item,
                    enterprise=enterprise,
                    statement=form.cleaned_data["statement"],
                    amount_requested=form.cleaned_data["amount_requested"],
                    materials=form.cleaned_data["materials"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, _("Filed: %(number)s.") % {"number": application.number})
                return redirect("policies:application", pk=application.pk)
    return render(request, "policies/application_counter.html", {"item": item, "form": form})


@permission_required("policies.review_application")
def counter_apply_pick(request: HttpRequest) -> HttpResponseBase:
    """Which fast-application item the counter files for."""
    items = PolicyItem.objects.filter(state=ItemState.PUBLISHED, kind=DeliveryKind.APPLY).order_by("number")
    return render(request, "policies/application_pick.html", {"items": items})


def application_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The application's case page: staff get the workbench page, the applicant its portal page."""
    user: Any = request.user
    if user.is_authenticated and user.has_perm("core.use_portal") and not user.has_perm("core.use_workbench"):
        return redirect("policies:portal_application", pk=pk)
    return APPLICATION_PAGE.view(request, pk)


@permission_required("policies.view_policyapplication", area="portal")
def portal_application(request: HttpRequest, pk: int) -> HttpResponseBase:
    rows = PolicyApplication.objects.select_related("item")
    application = get_for_user_or_404(rows, request.user, pk=pk)
    context = {
        "application": application,
        "grant": grants.visible_grants(request.user).filter(application=application).first(),
        **case_panel(case=application, user=request.user, area="portal", internal=False),
    }
    return render(request, "policies/application_portal.html", context)


@permission_required("policies.view_policyapplication", area="portal")
def portal_applications(request: HttpRequest) -> HttpResponseBase:
    rows = PolicyApplication.objects.for_user(request.user).select_related("item")
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    return render(request, "policies/application_portal_list.html", {"page": page})


@permission_required("policies.view_grant", area="portal")
def portal_grants(request: HttpRequest) -> HttpResponseBase:
    rows = grants.visible_grants(request.user).select_related("item")
    page = keyset_page_or_first(
        rows, ordering=("-granted_on", "-id"), cursor=request.GET.get("cursor"), per_page=20
    )
    return render(request, "policies/application_grants.html", {"page": page})


@permission_required("policies.manage_grant")
def grantlist_generate(request: HttpRequest) -> HttpResponseBase:
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant_list = grants.grantlist_generate(
                actor=request.user, item=form.cleaned_data["item"], year=form.cleaned_data["year"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Generated: %(number)s.") % {"number": grant_list.number})
            return redirect("policies:grantlist", pk=grant_list.pk)
    return render(request, "policies/grantlist_generate.html", {"form": form})
