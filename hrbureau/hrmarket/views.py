"""Pages of the HR-service market: the register of agencies and of their inspections and sanctions are
declared lists (``hrmarket.lists``); an agency's page is a case page whose steps — inspections,
sanctions, suspension, revocation, reinstatement — are core actions (``hrmarket.workflows``). Every page
reads through the selectors and writes through the services."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.views import permission_required
from hrbureau.hrmarket import selectors, services
from hrbureau.hrmarket.forms import AgencyForm


@permission_required("hrmarket.manage_agency")
def agency_create(request: HttpRequest) -> HttpResponseBase:
    form = AgencyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            agency = services.agency_register(
                actor=request.user,
                enterprise=selectors.enterprise_by_uscc(data["uscc"]),
                licence_no=data["licence_no"],
                licence_kind=data["licence_kind"],
                licensed_on=data["licensed_on"],
                valid_until=data["valid_until"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Agency registered."))
            return redirect(agency.get_absolute_url())
    return render(request, "hrmarket/agency_form.html", {"form": form})


@permission_required("hrmarket.view_agency")
def agency_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    agency = selectors.agency_detail(user=request.user, pk=pk)
    context = {
        "agency": agency,
        "actions_taken": list(selectors.actions_of(agency)),
        "today": timezone.localdate(),
        **case_panel(case=agency, user=request.user),
    }
    return render(request, "hrmarket/agency_detail.html", context)
