"""The HR-service industry's reporting enterprises (纳统企业): the periods and their due dates in working days
from the dated setting; one report per enterprise per period; figures as typed, checked; the enterprise
submits its own on the portal only when it carries the reporting tag; the department accepts or returns;
the sweep opens the ended period's reports and reminds the late once; the industry page's numbers are the
rows of the list they link to; the figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import Client

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core import figures
from hrbureau.core.models import Notification, OutboxMessage
from hrbureau.core.workflow import SYSTEM, TransitionError
from hrbureau.enterprises.models import EnterpriseTag
from hrbureau.hrmarket import reporting, selectors
from hrbureau.hrmarket.lists import REPORTS
from hrbureau.hrmarket.models import (
    REPORTING_TAG,
    IndustryReport,
    ReportingPeriod,
    ReportingSetting,
    ReportReminder,
)

FIGURES = {
    "revenue": "1,250,000.50",
    "staff": "４２",
    "placements": "130",
    "people_served": "900",
    "dispatched": "0",
}


def _client(user: Any) -> Client:
    client = Client()
    client.cookies["hrbureau_language"] = "en"
    client.force_login(user)
    return client


def tag(enterprise: Any) -> None:
    enterprise.tags.add(EnterpriseTag.objects.get(code=REPORTING_TAG))


@pytest.fixture
def reporting_world(world: Any) -> Any:
    """A1 and B1 report (A1 is the enterprise user's own); A2 does not."""
    tag(world.enterprises["a1"])
    tag(world.enterprises["b1"])
    return world


@pytest.fixture
def period(db: Any) -> ReportingPeriod:
    period = reporting.period_ensure(containing=dt.date(2026, 9, 15))
    assert period is not None
    return period


# --- periods and due dates ---------------------------------------------------------------------------


def test_the_default_setting_is_monthly_due_in_ten_working_days(db: Any) -> None:
    # Installed by the data migration. September 2026 ends on a Wednesday; the National Day holiday
    # (10-01 to 10-07) follows, and Saturday 10-10 is a make-up working day.
    period = reporting.period_ensure(containing=dt.date(2026, 9, 15))
    assert period is not None
    assert (period.frequency, period.starts_on, period.ends_on) == (
        "monthly",
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 30),
    )
    # Working days after 09-30: 10-08, 10-09, 10-10 (make-up Sat), 10-12 … 10-16, 10-19, 10-20: the 10th.
    assert period.due_on == dt.date(2026, 10, 20)


def test_the_due_date_follows_the_setting_in_force(db: Any) -> None:
    ReportingSetting.objects.create(valid_from=dt.date(2026, 7, 1), frequency="quarterly", due_working_days=3)
    period = reporting.period_ensure(containing=dt.date(2026, 8, 20))
    assert period is not None
    assert (period.starts_on, period.ends_on) == (dt.date(2026, 7, 1), dt.date(2026, 9, 30))
    # 3 working days after 09-30: 10-08, 10-09 and the make-up Saturday 10-10 (not calendar days: 10-03).
    assert period.due_on == dt.date(2026, 10, 10)


def test_period_bounds_of_a_month_and_a_quarter() -> None:
    assert reporting.period_bounds(dt.date(2024, 2, 10), "monthly") == (
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    assert reporting.period_bounds(dt.date(2026, 11, 30), "quarterly") == (
        dt.date(2026, 10, 1),
        dt.date(2026, 12, 31),
    )


def test_no_setting_in_force_means_no_period(db: Any) -> None:
    ReportingSetting.objects.all().delete()
    assert reporting.period_ensure(containing=dt.date(2026, 9, 15)) is None
    assert reporting.reporting_sweep(dt.date(2026, 10, 30)) is None


# --- one report per enterprise per period ------------------------------------------------------------


def test_one_report_per_enterprise_per_period(reporting_world: Any, period: ReportingPeriod) -> None:
    enterprise = reporting_world.enterprises["a1"]
    reporting.report_open(actor=SYSTEM, enterprise=enterprise, period=period)
    with pytest.raises(ValidationError, match="already has a report"):
        reporting.report_open(actor=reporting_world.users["enterprise"], enterprise=enterprise, period=period)
    # The database holds the rule whatever writes the row.
    with pytest.raises(IntegrityError), transaction.atomic():
        IndustryReport.objects.create(enterprise=enterprise, period=period, state="draft")
    assert IndustryReport.objects.filter(enterprise=enterprise, period=period).count() == 1


def test_a_non_reporting_enterprise_cannot_report(reporting_world: Any, period: ReportingPeriod) -> None:
    a2 = reporting_world.enterprises["a2"]
    with pytest.raises(ValidationError, match="not one of"):
        reporting.report_open(actor=SYSTEM, enterprise=a2, period=period)
    # Nor submit a report it somehow has (its tag was removed after the report was opened).
    a1 = reporting_world.enterprises["a1"]
    report = reporting.report_open(actor=SYSTEM, enterprise=a1, period=period)
    a1.tags.clear()
    with pytest.raises(TransitionError, match="not one of"):
        reporting.report_figures(
            actor=reporting_world.users["enterprise"], report=report, submit=True, **FIGURES
        )


def test_an_enterprise_opens_only_its_own_report(reporting_world: Any, period: ReportingPeriod) -> None:
    with pytest.raises(PermissionDenied):
        reporting.report_open(
            actor=reporting_world.users["enterprise"],
            enterprise=reporting_world.enterprises["b1"],
            period=period,
        )


# --- figures -------------------------------------------------------------------------------------------


def test_figures_typed_as_text_are_read(reporting_world: Any, period: ReportingPeriod) -> None:
    report = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting.report_figures(actor=reporting_world.users["enterprise"], report=report, submit=True, **FIGURES)
    report.refresh_from_db()
    assert report.state == "submitted"
    assert (report.revenue, report.staff, report.placements, report.people_served, report.dispatched) == (
        Decimal("1250000.50"),
        42,
        130,
        900,
        0,
    )
    assert report.submitted_at is not None


@pytest.mark.parametrize(
    ("field", "value"),
    [("revenue", "-1"), ("revenue", "abc"), ("staff", "-3"), ("placements", "1.5"), ("people_served", "x")],
)
def test_negative_or_bad_figures_are_refused(field: str, value: str) -> None:
    with pytest.raises(ValidationError) as error:
        reporting.figures_clean({**FIGURES, field: value}, complete=True)
    assert field in error.value.message_dict


def test_a_submission_needs_every_figure_a_draft_does_not() -> None:
    with pytest.raises(ValidationError) as error:
        reporting.figures_clean({"revenue": "100"}, complete=True)
    assert set(error.value.message_dict) == {"staff", "placements", "people_served", "dispatched"}
    assert reporting.figures_clean({"revenue": "100"}, complete=False)["staff"] is None


# --- the portal and the department ---------------------------------------------------------------------


def test_the_enterprise_submits_on_the_portal_and_the_department_accepts(
    reporting_world: Any, period: ReportingPeriod, monkeypatch: Any
) -> None:
    monkeypatch.setattr(reporting, "last_ended_period", lambda today: period)
    enterprise_user = reporting_world.users["enterprise"]
    client = _client(enterprise_user)
    page = client.get("/hrmarket/portal/figures/")
    assert page.status_code == 200
    assert str(period) in page.content.decode()
    opened = client.post(f"/hrmarket/portal/figures/open/{period.pk}/")
    report = IndustryReport.objects.get(enterprise=reporting_world.enterprises["a1"], period=period)
    assert opened.status_code == 302
    assert opened["Location"] == f"/hrmarket/portal/figures/{report.pk}/"
    sent = client.post(
        f"/core/cases/hrmarket.industryreport/{report.pk}/actions/submit/",
        {**FIGURES, "version": report.version},
    )
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.state == "submitted"
    staff = _client(reporting_world.users["dept_staff"])
    assert staff.get(f"/hrmarket/industry/reports/{report.pk}/").status_code == 200
    staff.post(
        f"/core/cases/hrmarket.industryreport/{report.pk}/actions/accept/", {"version": report.version}
    )
    report.refresh_from_db()
    assert report.state == "accepted"


def test_a_returned_report_is_corrected_and_keeps_its_first_submission(
    reporting_world: Any, period: ReportingPeriod
) -> None:
    user, staff = reporting_world.users["enterprise"], reporting_world.users["dept_staff"]
    report = reporting.report_open(actor=user, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting.report_figures(actor=user, report=report, submit=True, **FIGURES)
    first = report.submitted_at
    client = _client(staff)
    client.post(
        f"/core/cases/hrmarket.industryreport/{report.pk}/actions/return_report/",
        {"version": report.version, "reason": "营业收入单位应为元"},
    )
    report.refresh_from_db()
    assert report.state == "returned"
    portal = _client(user).get(f"/hrmarket/portal/figures/{report.pk}/").content.decode()
    assert "营业收入单位应为元" in portal  # the enterprise is told why
    reporting.report_figures(actor=user, report=report, submit=True, **{**FIGURES, "revenue": "1250000"})
    report.refresh_from_db()
    assert (report.state, report.revenue, report.submitted_at) == ("submitted", Decimal("1250000.00"), first)


def test_an_enterprise_sees_only_its_own_reports(reporting_world: Any, period: ReportingPeriod) -> None:
    mine = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    theirs = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["b1"], period=period)
    user = reporting_world.users["enterprise"]
    assert list(selectors.report_list(user=user)) == [mine]
    client = _client(user)
    assert client.get(f"/hrmarket/portal/figures/{mine.pk}/").status_code == 200
    assert client.get(f"/hrmarket/portal/figures/{theirs.pk}/").status_code == 403
    # Nor the staff pages, even of its own report.
    assert client.get(f"/hrmarket/industry/reports/{mine.pk}/").status_code == 403
    refused = client.post(
        f"/core/cases/hrmarket.industryreport/{theirs.pk}/actions/submit/", {**FIGURES, "version": 1}
    )
    assert refused.status_code in (403, 404)
    theirs.refresh_from_db()
    assert theirs.state == "draft"


def test_a_non_reporting_enterprise_is_told_and_offered_nothing(
    world: Any, period: ReportingPeriod, monkeypatch: Any
) -> None:
    monkeypatch.setattr(reporting, "last_ended_period", lambda today: period)
    client = _client(world.users["enterprise"])
    page = client.get("/hrmarket/portal/figures/")
    assert 'data-testid="not-reporting"' in page.content.decode()
    assert client.post(f"/hrmarket/portal/figures/open/{period.pk}/").status_code == 302
    assert not IndustryReport.objects.exists()


# --- the sweep ---------------------------------------------------------------------------------------


def test_the_sweep_opens_reports_and_reminds_the_late_once(reporting_world: Any) -> None:
    phone_user = reporting_world.users["enterprise"]
    phone_user.phone = "13800138000"
    phone_user.save()
    on_time_day = dt.date(2026, 10, 12)  # September's figures are due 2026-10-20
    assert reporting.reporting_sweep(on_time_day) == "2 reports opened, 0 reminders sent"
    september = ReportingPeriod.objects.get(starts_on=dt.date(2026, 9, 1))
    reports = IndustryReport.objects.filter(period=september)
    # Every tagged enterprise has a report to fill; the untagged one has none.
    assert {r.enterprise_id for r in reports} == {
        reporting_world.enterprises["a1"].pk,
        reporting_world.enterprises["b1"].pk,
    }
    b1_report = reports.get(enterprise=reporting_world.enterprises["b1"])
    # B1's figures arrive on time (entered by the department from paper); A1 says nothing.
    reporting.report_figures(
        actor=reporting_world.users["dept_staff"],
        report=b1_report,
        submit=True,
        step="record",
        received_on=dt.date(2026, 10, 20),
        **FIGURES,
    )
    assert reporting.reporting_sweep(dt.date(2026, 10, 20)) is None  # the due day itself is not late
    late_day = dt.date(2026, 10, 21)
    assert reporting.reporting_sweep(late_day) == "0 reports opened, 1 reminders sent"
    assert reporting.reporting_sweep(late_day) is None  # run twice: nothing more
    assert reporting.reporting_sweep(late_day + dt.timedelta(days=3)) is None
    reminder = ReportReminder.objects.get()
    assert (reminder.enterprise, reminder.period) == (reporting_world.enterprises["a1"], september)
    notice = Notification.objects.get(recipient=phone_user)
    assert notice.case_type == "hrmarket.industryreport"
    assert OutboxMessage.objects.filter(to="13800138000", channel="sms").count() == 1
    # The department's list shows A1 as late, B1 not.
    late = REPORTS.queryset(user=reporting_world.users["dept_staff"], values={"late": True})
    assert [r.enterprise_id for r in late.filter(period=september)] == [reporting_world.enterprises["a1"].pk]


def test_the_sweep_leaves_an_untagged_enterprise_alone(reporting_world: Any, period: ReportingPeriod) -> None:
    # A report opened while A1 was tagged; the tag removed since: no reminder to A1.
    reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting_world.enterprises["a1"].tags.clear()
    assert reporting.reminders_send(period.due_on + dt.timedelta(days=1)) == 0
    assert not Notification.objects.exists()


# --- the industry page and the figures ---------------------------------------------------------------


def test_the_industry_page_counts_what_its_links_list(reporting_world: Any, period: ReportingPeriod) -> None:
    staff_user = reporting_world.users["dept_staff"]
    a1 = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["b1"], period=period)
    reporting.report_figures(actor=staff_user, report=a1, submit=True, step="record", **FIGURES)
    row = next(r for r in selectors.industry_by_period(user=staff_user) if r["period"] == period)
    assert (row["reports"], row["submitted"], row["rate"], row["revenue"]) == (
        2,
        1,
        50.0,
        Decimal("1250000.50"),
    )
    assert REPORTS.queryset(user=staff_user, values={"period": period.pk, "figure": "submitted"}).count() == 1
    counted = REPORTS.queryset(user=staff_user, values={"period": period.pk, "figure": "counted"})
    assert sum(r.revenue for r in counted) == row["revenue"]
    page = _client(staff_user).get("/hrmarket/industry/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'?period={period.pk}&amp;figure=submitted" data-kpi="submitted-{period.pk}">1<' in html
    assert 'data-chart="industry-trend"' in html
    streets = selectors.industry_by_street(user=staff_user, period=period)
    assert {s["street_id"]: s["submitted"] for s in streets} == {
        reporting_world.enterprises["a1"].street_id: 1,
        reporting_world.enterprises["b1"].street_id: 0,
    }


def test_the_figures(reporting_world: Any, period: ReportingPeriod) -> None:
    leader = reporting_world.users["leader"]
    a1 = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["b1"], period=period)
    reporting.report_figures(
        actor=reporting_world.users["dept_staff"], report=a1, submit=True, step="record", **FIGURES
    )
    assert figures.get("hrmarket.reporting_enterprises").count(leader) == 2
    assert figures.get("hrmarket.report_submission_rate").count(leader) == 50
    assert figures.get("hrmarket.report_revenue").count(leader) == 1250000
    assert figures.get("hrmarket.report_placements").count(leader) == 130
    assert figures.get("hrmarket.report_placements").by_street(leader) == {
        reporting_world.enterprises["a1"].street_id: 130
    }


def test_enterprise_users_of_other_roles_are_not_reminded(
    reporting_world: Any, period: ReportingPeriod
) -> None:
    User.objects.create_user(
        username="other",
        password="Secret#2026",
        role=Role.INDIVIDUAL,
        full_name="x",
        enterprise=reporting_world.enterprises["a1"],
    )
    reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    assert reporting.reminders_send(period.due_on + dt.timedelta(days=1)) == 1
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["enterprise"]


def test_the_enterprise_to_do_lists_its_reports_still_to_submit(
    reporting_world: Any, period: ReportingPeriod
) -> None:
    from hrbureau.hrmarket.navigation import _to_report

    user = reporting_world.users["enterprise"]
    report = reporting.report_open(actor=SYSTEM, enterprise=reporting_world.enterprises["a1"], period=period)
    reporting.report_open(
        actor=SYSTEM, enterprise=reporting_world.enterprises["b1"], period=period
    )  # not its own
    items = _to_report(user)
    assert [item.url for item in items] == [f"/hrmarket/portal/figures/{report.pk}/"]
    assert items[0].due == period.due_on
    reporting.report_figures(actor=user, report=report, submit=True, **FIGURES)
    assert _to_report(user) == []
    assert _to_report(reporting_world.users["dept_staff"]) == []


def test_the_department_imports_from_the_list_leadership_only_reads(reporting_world: Any) -> None:
    staff = _client(reporting_world.users["dept_staff"])
    assert 'data-testid="import"' in staff.get("/hrmarket/industry/reports/").content.decode()
    assert staff.get("/imports/industry-reports/").status_code == 200
    leader = _client(reporting_world.users["leader"])
    assert 'data-testid="import"' not in leader.get("/hrmarket/industry/reports/").content.decode()
    assert leader.get("/imports/industry-reports/").status_code == 403
