"""Talent intake (人才引进入户) and district high-level talent certification (区高层次人才认定).

An intake application asks to move a talent's household registration to the city; the department's
staff review it, its head approves it (never the same person), and the public-security side's acceptance
is recorded with its date and number. A certification is judged against its category's criteria (an
expression of the rules language over the candidate: ``talent.candidate``), scored by the category's
experts against its pass mark, decided by a department head, and — certified — carries a certificate
number unique and sequential in its year and a validity; the nightly sweep expires it, and a renewal is a
new certification linked to it, filed within the category's window before the end of the validity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.language import in_language
from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.talent.certification_choices import (
    EvidenceKind,
    IntakeBasis,
    TalentLevel,
)

MONEY_CT: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}  # yuan to the fen


class IntakeApplication(Case):
    """A talent intake application (人才引进入户申请): a person asks to move their household registration
    to the city as a talent, on a degree, a professional title or a skill level, with the family members
    moving with them."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    basis = models.CharField(_("basis"), max_length=20, choices=IntakeBasis.choices)
    qualification = models.CharField(_("degree, title or skill level"), max_length=200)
    family_members = models.PositiveSmallIntegerField(_("family members moving along"), default=0)
    statement = models.TextField(_("statement"), blank=True)
    submitted_on = models.DateField(_("submitted on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    # The public-security side's acceptance of the household move (公安受理).
    registered_on = models.DateField(_("registered on"), null=True, blank=True)
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", person="person_id")
    text_index = TextIndex("talent_intakeapplication", ("number",))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("talent intake application")
        verbose_name_plural = _("talent intake applications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["basis", "id"]),
            models.Index(fields=["street", "id"]),
            models.Index(fields=["submitted_on", "id"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:intake", args=[self.pk])


class TalentCategory(TimeStampedModel):
    """A category of district high-level talent (认定类别) as configuration: its level, who qualifies (a
    condition of the rules language over ``talent.candidate``), how many experts score an application
    and the mean it needs, how long a certificate is valid, and when a renewal may be filed."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=2, choices=TalentLevel.choices)
    description = models.TextField(_("description"), blank=True)
    criteria = models.JSONField(_("criteria (rules)"), default=dict, blank=True)
    materials = models.TextField(_("materials (one per line)"), blank=True)
    experts_required = models.PositiveSmallIntegerField(
        _("experts per application"), default=3, validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    pass_mark = models.DecimalField(
        _("pass mark (mean score)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("60.00"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"), default=3, validators=[MinValueValidator(1)]
    )
    renewal_window_days = models.PositiveSmallIntegerField(
        _("renewal window before expiry (days)"), default=90
    )
    active = models.BooleanField(_("active"), default=True)

    # The categories are the district's: everyone who may read certifications reads them all.
    scope_paths = ScopePaths(permission="talent.view_certification", unrestricted=True)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("talent category")
        verbose_name_plural = _("talent categories")
        ordering = ["level", "code"]

    def __str__(self) -> str:
        return in_language(self.name, self.name_en)

    def get_absolute_url(self) -> str:
        return reverse("talent:category_edit", args=[self.pk])

    @property
    def material_lines(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class Certification(Case):
    """An application for district high-level talent certification (区高层次人才认定申请) and, once
    certified, the certificate: its number (unique and sequential in its year) and validity."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    employer = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("employer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    category = models.ForeignKey(
        TalentCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="certifications"
    )
    renewal_of = models.ForeignKey(
        "self",
        verbose_name=_("renewal of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="renewals",
    )
    submitted_on = models.DateField(_("submitted on"))
    # The candidate's age on the day of filing and the figures they state (the criteria read them).
    age = models.PositiveSmallIntegerField(_("age when filed"), null=True, blank=True)
    annual_salary = models.DecimalField(_("annual salary (yuan)"), null=True, blank=True, **MONEY_CT)
    annual_tax = models.DecimalField(
        _("individual income tax paid last year (yuan)"), null=True, blank=True, **MONEY_CT
    )
    statement = models.TextField(_("statement"), blank=True)
    # What the rules found (core.rules.trace), kept with the decision it led to.
    criteria_trace = models.JSONField(_("criteria check"), default=dict, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent to the experts by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    expert_mean = models.DecimalField(
        _("experts' mean score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    experts_passed = models.BooleanField(_("the experts' mean reaches the pass mark"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", person="person_id")
    text_index = TextIndex("talent_certification", ("number", "certificate_number"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("talent certification")
        verbose_name_plural = _("talent certifications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["category", "id"]),
            models.Index(fields=["street", "id"]),
            models.Index(fields=["valid_until", "id"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["certificate_number"],
                condition=~Q(certificate_number=""),
                name="talent_certificate_number_once",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:certification", args=[self.pk])


class CertificationEvidence(TimeStampedModel):
    """One piece of evidence of a certification application (证明材料): what it proves and the file,
    stored as the platform stores every case's files (``core.attachments``: checked by content, kept
    outside the web root, served only to those who may see the case)."""

    certification = models.ForeignKey(
        Certification, verbose_name=_("certification"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EvidenceKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    attachment = models.ForeignKey(
        "core.CaseAttachment",
        verbose_name=_("file"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("certification evidence")
        verbose_name_plural = _("certification evidence")
        ordering = ["certification", "id"]
        indexes = [models.Index(fields=["certification", "kind"])]

    def __str__(self) -> str:
        return f"{self.certification} {self.get_kind_display()}"


class ExpertReview(TimeStampedModel):
    """One expert's review of a certification application (专家评审): the expert, the score (0–100) and
    the opinion; empty until the expert scores."""

    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        on_delete=models.CASCADE,
        related_name="expert_reviews",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.PositiveSmallIntegerField(
        _("score"), null=True, blank=True, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    opinion = models.TextField(_("opinion"), blank=True)
    scored_on = models.DateField(_("scored on"), null=True, blank=True)

    class Meta:
        verbose_name = _("expert review")
        verbose_name_plural = _("expert reviews")
        ordering = ["certification", "id"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "expert"], name="talent_expert_once"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="talent_expert_score_range"
            ),
        ]
        indexes = [models.Index(fields=["expert", "scored_on"])]

    def __str__(self) -> str:
        return f"{self.certification} {self.expert}"
