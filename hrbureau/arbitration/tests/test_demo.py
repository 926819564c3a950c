"""The demo disputes: every stage present, made through the services, the fast track shorter, hearings
in office hours on working days in rooms never double-booked, and applications that read like real ones."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from io import StringIO
from statistics import mean
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from hrbureau.arbitration.choices import ClaimKind, DisputeState, HearingState, Procedure
from hrbureau.arbitration.models import Dispute, Hearing, Receipt, Service
from hrbureau.core import calendar
from hrbureau.core.models import CaseEvent


def test_demo_disputes_cover_the_stages_and_the_fast_track_is_shorter(db: Any) -> None:
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "80",
            "--people",
            "300",
            "--work-orders",
            "0",
            "--disputes",
            "160",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    states = set(Dispute.objects.values_list("state", flat=True))
    assert {
        DisputeState.FILED,
        DisputeState.ACCEPTED,
        DisputeState.AWARDED,
        DisputeState.MEDIATED,
        DisputeState.REFUSED,
    } <= states
    assert Dispute.objects.filter(collective=True).exists()
    # Through the services: every dispute has its creation event and a receipt, served documents a proof.
    assert (
        CaseEvent.objects.filter(case_type="arbitration.dispute", name="create").count()
        == Dispute.objects.count()
    )
    assert Receipt.objects.values("dispute").distinct().count() == Dispute.objects.count()
    assert Service.objects.exclude(proof_no="").count() == Service.objects.count() > 0
    closed = Dispute.objects.filter(state__in=[DisputeState.AWARDED, DisputeState.MEDIATED])
    days = {
        procedure: mean((d.closed_on - d.accepted_on).days for d in closed.filter(procedure=procedure))
        for procedure in (Procedure.SIMPLIFIED, Procedure.ORDINARY)
    }
    assert days[Procedure.SIMPLIFIED] < days[Procedure.ORDINARY]
    # A second run adds nothing.
    count = Dispute.objects.count()
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "80",
            "--people",
            "300",
            "--work-orders",
            "0",
            "--disputes",
            "160",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    assert Dispute.objects.count() == count


def test_demo_hearings_sit_on_working_days_in_office_hours_and_no_room_is_double_booked(db: Any) -> None:
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "60",
            "--people",
            "200",
            "--work-orders",
            "0",
            "--disputes",
            "300",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    hearings = list(Hearing.objects.exclude(state__in=[HearingState.POSTPONED, HearingState.CANCELLED]))
    assert {h.state for h in hearings} == {HearingState.HELD, HearingState.BOOKED}
    for hearing in hearings:
        starts, ends = timezone.localtime(hearing.starts_at), timezone.localtime(hearing.ends_at)
        assert calendar.is_working_day(starts.date()), hearing
        assert starts.date() == ends.date()
        # Office hours: 9:00–12:00 and 14:00–18:00.
        assert (dt.time(9) <= starts.time() and ends.time() <= dt.time(12)) or (
            dt.time(14) <= starts.time() and ends.time() <= dt.time(18)
        ), hearing
    by_room: dict[int, list[Hearing]] = {}
    for hearing in hearings:
        by_room.setdefault(hearing.room_id, []).append(hearing)
    for booked in by_room.values():
        booked.sort(key=lambda h: h.starts_at)
        for before, after in itertools.pairwise(booked):
            assert before.ends_at <= after.starts_at, (before, after)
    # The institute acts on working days: every dated act of a dispute after its filing.
    acts = CaseEvent.objects.filter(case_type="arbitration.dispute").exclude(name="create")
    days = {dt.date.fromisoformat(on) for on in acts.values_list("data__on", flat=True) if on}
    assert days
    assert all(calendar.is_working_day(day) for day in days)


def test_demo_applications_tell_their_own_facts_and_claim_what_the_facts_say(db: Any) -> None:
    call_command(
        "seed_demo",
        *(
            "--enterprises",
            "60",
            "--people",
            "200",
            "--work-orders",
            "0",
            "--disputes",
            "60",
            "--quiet-logins",
        ),
        stdout=StringIO(),
    )
    page = list(Dispute.objects.order_by("-filed_on", "-id")[:20])
    counts = Counter(s for d in page for s in {s for s in re.split(r"[。；]", d.facts) if len(s) >= 6})
    assert max(counts.values()) <= 2, counts.most_common(3)
    words = {
        ClaimKind.WAGES: "工资",
        ClaimKind.OVERTIME: "加班",
        ClaimKind.DAMAGES: "解除",
        ClaimKind.SOCIAL_INSURANCE: "社会保险",
        ClaimKind.INJURY_MEDICAL: "工伤",
    }
    for dispute in Dispute.objects.prefetch_related("claims"):
        assert not re.search(r"[A-Za-z]{3,}|测试|Lorem|今年三月", dispute.facts)
        for claim in dispute.claims.all():
            if claim.kind in words:
                assert words[claim.kind] in dispute.facts, (claim.description, dispute.facts)
            if claim.amount_claimed is not None:
                # The request states the amount it claims, as a worker's application does.
                amount = int(claim.amount_claimed)
                assert f"{amount}元" in claim.description or f"{amount / 10000:g}万元" in claim.description
