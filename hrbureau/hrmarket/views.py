"""Pages of the HR-service market: the register of agencies (with its export and the form to register
one) and an agency's page with its inspections and sanctions."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.exports import xlsx_response
from hrbureau.core.views import permission_required
from hrbureau.core.workflow import error_message
from hrbureau.hrmarket import selectors, services
from hrbureau.hrmarket.choices import ActionKind, LicenceKind

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


@permission_required("hrmarket.view_agency")
def agency_list(request: HttpRequest) -> HttpResponseBase:
    if request.method == "POST":
        post = request.POST
        try:
            agency = services.agency_register(
                actor=request.user,
                enterprise=selectors.enterprise_by_uscc(post.get("uscc", "")),
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
        return redirect(reverse("hrmarket:agencies"))
    today = timezone.localdate()
    agencies = selectors.agency_list(
        status=request.GET.get("status", ""), expired_on=today if request.GET.get("expired") else None
    )
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
                a.actions_count,  # type: ignore[attr-defined]
            )
            for a in agencies.iterator(chunk_size=2000)
        )
        return xlsx_response(
            request=request,
            permission="hrmarket.export_agency",
            filename="hr-agencies",
            columns=[str(c) for c in AGENCY_COLUMNS],
            rows=rows,
            text_columns={1, 2},
        )
    context = {
        "agencies": list(agencies[:500]),
        "kinds": LicenceKind.choices,
        "today": today,
        "query_string": request.GET.urlencode(),
    }
    return render(request, "hrmarket/agency_list.html", context)


@permission_required("hrmarket.view_agency")
def agency_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    agency = selectors.agency_detail(pk)
    if agency is None:
        raise Http404
    if request.method == "POST":
        post = request.POST
        try:
            services.enforcement_record(
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
        "actions": list(selectors.actions_of(agency)),
        "kinds": ActionKind.choices,
        "today": timezone.localdate(),
    }
    return render(request, "hrmarket/agency_detail.html", context)
