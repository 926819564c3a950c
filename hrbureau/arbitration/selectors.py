"""Reads of disputes, always through ``for_user`` (a party sees only its own cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from hrbureau.arbitration.models import Dispute, Party
from hrbureau.core.scoping import get_for_user_or_404


@dataclass
class DisputeFilters:
    q: str = ""
    state: str = ""
    procedure: str = ""
    collective: bool | None = None
    filed_from: dt.date | None = None
    filed_to: dt.date | None = None


def dispute_list(*, user: Any, filters: DisputeFilters | None = None) -> QuerySet[Dispute]:
    f = filters or DisputeFilters()
    disputes = Dispute.objects.for_user(user)
    if f.q:
        q = f.q.strip()
        named = Party.objects.filter(dispute=OuterRef("pk"), name__contains=q)
        disputes = disputes.filter(Q(number=q) | Q(case_no=q) | Exists(named))
    if f.state:
        disputes = disputes.filter(state=f.state)
    if f.procedure:
        disputes = disputes.filter(procedure=f.procedure)
    if f.collective is not None:
        disputes = disputes.filter(collective=f.collective)
    if f.filed_from:
        disputes = disputes.filter(filed_on__gte=f.filed_from)
    if f.filed_to:
        disputes = disputes.filter(filed_on__lte=f.filed_to)
    return disputes


def dispute_detail(*, user: Any, pk: int) -> Dispute:
    return get_for_user_or_404(
        Dispute.objects.select_related("enterprise", "arbitrator", "clerk", "assigned_unit"), user, pk=pk
    )


def dispute_query(*, number: str, identifier: str) -> Dispute | None:
    """The parties' case query: a case is shown to whoever knows its number (application or case
    number) and the ID number or USCC of one of its parties."""
    from django.core.exceptions import ValidationError

    from hrbureau.core.identifiers import normalize_resident_id, normalize_uscc

    number, normalized = number.strip(), None
    for normalize in (normalize_resident_id, normalize_uscc):
        try:
            normalized = normalize(identifier)
            break
        except ValidationError:
            continue
    if not number or normalized is None:
        return None
    return (
        Dispute.objects.filter(Q(number=number) | Q(case_no=number))
        .filter(Exists(Party.objects.filter(dispute=OuterRef("pk"), identifier=normalized)))
        .first()
    )
