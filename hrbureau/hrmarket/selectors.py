"""Reads of the HR-service market: the register of agencies (district-wide; the permissions decide who
reads it) with their enforcement actions."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet

from hrbureau.core.identifiers import normalize_uscc
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.choices import AgencyStatus
from hrbureau.hrmarket.models import EnforcementAction, HRAgency


def agency_list(*, status: str = "", expired_on: dt.date | None = None) -> QuerySet[HRAgency]:
    """The agencies by name, each with its count of enforcement actions: of one status, or licensed with
    the licence expired before ``expired_on``."""
    agencies = HRAgency.objects.select_related("enterprise").annotate(actions_count=Count("actions"))
    if status in AgencyStatus.values:
        agencies = agencies.filter(status=status)
    if expired_on is not None:
        agencies = agencies.filter(valid_until__lt=expired_on, status=AgencyStatus.LICENSED)
    return agencies.order_by("enterprise__name", "id")


def agency_detail(pk: int) -> HRAgency | None:
    return HRAgency.objects.select_related("enterprise").filter(pk=pk).first()


def actions_of(agency: HRAgency) -> QuerySet[EnforcementAction]:
    return agency.actions.select_related("recorded_by")


def enterprise_by_uscc(text: str) -> Enterprise | None:
    """The registered enterprise with the USCC typed (None for an invalid or unknown code)."""
    try:
        return Enterprise.objects.filter(uscc=normalize_uscc(text)).first()
    except ValidationError:
        return None
