"""The pages of enterprise demands that are not declared lists or the declared case page: filing (by staff
for an enterprise, and by the enterprise on its portal), the enterprise's own list and a demand's page on
the portal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.views import permission_required
from hrbureau.enterprises import demand_services as services
from hrbureau.enterprises.demand_forms import DemandFileForm, StaffDemandFileForm
from hrbureau.enterprises.demand_lists import MY_DEMANDS
from hrbureau.enterprises.models import EnterpriseDemand


@permission_required("enterprises.add_enterprisedemand")
def demand_file(request: HttpRequest) -> HttpResponseBase:
    """A service officer (or other staff) records a demand for an enterprise in their scope."""
    form = StaffDemandFileForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            demand = services.demand_file(actor=request.user, enterprise=data.pop("uscc"), **data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Demand %(number)s recorded.") % {"number": demand.number})
            return redirect(demand.get_absolute_url())
    return render(request, "enterprises/demand_form.html", {"form": form})


@permission_required("enterprises.file_enterprisedemand", area="portal")
def portal_demands(request: HttpRequest) -> HttpResponseBase:
    return MY_DEMANDS.respond(request)


@permission_required("enterprises.file_enterprisedemand", area="portal")
def portal_demand_file(request: HttpRequest) -> HttpResponseBase:
    user: Any = request.user
    if user.enterprise_id is None:
        messages.error(request, _("Your account is not bound to an enterprise."))
        return redirect("enterprises:portal_demands")
    form = DemandFileForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            demand = services.demand_file(actor=user, enterprise=user.enterprise, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, _("Filed. Your demand's number is %(number)s.") % {"number": demand.number}
            )
            return redirect("enterprises:portal_demand", pk=demand.pk)
    return render(request, "enterprises/demand_portal_file.html", {"form": form})


@permission_required("enterprises.file_enterprisedemand", area="portal")
def portal_demand(request: HttpRequest, pk: int) -> HttpResponseBase:
    demand = get_for_user_or_404(EnterpriseDemand.objects.all(), request.user, pk=pk)
    context = {
        "demand": demand,
        **case_panel(case=demand, user=request.user, area="portal", internal=False),
    }
    return render(request, "enterprises/demand_portal_detail.html", context)
