"""Pages of subsidy schemes and applications: the schemes (configured by the department head), filing
at the counter, the application's case page with the year's re-verification of instalments; on the
portal, the schemes open to apply, the application form, the person's own applications and the
employer's confirmations. Lists and the case page are core's (``talent.subsidy_lists``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from hrbureau.accounts.choices import Role
from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import StyledFormMixin, apply_errors
from hrbureau.core.identifiers import normalize_resident_id
from hrbureau.core.pagination import keyset_page_or_first
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises.models import Enterprise
from hrbureau.people.models import Person
from hrbureau.talent import amounts, subsidy_applications, subsidy_schemes
from hrbureau.talent.choices import ApplicationState, Channel
from hrbureau.talent.models import LIVE_APPLICATION, Instalment, SubsidyApplication, SubsidyScheme
from hrbureau.talent.rules import describe
from hrbureau.talent.subsidy_forms import ApplyForm, CounterApplyForm, ReverifyForm
from hrbureau.talent.subsidy_lists import APPLICATION_PAGE


class SchemeForm(StyledFormMixin, forms.ModelForm):
    """A scheme's configuration; the rates and levels one per line."""

    rates = forms.CharField(
        label=gettext_lazy("Rates by degree"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("One per line: degree amount age-limit, e.g. “bachelor 15000 30”."),
    )
    levels = forms.CharField(
        label=gettext_lazy("Approval levels"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("One role per line, in order: dept_staff, dept_head or leader."),
    )

    class Meta:
        model = SubsidyScheme
        fields = [
            "code",
            "name",
            "name_en",
            "description",
            "department",
            "eligibility",
            "amount_rule",
            "fixed_amount",
            "monthly_amount",
            "max_months",
            "instalments",
            "reverify",
            "payee",
            "materials",
            "opens_on",
            "closes_on",
            "notice_days",
            "employer_confirms",
            "excludes",
            "active",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "description": forms.Textarea(attrs={"rows": 3}),
            "materials": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["rates"].initial = subsidy_schemes.rates_text(self.instance)
            self.fields["levels"].initial = subsidy_schemes.levels_text(self.instance)
            self.fields["excludes"].queryset = SubsidyScheme.objects.exclude(pk=self.instance.pk)  # type: ignore[attr-defined]
        self.apply_styles()


@permission_required("talent.view_subsidyapplication")
def scheme_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    scheme = get_for_user_or_404(SubsidyScheme.objects.all(), request.user, pk=pk)
    context = {
        "scheme": scheme,
        "rates": scheme.rates.all(),
        "levels": scheme.levels.all(),
        "excluded": scheme.excludes.all(),
        "conditions": describe(scheme.eligibility),
        "materials": [m for m in scheme.materials.splitlines() if m.strip()],
    }
    return render(request, "talent/subsidies/scheme_detail.html", context)


def _scheme_form_page(request: HttpRequest, scheme: SubsidyScheme | None) -> HttpResponseBase:
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        try:
            saved = subsidy_schemes.scheme_save(
                actor=request.user,
                scheme=form.save(commit=False),
                rates=form.cleaned_data["rates"],
                levels=form.cleaned_data["levels"],
                excludes=form.cleaned_data["excludes"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("talent:scheme", pk=saved.pk)
    title = _("Edit the scheme") if scheme else _("New subsidy scheme")
    return render(
        request, "talent/subsidies/scheme_form.html", {"form": form, "title": title, "scheme": scheme}
    )


@permission_required("talent.manage_scheme")
def scheme_create(request: HttpRequest) -> HttpResponseBase:
    return _scheme_form_page(request, None)


@permission_required("talent.manage_scheme")
def scheme_edit(request: HttpRequest, pk: int) -> HttpResponseBase:
    return _scheme_form_page(request, get_object_or_404(SubsidyScheme, pk=pk))


def _employer_of(form: Any) -> Enterprise | bool | None:
    uscc = (form.cleaned_data.get("employer_uscc") or "").strip().upper()
    if not uscc:
        return None
    employer = Enterprise.objects.filter(uscc=uscc).first()
    if employer is None:
        form.add_error("employer_uscc", _("No enterprise with this USCC."))
        return False
    return employer


def _submit(request: HttpRequest, form: Any, *, scheme: SubsidyScheme, person: Person, channel: str) -> Any:
    employer = _employer_of(form)
    if employer is False:
        return None
    data = form.cleaned_data
    try:
        return subsidy_applications.application_submit(
            actor=request.user,
            scheme=scheme,
            person=person,
            channel=channel,
            employer=employer,
            degree=data["degree"],
            graduated_on=data["graduated_on"],
            months=data.get("months"),
            bank_name=data["bank_name"],
            account_name=data["account_name"],
            account_number=data["account_number"],
            statement=data["statement"],
        )
    except ValidationError as error:
        apply_errors(form, error)
    return None


@permission_required("talent.review_subsidy")
def counter_apply(request: HttpRequest) -> HttpResponseBase:
    """An application brought to the counter: staff find the person by their ID number and file it."""
    schemes = subsidy_applications.open_schemes()
    scheme_id = request.POST.get("scheme") or request.GET.get("scheme")
    scheme = schemes.filter(pk=scheme_id).first() if scheme_id and scheme_id.isdigit() else None
    form = CounterApplyForm(request.POST or None, scheme=scheme)
    if request.method == "POST" and scheme is None:
        form.is_valid()
        form.add_error(None, _("Choose an open scheme."))
    elif request.method == "POST" and form.is_valid():
        try:
            id_number = normalize_resident_id(form.cleaned_data["id_number"])
        except ValidationError:
            id_number = ""
        person = Person.objects.filter(id_number=id_number).first() if id_number else None
        if person is None:
            form.add_error("id_number", _("No person with this ID number: register them first."))
        else:
            application = _submit(request, form, scheme=scheme, person=person, channel=Channel.COUNTER)  # type: ignore[arg-type]
            if application is not None:
                messages.success(request, _("Filed: %(number)s.") % {"number": application.number})
                return redirect("talent:application", pk=application.pk)
    return render(
        request, "talent/subsidies/counter_apply.html", {"form": form, "schemes": schemes, "scheme": scheme}
    )


def application_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The application's case page: staff get the workbench page, the applicant its portal page."""
    user: Any = request.user
    if user.is_authenticated and user.has_perm("core.use_portal") and not user.has_perm("core.use_workbench"):
        return redirect("talent:portal_application", pk=pk)
    return APPLICATION_PAGE.view(request, pk)


@require_POST
@permission_required("talent.review_subsidy")
def instalment_reverify(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The year's re-verification of a waiting instalment, from the application's page."""
    instalment = get_for_user_or_404(
        Instalment.objects.select_related("application__scheme"), request.user, pk=pk
    )
    form = ReverifyForm(request.POST)
    if form.is_valid():
        try:
            amounts.instalment_reverify(
                actor=request.user,
                instalment=instalment,
                still_works=form.cleaned_data["still_works"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Re-verification recorded."))
    else:
        messages.error(request, _("Say whether the person still works in the district."))
    return redirect("talent:application", pk=instalment.application_id)


# --- portal ------------------------------------------------------------------------------------------


@permission_required("talent.apply_subsidy", area="portal")
def portal_schemes(request: HttpRequest) -> HttpResponseBase:
    person_id = getattr(request.user, "person_id", None)
    # The person's live application of each scheme: the scheme offers it instead of a second one.
    live = dict(
        SubsidyApplication.objects.filter(LIVE_APPLICATION, person_id=person_id).values_list(
            "scheme_id", "pk"
        )
        if person_id
        else []
    )
    schemes = [
        (s, describe(s.eligibility), live.get(s.pk))
        for s in subsidy_applications.open_schemes().order_by("code")
    ]
    return render(request, "talent/subsidies/portal_schemes.html", {"schemes": schemes})


@permission_required("talent.apply_subsidy", area="portal")
def portal_apply(request: HttpRequest, pk: int) -> HttpResponseBase:
    user: Any = request.user
    scheme = get_object_or_404(subsidy_applications.open_schemes(), pk=pk)
    person = user.person
    refusal = None if person is not None else _("Apply with a personal account bound to your ID number.")
    form = ApplyForm(
        request.POST or None, scheme=scheme, initial={"account_name": getattr(person, "name", "")}
    )
    if request.method == "POST" and refusal is None and form.is_valid():
        application = _submit(request, form, scheme=scheme, person=person, channel=Channel.PORTAL)
        if application is not None:
            messages.success(
                request,
                _("Submitted. Your application number is %(number)s.") % {"number": application.number},
            )
            return redirect("talent:portal_application", pk=application.pk)
    context = {
        "scheme": scheme,
        "form": form,
        "refusal": refusal,
        "conditions": describe(scheme.eligibility),
        "materials": [m for m in scheme.materials.splitlines() if m.strip()],
    }
    return render(request, "talent/subsidies/portal_apply.html", context)


@permission_required("talent.view_subsidyapplication", area="portal")
def portal_application(request: HttpRequest, pk: int) -> HttpResponseBase:
    rows = SubsidyApplication.objects.select_related("scheme", "employer", "person")
    application = get_for_user_or_404(rows, request.user, pk=pk)
    if not subsidy_applications.visible_applications(request.user).filter(pk=pk).exists():
        raise PermissionDenied("an employer sees only the applications its scheme asks it to confirm")
    context = {
        "application": application,
        "decisions": application.decisions.all(),
        "instalments": application.instalments.all(),
        "is_employer": getattr(request.user, "role", None) == Role.ENTERPRISE,
        **case_panel(case=application, user=request.user, area="portal", internal=False),
    }
    return render(request, "talent/subsidies/portal_application.html", context)


@permission_required("talent.apply_subsidy", area="portal")
def portal_applications(request: HttpRequest) -> HttpResponseBase:
    rows = subsidy_applications.visible_applications(request.user).select_related("scheme")
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    return render(request, "talent/subsidies/portal_applications.html", {"page": page, "employer": False})


@permission_required("talent.confirm_subsidy", area="portal")
def portal_confirmations(request: HttpRequest) -> HttpResponseBase:
    """The employer's list: its employees' applications for schemes that ask it to confirm, those
    waiting for it first."""
    rows = subsidy_applications.visible_applications(request.user).select_related("scheme", "person")
    if request.GET.get("waiting", "1") == "1":
        rows = rows.filter(state=ApplicationState.SUBMITTED)
    page = keyset_page_or_first(rows, ordering=("-id",), cursor=request.GET.get("cursor"), per_page=20)
    return render(request, "talent/subsidies/portal_applications.html", {"page": page, "employer": True})
