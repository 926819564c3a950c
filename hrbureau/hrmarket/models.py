"""The HR-service market (人力资源市场): licensed HR-service and labour-dispatch agencies and their
inspections and sanctions (DESIGN.md app ``hrmarket``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.dated import DatedRow
from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.hrmarket.choices import (
    ActionKind,
    AgencyStatus,
    LicenceKind,
    ReportingFrequency,
    ReportState,
)

# The enterprise tag of the HR-service industry's reporting enterprises (人力资源服务业纳统企业), installed by
# enterprises 0004: the enterprises that carry it report their figures; there is no field for it.
REPORTING_TAG = "hr-service-reporting"


class HRAgency(Case):
    """A licensed human-resources service or labour-dispatch agency (人力资源服务机构) in the district. Its
    licence status is the case's state (``hrmarket.workflows``): suspended, revoked or reinstated only by
    a version-checked transition with its event."""

    # The register is the departments' district-wide (their view permission is named for the register).
    scope_paths = ScopePaths(permission="hrmarket.view_agency")
    # The licence number, searched through the Chinese text index (the enterprise's name and USCC are
    # searched through the registry's).
    text_index = TextIndex("hrmarket_hragency", ("licence_no",))

    objects = ScopedManager()

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="agencies",
    )
    licence_no = models.CharField(_("licence number"), max_length=60, unique=True)
    licence_kind = models.CharField(_("licence"), max_length=20, choices=LicenceKind.choices)
    licensed_on = models.DateField(_("licensed on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    state = models.CharField(
        _("status"), max_length=30, choices=AgencyStatus.choices, default=AgencyStatus.LICENSED, db_index=True
    )

    class Meta:
        verbose_name = _("HR-service agency")
        verbose_name_plural = _("HR-service agencies")
        ordering = ["enterprise__name", "id"]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.licence_no}）"

    def get_absolute_url(self) -> str:
        return reverse("hrmarket:agency", args=[self.pk])


class EnforcementAction(TimeStampedModel):
    """An inspection or sanction of an HR-service agency (执法检查与处罚); a revocation or suspension
    changes the agency's status."""

    agency = models.ForeignKey(HRAgency, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(_("kind"), max_length=20, choices=ActionKind.choices)
    taken_on = models.DateField(_("date"))
    decision_no = models.CharField(_("decision number"), max_length=100, blank=True)
    amount = models.DecimalField(_("fine"), max_digits=12, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("enforcement action")
        verbose_name_plural = _("enforcement actions")
        ordering = ["-taken_on", "-id"]

    def __str__(self) -> str:
        return f"{self.taken_on} {self.get_kind_display()}"


class ReportingSetting(DatedRow):
    """How the HR-service industry's reporting enterprises report (纳统报送设置) [practice, configurable]:
    monthly or quarterly, and the due date, N working days after the period ends. The row in force on a
    period's first day decides its length; the row in force on its last day, its due date."""

    frequency = models.CharField(
        _("frequency"), max_length=20, choices=ReportingFrequency.choices, default=ReportingFrequency.MONTHLY
    )
    due_working_days = models.PositiveSmallIntegerField(
        _("due (working days after the period ends)"), default=10
    )

    class Meta:
        verbose_name = _("industry reporting setting")
        verbose_name_plural = _("industry reporting settings")
        ordering = ["-valid_from"]
        constraints = [models.UniqueConstraint(fields=["valid_from"], name="hrmarket_reportingsetting_start")]

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} +{self.due_working_days} ({self.valid_from})"


class ReportingPeriod(TimeStampedModel):
    """A reporting period of the HR-service industry's figures (统计报告期): a month or a quarter, and the
    day its figures are due. Made by the periodic sweep once the period has ended."""

    frequency = models.CharField(_("frequency"), max_length=20, choices=ReportingFrequency.choices)
    starts_on = models.DateField(_("period start"))
    ends_on = models.DateField(_("period end"))
    due_on = models.DateField(_("due"))

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["starts_on", "frequency"], name="hrmarket_reportingperiod_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="hrmarket_reportingperiod_order"
            ),
        ]

    def __str__(self) -> str:
        if self.frequency == ReportingFrequency.QUARTERLY:
            return _("%(year)s Q%(quarter)s") % {
                "year": self.starts_on.year,
                "quarter": (self.starts_on.month - 1) // 3 + 1,
            }
        return self.starts_on.strftime("%Y-%m")


class IndustryReport(Case):
    """One reporting enterprise's figures for one period (人力资源服务业统计报表): revenue, staff, people
    placed in jobs, people served and the dispatched or outsourced headcount. A case: drafted, submitted
    by the enterprise on the portal, accepted or returned for correction by the department."""

    # Staff read the reports of the whole district (their permission is the register's); an enterprise
    # user reads its own enterprise's.
    scope_paths = ScopePaths(
        street="enterprise__street_id", enterprise="enterprise_id", permission="hrmarket.view_industryreport"
    )
    objects = ScopedManager()

    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("period"), on_delete=models.PROTECT, related_name="reports"
    )
    state = models.CharField(
        _("state"), max_length=30, choices=ReportState.choices, default=ReportState.DRAFT, db_index=True
    )
    revenue = models.DecimalField(_("revenue (yuan)"), max_digits=16, decimal_places=2, null=True, blank=True)
    staff = models.PositiveIntegerField(_("staff"), null=True, blank=True)
    placements = models.PositiveIntegerField(_("people placed in jobs"), null=True, blank=True)
    people_served = models.PositiveIntegerField(_("people served"), null=True, blank=True)
    dispatched = models.PositiveIntegerField(_("dispatched or outsourced workers"), null=True, blank=True)
    # The first submission: a report returned and corrected keeps it.
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_late = models.BooleanField(_("submitted after the due date"), default=False)

    class Meta:
        verbose_name = _("industry report")
        verbose_name_plural = _("industry reports")
        ordering = ["-period__starts_on", "enterprise_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "period"], name="hrmarket_one_report_per_period")
        ]
        indexes = [models.Index(fields=["period", "state"])]

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("hrmarket:report", args=[self.pk])


class ReportReminder(models.Model):
    """A reminder sent to a reporting enterprise whose figures were not in by the due date (催报): one per
    enterprise per period, so the sweep may run as often as it likes."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.CASCADE, related_name="reminders")
    enterprise = models.ForeignKey("enterprises.Enterprise", on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reporting reminder")
        verbose_name_plural = _("reporting reminders")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["period", "enterprise"], name="hrmarket_one_reminder_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} {self.period}"
