"""The demo's HR-service market: two dozen agencies, some inspected and one fined; a second run adds
nothing."""

from __future__ import annotations

from io import StringIO
from typing import Any

from django.core.management import call_command

from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.models import EnforcementAction, HRAgency

ARGS = ("--enterprises", "200", "--people", "100", "--work-orders", "0", "--disputes", "0", "--quiet-logins")


def test_demo_agencies_with_inspections_and_a_fine(db: Any) -> None:
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert HRAgency.objects.count() == 24
    assert HRAgency.objects.filter(actions__isnull=False).exists()
    assert EnforcementAction.objects.filter(kind="fine", amount=10000).count() == 1
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert HRAgency.objects.count() == 24


def test_demo_reporting_enterprises_with_seven_months_of_reports(db: Any) -> None:
    from hrbureau.hrmarket.models import REPORTING_TAG, IndustryReport, ReportingPeriod

    call_command("seed_demo", *ARGS, stdout=StringIO())
    tagged = Enterprise.objects.filter(tags__code=REPORTING_TAG)
    assert tagged.count() == 66
    assert ReportingPeriod.objects.count() == 7
    reports = IndustryReport.objects.all()
    assert reports.count() == 66 * 7
    assert set(reports.values_list("enterprise_id", flat=True)) == set(tagged.values_list("pk", flat=True))
    states = set(reports.values_list("state", flat=True))
    assert {"accepted", "submitted", "draft"} <= states
    assert reports.filter(submitted_late=True).exists()
    assert _returned_ever().exists()  # some were returned for correction (and corrected, or not yet)
    # Plausible figures.
    accepted = reports.filter(state="accepted")
    assert all(r.revenue > 0 and r.staff > 0 for r in accepted)
    # The demo enterprise login reports too, so the portal shows the service.
    from hrbureau.accounts.models import User

    # (the demo's own enterprise login; the demands' demo adds portal accounts of other enterprises)
    login = User.objects.filter(username="enterprise", enterprise__isnull=False).first()
    if login is not None:
        assert tagged.filter(pk=login.enterprise_id).exists()
    call_command("seed_demo", *ARGS, stdout=StringIO())
    assert IndustryReport.objects.count() == 66 * 7


def _returned_ever() -> Any:
    from hrbureau.core.models import CaseEvent

    return CaseEvent.objects.filter(case_type="hrmarket.industryreport", name="return_report").values(
        "case_id"
    )
