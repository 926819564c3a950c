"""The demo's employer compliance: two years of records graded, one list published and one on notice,
the seed's pool of experts and trainings with attendance; a second run adds nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.compliance.models import Attendance, EmployerGrade, Evaluation, LabourRecord, LegalExpert

ARGS = ("--enterprises", "400", "--people", "300", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_compliance_grades_publishes_and_trains(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    states = dict(Evaluation.objects.values_list("year", "state"))
    assert sorted(states.values()) == ["notice", "published"]
    assert LabourRecord.objects.exists()
    assert EmployerGrade.objects.filter(grade="C").exists()
    # Drawn on the labour line's risk scores, made before the grades.
    assert EmployerGrade.objects.filter(candidate=True).exists()
    assert LegalExpert.objects.count() == 15  # the seed's pool
    assert Attendance.objects.filter(attended=True).exists()
    before = (LabourRecord.objects.count(), EmployerGrade.objects.count(), Attendance.objects.count())
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert (LabourRecord.objects.count(), EmployerGrade.objects.count(), Attendance.objects.count()) == before
