"""The personnel records' demo: every state, the seed's 120 party members, and idempotent."""

from __future__ import annotations

import io

import pytest

from hrbureau.core.demo import DemoContext
from hrbureau.personnel import demo_records, promotion
from hrbureau.personnel.records_choices import CertificationState, PromotionState
from hrbureau.personnel.records_models import (
    CertificationRequest,
    CertifiedRecord,
    Deployment,
    PromotionDecision,
    StaffMember,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return (
        StaffMember.objects.count(),
        CertificationRequest.objects.count(),
        PromotionDecision.objects.count(),
        Deployment.objects.count(),
    )


def test_the_demo_covers_every_state_and_is_idempotent(world):
    ctx = DemoContext(out=io.StringIO())
    demo_records.seed(ctx)
    assert set(CertificationRequest.objects.values_list("state", flat=True)) == set(CertificationState.values)
    assert CertifiedRecord.objects.filter(superseded_by__isnull=False).count() == 1
    assert set(PromotionDecision.objects.values_list("state", flat=True)) == set(PromotionState.values)
    party = StaffMember.objects.filter(party_member=True, deployments__isnull=False).distinct()
    assert party.count() == demo_records.PARTY_MEMBERS
    kinds = set(Deployment.objects.values_list("post__kind", flat=True))
    assert kinds == {"street", "airport", "hotel", "other"}
    import datetime as dt

    from django.utils import timezone

    assert promotion.eligible_staff(year=timezone.localdate().year)  # some remain eligible
    assert StaffMember.objects.filter(grade__isnull=False).count() == 50
    assert dt.date(2022, 1, 31) in set(Deployment.objects.values_list("starts_on", flat=True))
    before = _counts()
    demo_records.seed(ctx)
    assert _counts() == before
