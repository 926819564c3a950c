"""Reads of the HR-service market: the register of agencies (district-wide; the permissions decide who
reads it) with their enforcement actions, always through ``core.scoping``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet

from hrbureau.core.identifiers import normalize_uscc
from hrbureau.core.scoping import get_for_user_or_404, scope_queryset
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.models import EnforcementAction, HRAgency


def agency_list(*, user: Any) -> QuerySet[HRAgency]:
    """The agencies ``user`` may see, by name, each with its count of enforcement actions."""
    agencies = scope_queryset(HRAgency.objects.all(), user)
    return (
        agencies.select_related("enterprise")
        .annotate(actions_count=Count("actions"))
        .order_by("enterprise__name", "id")
    )


def agency_detail(*, user: Any, pk: int) -> HRAgency:
    """The agency, if ``user`` may see it (404, or an audited 403)."""
    return get_for_user_or_404(HRAgency.objects.select_related("enterprise"), user, pk=pk)


def enforcement_list(*, user: Any) -> QuerySet[EnforcementAction]:
    """The inspections and sanctions of the agencies ``user`` may see, newest first."""
    agencies = scope_queryset(HRAgency.objects.all(), user)
    return EnforcementAction.objects.filter(agency__in=agencies.values("pk")).order_by("-taken_on", "-id")


def actions_of(agency: HRAgency) -> QuerySet[EnforcementAction]:
    return agency.actions.select_related("recorded_by")


def enterprise_by_uscc(text: str) -> Enterprise | None:
    """The registered enterprise with the USCC typed (None for an invalid or unknown code)."""
    try:
        return Enterprise.objects.filter(uscc=normalize_uscc(text)).first()
    except ValidationError:
        return None
