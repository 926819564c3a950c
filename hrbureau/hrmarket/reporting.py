"""The HR-service industry's reporting enterprises (人力资源服务业纳统企业) and their periodic figures: the
periods and their due dates (rules), the writes (opening a report, saving and submitting its figures) and
the periodic sweep that opens each ended period's reports and reminds whoever has not reported by the due
date. Who reports is the enterprise tag ``REPORTING_TAG``, never a field."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import unicodedata
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core.calendar import add_working_days
from hrbureau.core.dated import in_force_or_none
from hrbureau.core.forms import clean_amount
from hrbureau.core.notifications import notify
from hrbureau.core.scoping import scope_allows
from hrbureau.core.workflow import SYSTEM, create_case, transition
from hrbureau.enterprises.choices import EnterpriseStatus
from hrbureau.enterprises.models import Enterprise
from hrbureau.hrmarket.choices import ReportingFrequency, ReportState
from hrbureau.hrmarket.models import (
    REPORTING_TAG,
    IndustryReport,
    ReportingPeriod,
    ReportingSetting,
    ReportReminder,
)
from hrbureau.hrmarket.workflows import REPORTS

FIGURES = ("revenue", "staff", "placements", "people_served", "dispatched")
# Reminders are sent for periods that fell due this recently: a first installation does not chase years.
REMIND_WITHIN_DAYS = 92
NOT_IN = (ReportState.DRAFT, ReportState.RETURNED)  # figures not (or no longer) in
REPORTS_REVIEW = "hrmarket.review_industryreport"


# --- periods ------------------------------------------------------------------------------------------


def setting_on(day: dt.date) -> ReportingSetting | None:
    return in_force_or_none(ReportingSetting.objects.all(), day)


def period_bounds(day: dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    """The first and last day of the month or quarter that contains ``day``."""
    if frequency == ReportingFrequency.QUARTERLY:
        first_month = (day.month - 1) // 3 * 3 + 1
        start = dt.date(day.year, first_month, 1)
        last_month = first_month + 2
    else:
        start = day.replace(day=1)
        last_month = day.month
    return start, dt.date(day.year, last_month, month_calendar.monthrange(day.year, last_month)[1])


def due_date(ends_on: dt.date) -> dt.date:
    """N working days after the period ends, N from the setting in force on its last day."""
    setting = setting_on(ends_on)
    if setting is None:
        raise ValidationError(
            _("No industry reporting setting is in force; ask an administrator to add one.")
        )
    return add_working_days(ends_on, setting.due_working_days)


def period_ensure(*, containing: dt.date) -> ReportingPeriod | None:
    """The reporting period that contains the day (made if new), as long as a setting is in force."""
    setting = setting_on(containing)
    if setting is None:
        return None
    start, end = period_bounds(containing, setting.frequency)
    period, _created = ReportingPeriod.objects.get_or_create(
        starts_on=start,
        frequency=setting.frequency,
        defaults={"ends_on": end, "due_on": due_date(end)},
    )
    return period


def last_ended_period(today: dt.date) -> ReportingPeriod | None:
    """The latest period that has ended by ``today`` (its figures are being reported)."""
    setting = setting_on(today)
    if setting is None:
        return None
    start, _end = period_bounds(today, setting.frequency)
    return period_ensure(containing=start - dt.timedelta(days=1))


def reporting_enterprises() -> QuerySet[Enterprise]:
    """The enterprises that report: active, carrying the reporting tag."""
    return Enterprise.objects.filter(tags__code=REPORTING_TAG, status=EnterpriseStatus.ACTIVE).distinct()


def is_reporting(enterprise: Enterprise) -> bool:
    return enterprise.tags.filter(code=REPORTING_TAG).exists()


# --- writes -------------------------------------------------------------------------------------------


def report_open(*, actor: Any, enterprise: Enterprise, period: ReportingPeriod) -> IndustryReport:
    """The enterprise's report for the period, opened as a draft: by the enterprise itself on the portal
    (only its own, only a reporting enterprise), by the department, or by the sweep (``SYSTEM``)."""
    if actor is not SYSTEM:
        if not (actor.has_perm("hrmarket.submit_industryreport") or actor.has_perm(REPORTS_REVIEW)):
            raise PermissionDenied("hrmarket.submit_industryreport")
        if not scope_allows(actor, street_id=enterprise.street_id, enterprise_id=enterprise.pk):
            raise PermissionDenied("enterprise outside the actor's scope")
    if not is_reporting(enterprise):
        raise ValidationError(
            _("This enterprise is not one of the HR-service industry's reporting enterprises.")
        )
    try:
        with transaction.atomic():
            report = IndustryReport(enterprise=enterprise, period=period)
            create_case(report, actor=actor, data={"period": str(period)})
            return report
    except IntegrityError:
        raise ValidationError(
            _("%(enterprise)s already has a report for %(period)s.")
            % {"enterprise": enterprise.name, "period": period}
        ) from None


def _count(value: Any, where: str, errors: dict[str, list[str]]) -> int | None:
    """A whole number as typed ("1,200", full-width digits), None when empty; a bad or negative one is an
    error on its field."""
    if value in (None, ""):
        return None
    text = unicodedata.normalize("NFKC", str(value)).replace(",", "").replace(" ", "").strip()
    if text.endswith(".0"):
        text = text[:-2]  # a spreadsheet's 12.0
    if not text.isdigit() or len(text) > 9:
        errors.setdefault(where, []).append(
            _("%(value)s is not a whole number of 0 or more.") % {"value": value}
        )
        return None
    return int(text)


def figures_clean(values: dict[str, Any], *, complete: bool) -> dict[str, Any]:
    """The figures as typed, checked: non-negative, revenue to the fen; ``complete`` asks every one of
    them (a submission; a draft may be saved half-filled). Raises ``ValidationError`` with every problem."""
    errors: dict[str, list[str]] = {}
    revenue_text = values.get("revenue")
    if revenue_text not in (None, ""):
        revenue_text = unicodedata.normalize("NFKC", str(revenue_text)).replace(" ", "")
    cleaned: dict[str, Any] = {
        "revenue": clean_amount(revenue_text, "revenue", errors, below=Decimal(10**14))
    }
    for name in FIGURES[1:]:
        cleaned[name] = _count(values.get(name), name, errors)
    if complete:
        for name in FIGURES:
            if cleaned[name] is None and name not in errors:
                errors[name] = [_("Give this figure (0 if none).")]
    if errors:
        raise ValidationError(errors)
    return cleaned


@REPORTS.performs("submit", case="report", submit=True)
@REPORTS.performs("record", case="report", submit=True, step="record")
@REPORTS.performs("save", case="report", submit=False)
def report_figures(
    *,
    actor: Any,
    report: IndustryReport,
    submit: bool,
    step: str = "",
    revenue: Any = None,
    staff: Any = None,
    placements: Any = None,
    people_served: Any = None,
    dispatched: Any = None,
    received_on: dt.date | None = None,
) -> IndustryReport:
    """Save the figures of a draft or returned report, and with ``submit`` send them to the department
    (``step`` "record": the department enters figures the enterprise gave on paper, ``received_on``).
    The first submission's time stays the report's: a corrected report is not late for being corrected."""
    cleaned = figures_clean(
        {
            "revenue": revenue,
            "staff": staff,
            "placements": placements,
            "people_served": people_served,
            "dispatched": dispatched,
        },
        complete=submit,
    )
    fields: dict[str, Any] = dict(cleaned)
    today = timezone.localdate()
    if received_on is not None and received_on > today:
        raise ValidationError({"received_on": [_("This day has not come yet.")]})
    if submit and report.submitted_at is None:
        day = received_on or today
        at = timezone.now()
        if day != today:
            at = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
        fields["submitted_at"] = at
        fields["submitted_late"] = day > report.period.due_on
    transition(report, step or ("submit" if submit else "save"), actor=actor, data=cleaned, fields=fields)
    return report


# --- the sweep ----------------------------------------------------------------------------------------


def reports_open_for(period: ReportingPeriod) -> int:
    """A draft for every reporting enterprise that has no report for the period yet (so the department's
    list shows who has not reported); returns how many were opened."""
    missing = reporting_enterprises().exclude(
        pk__in=IndustryReport.objects.filter(period=period).values("enterprise_id")
    )
    opened = 0
    for enterprise in missing.order_by("id"):
        try:
            report_open(actor=SYSTEM, enterprise=enterprise, period=period)
        except ValidationError:  # opened meanwhile by the enterprise itself
            continue
        opened += 1
    return opened


def reminders_send(today: dt.date) -> int:
    """Remind each reporting enterprise whose figures for a period are not in by its due date — once per
    enterprise and period (``ReportReminder``); returns how many were sent."""
    overdue = (
        IndustryReport.objects.filter(
            state__in=NOT_IN,
            period__due_on__lt=today,
            period__due_on__gte=today - dt.timedelta(days=REMIND_WITHIN_DAYS),
            enterprise__in=reporting_enterprises().values("pk"),
        )
        .exclude(
            Exists(
                ReportReminder.objects.filter(period=OuterRef("period"), enterprise=OuterRef("enterprise"))
            )
        )
        .select_related("enterprise", "period")
        .order_by("period__starts_on", "enterprise_id")
    )
    sent = 0
    for report in overdue:
        with transaction.atomic():
            _reminder, created = ReportReminder.objects.get_or_create(
                period=report.period, enterprise=report.enterprise
            )
            if not created:
                continue
            report_remind(report=report)
        sent += 1
    return sent


def report_remind(*, report: IndustryReport) -> None:
    """The reminder itself: in the enterprise users' inboxes, and by SMS to their phones."""
    from hrbureau.accounts.choices import Role
    from hrbureau.accounts.models import User

    users = list(
        User.objects.filter(enterprise_id=report.enterprise_id, role=Role.ENTERPRISE, is_active=True)
    )
    notify(
        title=_("Your HR-service industry figures for %(period)s are overdue") % {"period": report.period},
        body=_("They were due on %(due)s. Please submit them on the portal.") % {"due": report.period.due_on},
        url=reverse("hrmarket:portal_report", args=[report.pk]),
        users=users,
        case=report,
        sms_to=[u.phone for u in users if u.phone],
    )


def reporting_sweep(today: dt.date) -> str | None:
    """The periodic job: the last ended period exists with a report for every reporting enterprise, and
    whoever is late is reminded once. Costs two small queries when there is nothing to do."""
    period = last_ended_period(today)
    if period is None:
        return None
    opened = reports_open_for(period)
    reminded = reminders_send(today)
    if not (opened or reminded):
        return None
    return f"{opened} reports opened, {reminded} reminders sent"
