"""Employer labour compliance (劳动保障守法): the register of penalties and incidents, the yearly grades
and the law-abiding honest employer list drawn from them, compliance trainings and expert consultations
with the district's legal-expert pool (DESIGN.md app ``compliance``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.compliance.choices import (
    EvaluationState,
    EventKind,
    Grade,
    ObjectionDecision,
    RecordKind,
    TimeLimitKey,
)
from hrbureau.core.models import Case, DatedTimeLimit, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths


class TimeLimit(DatedTimeLimit):
    """How long the honest employer list stays on public notice at least [configurable]."""

    key = models.CharField(_("time limit"), max_length=30, choices=TimeLimitKey.choices)

    class Meta:
        verbose_name = _("compliance time limit")
        verbose_name_plural = _("compliance time limits")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="compliance_timelimit_unique_start")
        ]


class LabourRecord(TimeStampedModel):
    """One entry of an enterprise's labour-compliance record (劳动保障守法记录): a penalty or an incident,
    on the day it happened. The yearly grades are evaluated from these."""

    # The register is the department's, district-wide, read with the grades' permission.
    scope_paths = ScopePaths(permission="compliance.view_evaluation")

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="labour_records",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=RecordKind.choices)
    occurred_on = models.DateField(_("date"))
    decision_no = models.CharField(_("decision number"), max_length=100, blank=True)
    description = models.TextField(_("description"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("labour-compliance record")
        verbose_name_plural = _("labour-compliance records")
        ordering = ["-occurred_on", "-id"]
        indexes = [models.Index(fields=["occurred_on", "enterprise"], name="labourrecord_year")]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.get_kind_display()} · {self.enterprise}"


class Evaluation(Case):
    """The yearly labour-compliance grading of the district's enterprises on one year's record, and the
    law-abiding honest employer list drawn from it: graded → public notice → published. A case of the
    workflow core (``compliance.workflows``): every step is a version-checked transition with its event,
    so who put the list on notice and who published it is on record."""

    year = models.PositiveSmallIntegerField(_("record year"), unique=True)
    state = models.CharField(_("state"), max_length=30, choices=EvaluationState.choices, db_index=True)
    notice_from = models.DateField(_("notice from"), null=True, blank=True)
    notice_to = models.DateField(_("notice until"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # The district's extra criteria as they stood when the list was drawn (rule name and date).
    criteria = models.CharField(_("district criteria"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("graded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("employer evaluation")
        verbose_name_plural = _("employer evaluations")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)

    def get_absolute_url(self) -> str:
        return reverse("compliance:evaluation", args=[self.pk])


class EmployerGrade(models.Model):
    """One enterprise's grade for the year (A/B/C) with the counts it was graded on; ``candidate`` when it
    is graded A and meets the district's extra criteria; ``withdrawn`` when an upheld objection took it
    off the list."""

    scope_paths = ScopePaths(permission="compliance.view_evaluation")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="grades")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="employer_grades",
    )
    grade = models.CharField(_("grade"), max_length=1, choices=Grade.choices)
    penalties = models.PositiveSmallIntegerField(_("penalties"), default=0)
    findings = models.JSONField(_("grade C findings"), default=list, blank=True)
    candidate = models.BooleanField(_("on the honest employer list"), default=False)
    withdrawn = models.BooleanField(_("taken off after an objection"), default=False)

    class Meta:
        verbose_name = _("employer grade")
        verbose_name_plural = _("employer grades")
        ordering = ["evaluation", "grade", "enterprise"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "enterprise"], name="employergrade_unique")
        ]
        indexes = [models.Index(fields=["evaluation", "candidate", "enterprise"], name="employergrade_list")]

    def __str__(self) -> str:
        return f"{self.evaluation} {self.enterprise}: {self.grade}"


class Objection(TimeStampedModel):
    """An objection to a name on the honest employer list during its public notice (公示异议)."""

    grade = models.ForeignKey(EmployerGrade, on_delete=models.CASCADE, related_name="objections")
    raised_by = models.CharField(_("raised by"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    content = models.TextField(_("objection"))
    received_on = models.DateField(_("received on"))
    decision = models.CharField(
        _("decision"), max_length=20, choices=ObjectionDecision.choices, default=ObjectionDecision.PENDING
    )
    reply = models.TextField(_("reply"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return f"{self.grade.enterprise} · {self.received_on}"


class LegalExpert(models.Model):
    """A member of the district's pool of labour-law experts (法律专家库), kept in the admin."""

    scope_paths = ScopePaths(permission="compliance.view_compliance")

    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200)
    speciality = models.CharField(_("speciality"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("legal expert")
        verbose_name_plural = _("legal experts")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return f"{self.name}（{self.organisation}）"


class ComplianceEvent(TimeStampedModel):
    """A compliance training for enterprises, or an expert consultation (会诊) on one enterprise's
    problems, with the enterprises invited and who attended."""

    scope_paths = ScopePaths(permission="compliance.view_compliance")

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    experts = models.ManyToManyField(
        LegalExpert, verbose_name=_("experts"), blank=True, related_name="events"
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("organised by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("compliance event")
        verbose_name_plural = _("compliance events")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("compliance:event", args=[self.pk])


class Attendance(models.Model):
    event = models.ForeignKey(ComplianceEvent, on_delete=models.CASCADE, related_name="attendance")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    attended = models.BooleanField(_("attended"), default=False)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["event", "id"]
        constraints = [models.UniqueConstraint(fields=["event", "enterprise"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.event} · {self.enterprise}"
