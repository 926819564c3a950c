"""The demo's talent intake and certification: categories A/B/C, every state of both workflows, the
citizen's own records; a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.talent.certification_choices import CertificationState, IntakeState
from hrbureau.talent.certification_models import Certification, IntakeApplication, TalentCategory

ARGS = ("--enterprises", "300", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_certification_in_every_state(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert set(TalentCategory.objects.values_list("level", flat=True)) == {"A", "B", "C"}
    assert set(IntakeApplication.objects.values_list("state", flat=True)) == set(IntakeState.values)
    assert set(Certification.objects.values_list("state", flat=True)) == set(CertificationState.values)
    assert Certification.objects.filter(renewal_of__isnull=False).exists()
    citizen = User.objects.get(role=Role.INDIVIDUAL, username="citizen")
    assert Certification.objects.for_user(citizen).exists()
    assert IntakeApplication.objects.for_user(citizen).exists()
    before = (
        IntakeApplication.objects.count(),
        Certification.objects.count(),
        TalentCategory.objects.count(),
    )
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert (
        IntakeApplication.objects.count(),
        Certification.objects.count(),
        TalentCategory.objects.count(),
    ) == before
