from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hrbureau.core.views import permission_required
from hrbureau.reports import selectors


@permission_required("reports.view_dashboard")
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/dashboard.html", selectors.dashboard(user=request.user))
