"""Pages of the HR-service market: the register of agencies and of their inspections and sanctions are
declared lists (``hrmarket.lists``); an agency's page is a case page whose steps — inspections,
sanctions, suspension, revocation, reinstatement — are core actions (``hrmarket.workflows``). Every page
reads through the selectors and writes through the services."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hrbureau.core.casepage import case_panel
from hrbureau.core.forms import apply_errors
from hrbureau.core.views import permission_required
from hrbureau.hrmarket import selectors, services
from hrbureau.hrmarket.forms import AgencyForm
from hrbureau.hrmarket.reporting import is_reporting, report_open


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


# --- the HR-service industry's reports --------------------------------------------------------------------


@permission_required("hrmarket.view_industry")
def industry(request: HttpRequest) -> HttpResponseBase:
    """The industry page: per period the totals of the counted figures, the submission rate and the late
    reports; the chosen period by street. Every number links to the list of the reports it counts."""
    periods = selectors.industry_by_period(user=request.user)
    chosen = next(
        (row["period"] for row in periods if str(row["period"].pk) == request.GET.get("period")), None
    )
    chosen = chosen or selectors.latest_closed_period() or (periods[0]["period"] if periods else None)
    streets = selectors.industry_by_street(user=request.user, period=chosen) if chosen else []
    oldest_first = list(reversed(periods))
    chart = {
        "periods": [str(row["period"]) for row in oldest_first],
        "revenue": [float(row.get("revenue") or 0) for row in oldest_first],
        "placements": [row.get("placements") or 0 for row in oldest_first],
        "people_served": [row.get("people_served") or 0 for row in oldest_first],
        "rate": [row["rate"] for row in oldest_first],
    }
    context = {"periods": periods, "chosen": chosen, "streets": streets, "chart": chart}
    return render(request, "hrmarket/industry.html", context)


@permission_required("hrmarket.submit_industryreport", area="portal")
def portal_reports(request: HttpRequest) -> HttpResponseBase:
    """The enterprise's figures: the periods it may report for now, and its reports."""
    user: Any = request.user
    enterprise = user.enterprise
    reporting = enterprise is not None and is_reporting(enterprise)
    reports = list(
        selectors.report_list(user=user).select_related("period").order_by("-period__starts_on", "-id")
    )
    by_period = {r.period_id: r for r in reports}
    open_periods = (
        [{"period": p, "report": by_period.get(p.pk)} for p in selectors.portal_periods(user=user)]
        if reporting
        else []
    )
    context = {
        "reporting": reporting,
        "open_periods": open_periods,
        "reports": reports,
        "today": timezone.localdate(),
    }
    return render(request, "hrmarket/portal_reports.html", context)


@require_POST
@permission_required("hrmarket.submit_industryreport", area="portal")
def portal_report_open(request: HttpRequest, period: int) -> HttpResponseBase:
    """Open the enterprise's report for a period it may report for (then filled on the report's page)."""
    user: Any = request.user
    allowed = {p.pk: p for p in selectors.portal_periods(user=user)}
    chosen = allowed.get(period)
    if chosen is None or user.enterprise is None:
        raise PermissionDenied
    existing = selectors.report_list(user=user).filter(period=chosen).first()
    if existing is not None:
        return redirect("hrmarket:portal_report", pk=existing.pk)
    try:
        report = report_open(actor=user, enterprise=user.enterprise, period=chosen)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("hrmarket:portal_reports")
    return redirect("hrmarket:portal_report", pk=report.pk)


@permission_required("hrmarket.view_industryreport", area="portal")
def portal_report(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = selectors.report_detail(user=request.user, pk=pk)
    context = {
        "report": report,
        **case_panel(case=report, user=request.user, area="portal", internal=False),
    }
    return render(request, "hrmarket/portal_report.html", context)
