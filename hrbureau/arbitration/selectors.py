"""Reads of disputes, always through ``for_user`` (a party sees only its own cases)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from hrbureau.arbitration.choices import (
    OPEN_STATES,
    ClaimKind,
    DisputeState,
    PartyRole,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.models import Claim, Dispute, Party, Service
from hrbureau.core.scoping import get_for_user_or_404

_CLOSING = [DisputeState.AWARDED, DisputeState.MEDIATED]
# Each figure of the statistics is a condition; the list its link opens filters by the same condition.
FIGURES: dict[str, Q] = {
    "filed": Q(),
    "accepted": Q(accepted_on__isnull=False),
    "closed": Q(accepted_on__isnull=False, state__in=_CLOSING),
    "mediated": Q(accepted_on__isnull=False, state=DisputeState.MEDIATED),
    "on_time": Q(accepted_on__isnull=False, state__in=_CLOSING, closed_on_time=True),
    "open": Q(state__in=OPEN_STATES),
    "refused": Q(state=DisputeState.REFUSED),
    "withdrawn": Q(state=DisputeState.WITHDRAWN),
}


def dispute_list(*, user: Any) -> QuerySet[Dispute]:
    """The disputes the user may see; the list's filters and search are declared in ``lists.py``."""
    return Dispute.objects.for_user(user)


def dispute_detail(*, user: Any, pk: int) -> Dispute:
    return get_for_user_or_404(
        Dispute.objects.select_related("enterprise", "arbitrator", "clerk", "assigned_unit"), user, pk=pk
    )


def own_parties(user: Any) -> Q:
    """The parties that are ``user`` themselves: their person record, or their enterprise. (A party
    *about* whom a user may read something is not theirs: only these sign, consent and open.)"""
    if getattr(user, "person_id", None) is not None and user.role == "individual":
        return Q(person_id=user.person_id)
    if getattr(user, "enterprise_id", None) is not None and user.role == "enterprise":
        return Q(enterprise_id=user.enterprise_id)
    return Q(pk__in=[])


def documents_to_sign(*, user: Any) -> QuerySet[Service]:
    """The documents served electronically on the user's own parties and not yet signed for, oldest
    first: what waits for them in the portal ("待您办理")."""
    parties = Party.objects.filter(own_parties(user)).values("pk")
    return (
        Service.objects.filter(
            dispute__in=Dispute.objects.for_user(user).values("pk"),
            party__in=parties,
            method=ServiceMethod.ELECTRONIC,
            signed_at__isnull=True,
        )
        .select_related("dispute")
        .order_by("sent_at", "id")
    )


def supplements_asked(*, user: Any) -> QuerySet[Dispute]:
    """The user's own applications waiting for materials they were asked to supplement."""
    applicants = Party.objects.filter(own_parties(user), role=PartyRole.APPLICANT).values("dispute_id")
    return Dispute.objects.for_user(user).filter(state=DisputeState.SUPPLEMENT, pk__in=applicants)


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


@dataclass
class ProcedureFigures:
    procedure: str
    label: str
    accepted: int = 0
    closed: int = 0  # by award or mediation
    mediated: int = 0
    on_time: int = 0
    total_days: int = 0

    @property
    def average_days(self) -> float | None:
        return round(self.total_days / self.closed, 1) if self.closed else None

    @property
    def on_time_rate(self) -> float | None:
        return round(100 * self.on_time / self.closed, 2) if self.closed else None

    @property
    def mediation_rate(self) -> float | None:
        return round(100 * self.mediated / self.closed, 2) if self.closed else None


@dataclass
class DisputeStatistics:
    period_from: dt.date | None
    period_to: dt.date | None
    filed: int
    refused: int
    withdrawn: int
    open: int
    rows: list[ProcedureFigures]
    total: ProcedureFigures
    claims: list[tuple[str, str, int]]  # (kind, label, disputes claiming it)

    @property
    def fast_track_reduction(self) -> float | None:
        """How much shorter the fast track is than the ordinary procedure, in % of the ordinary time."""
        by = {r.procedure: r for r in self.rows}
        fast, ordinary = by[Procedure.SIMPLIFIED].average_days, by[Procedure.ORDINARY].average_days
        if fast is None or not ordinary:
            return None
        return round(100 * (1 - fast / ordinary), 1)


def dispute_statistics(
    *, user: Any, period_from: dt.date | None = None, period_to: dt.date | None = None
) -> DisputeStatistics:
    """The institute's figures for disputes filed in the period: two grouped queries, every count a
    condition the list can filter by."""
    disputes = Dispute.objects.for_user(user)
    if period_from:
        disputes = disputes.filter(filed_on__gte=period_from)
    if period_to:
        disputes = disputes.filter(filed_on__lte=period_to)
    counts = disputes.aggregate(
        filed=Count("id"),
        refused=Count("id", filter=FIGURES["refused"]),
        withdrawn=Count("id", filter=FIGURES["withdrawn"]),
        open=Count("id", filter=FIGURES["open"]),
    )
    grouped = {
        row["procedure"]: row
        for row in disputes.filter(FIGURES["accepted"])
        .order_by()
        .values("procedure")
        .annotate(
            accepted=Count("id"),
            closed=Count("id", filter=FIGURES["closed"]),
            mediated=Count("id", filter=FIGURES["mediated"]),
            on_time=Count("id", filter=FIGURES["on_time"]),
            total_days=Sum("days_to_close", filter=FIGURES["closed"]),
        )
    }
    rows = []
    total = ProcedureFigures(procedure="", label="")
    for procedure, label in Procedure.choices:
        row = grouped.get(procedure, {})
        figures = ProcedureFigures(
            procedure=procedure,
            label=str(label),
            accepted=row.get("accepted", 0),
            closed=row.get("closed", 0),
            mediated=row.get("mediated", 0),
            on_time=row.get("on_time", 0),
            total_days=row.get("total_days") or 0,
        )
        rows.append(figures)
        for name in ("accepted", "closed", "mediated", "on_time", "total_days"):
            setattr(total, name, getattr(total, name) + getattr(figures, name))
    claimed = dict(
        Claim.objects.filter(dispute__in=disputes.order_by().values("pk"))
        .order_by()
        .values("kind")
        .annotate(n=Count("dispute", distinct=True))
        .values_list("kind", "n")
    )
    return DisputeStatistics(
        period_from=period_from,
        period_to=period_to,
        filed=counts["filed"],
        refused=counts["refused"],
        withdrawn=counts["withdrawn"],
        open=counts["open"],
        rows=rows,
        total=total,
        claims=[(kind, str(label), claimed.get(kind, 0)) for kind, label in ClaimKind.choices],
    )
