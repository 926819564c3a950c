"""Talent subsidies as configuration and their money (DOMAIN.md §5): a scheme says who may apply (rules),
how much (by degree, per month with a cap, in yearly instalments, internship months), what materials,
which approval levels, the window, a public notice and the schemes it excludes; an application runs on
the workflow core; an approved application owes instalments, which are paid through batches sent to the
bank and reconciled from its result file. One subsidy per person per scheme, whatever the channel (the
person — their ID number — is the key; a database constraint holds it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core.language import in_language
from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.talent.choices import (
    AmountRule,
    ApplicationState,
    Channel,
    Degree,
    InstalmentState,
    Payee,
    PaymentState,
)

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}  # yuan to the fen
# An application that ended without money frees the person to apply again.
LIVE_APPLICATION = ~Q(state__in=[ApplicationState.REFUSED, ApplicationState.WITHDRAWN])


class SubsidyScheme(TimeStampedModel):
    """A subsidy scheme (补贴项目) as configuration: who may apply (an expression in the rules language over
    the applicant), the amount rule, the materials, the approval levels, the window, the public notice
    and the schemes it excludes."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    department = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    eligibility = models.TextField(_("who may apply (rules)"), blank=True)
    amount_rule = models.CharField(_("amount rule"), max_length=20, choices=AmountRule.choices)
    fixed_amount = models.DecimalField(_("fixed amount (yuan)"), null=True, blank=True, **MONEY)
    monthly_amount = models.DecimalField(_("amount per month (yuan)"), null=True, blank=True, **MONEY)
    max_months = models.PositiveSmallIntegerField(_("months at most"), null=True, blank=True)
    instalments = models.PositiveSmallIntegerField(_("yearly instalments"), default=1)
    reverify = models.BooleanField(_("re-verify before each later instalment"), default=False)
    payee = models.CharField(_("paid to"), max_length=20, choices=Payee.choices, default=Payee.PERSON)
    materials = models.TextField(_("materials (one per line)"), blank=True)
    opens_on = models.DateField(_("applications open on"), null=True, blank=True)
    closes_on = models.DateField(_("applications close on"), null=True, blank=True)
    notice_days = models.PositiveSmallIntegerField(_("public notice (working days, 0 = none)"), default=0)
    employer_confirms = models.BooleanField(_("the employer confirms"), default=False)
    excludes = models.ManyToManyField("self", verbose_name=_("excludes"), blank=True, symmetrical=True)
    active = models.BooleanField(_("active"), default=True)

    # The schemes are the district's: everyone who may read subsidies reads them all.
    scope_paths = ScopePaths(permission="talent.view_subsidyapplication", unrestricted=True)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("subsidy scheme")
        verbose_name_plural = _("subsidy schemes")
        ordering = ["code"]

    def __str__(self) -> str:
        return in_language(self.name, self.name_en)

    def get_absolute_url(self) -> str:
        return reverse("talent:scheme", args=[self.pk])


class SchemeRate(models.Model):
    """A by-degree scheme's amount and age limit for one degree (bachelor 15,000 yuan, under 30)."""

    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="rates"
    )
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices)
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    age_below = models.PositiveSmallIntegerField(_("age below"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheme rate")
        verbose_name_plural = _("scheme rates")
        ordering = ["scheme", "amount"]
        constraints = [models.UniqueConstraint(fields=["scheme", "degree"], name="talent_rate_once")]

    def __str__(self) -> str:
        return f"{self.scheme} {self.get_degree_display()}"


class SchemeLevel(models.Model):
    """One approval level of a scheme: its number (1, 2, …) and the role that decides it."""

    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("scheme"), on_delete=models.CASCADE, related_name="levels"
    )
    number = models.PositiveSmallIntegerField(_("level"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    title = models.CharField(_("title"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("approval level")
        verbose_name_plural = _("approval levels")
        ordering = ["scheme", "number"]
        constraints = [models.UniqueConstraint(fields=["scheme", "number"], name="talent_level_once")]

    def __str__(self) -> str:
        return f"{self.scheme} L{self.number}"


class SubsidyApplication(Case):
    """An application for a subsidy (补贴申请): the person (the key), their employer, degree, the bank
    account to pay, the amount worked out by the scheme's rule, its levels and public notice."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("scheme"), on_delete=models.PROTECT, related_name="applications"
    )
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
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PORTAL)
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, blank=True)
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    months = models.PositiveSmallIntegerField(_("months"), null=True, blank=True)
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, **MONEY)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    account_name = models.CharField(_("account name"), max_length=100, blank=True)
    account_number = models.CharField(_("account number"), max_length=40, blank=True)
    statement = models.TextField(_("statement"), blank=True)
    levels_approved = models.PositiveSmallIntegerField(_("levels approved"), default=0)
    employer_confirmed_on = models.DateField(_("employer confirmed on"), null=True, blank=True)
    notice_starts = models.DateField(_("public notice from"), null=True, blank=True)
    notice_ends = models.DateField(_("public notice until"), null=True, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", enterprise="employer_id", person="person_id")
    text_index = TextIndex("talent_subsidyapplication", ("number",))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("subsidy application")
        verbose_name_plural = _("subsidy applications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["scheme", "id"]),
            models.Index(fields=["street", "id"]),
            models.Index(fields=["person", "scheme"]),
        ]
        constraints = [
            # One subsidy per person per scheme, across portal, counter and import (DOMAIN.md §5).
            models.UniqueConstraint(
                fields=["scheme", "person"], condition=LIVE_APPLICATION, name="talent_subsidy_once"
            )
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:application", args=[self.pk])


class SubsidyDecision(TimeStampedModel):
    """One decision on an application (审批记录): the level (0 for the employer's confirmation), what was
    decided, who and why. The maker of a level is never its checker."""

    application = models.ForeignKey(
        SubsidyApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="decisions"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    decision = models.CharField(_("decision"), max_length=20)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("subsidy decision")
        verbose_name_plural = _("subsidy decisions")
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application} L{self.level} {self.decision}"


class Instalment(TimeStampedModel):
    """One payment owed on an approved application: the first at approval, each later one (yearly, or
    per internship month) when due and, where the scheme asks, after re-verification that the person
    still works in the district."""

    application = models.ForeignKey(
        SubsidyApplication,
        verbose_name=_("application"),
        on_delete=models.PROTECT,
        related_name="instalments",
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    period = models.CharField(_("period"), max_length=10, blank=True)  # "2026" or "2026-03"
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    due_on = models.DateField(_("due on"))
    state = models.CharField(
        _("state"), max_length=20, choices=InstalmentState.choices, default=InstalmentState.WAITING
    )
    verified_on = models.DateField(_("re-verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("re-verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    stop_reason = models.TextField(_("why stopped"), blank=True)

    scope_paths = ScopePaths(
        street="application__street_id",
        enterprise="application__employer_id",
        person="application__person_id",
        permission="talent.view_subsidyapplication",
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("instalments")
        ordering = ["application", "number"]
        indexes = [models.Index(fields=["state", "due_on", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="talent_instalment_once")
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.number}"


class PaymentBatch(Case):
    """A disbursement batch (发放批次): due instalments gathered, the bank's payment file, the bank's
    result file reconciled."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    exported_at = models.DateTimeField(_("sent to the bank at"), null=True, blank=True)
    reconciled_at = models.DateTimeField(_("reconciled at"), null=True, blank=True)
    count = models.PositiveIntegerField(_("payments"), default=0)
    total = models.DecimalField(_("total (yuan)"), default=Decimal("0.00"), **MONEY)

    scope_paths = ScopePaths(permission="talent.view_payment")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:batch", args=[self.pk])


class Payment(TimeStampedModel):
    """One line of a batch: the instalment, the payee and account as sent, and what the bank said. An
    instalment has at most one payment sent or paid (a database constraint): nothing is paid twice."""

    batch = models.ForeignKey(
        PaymentBatch, verbose_name=_("batch"), on_delete=models.PROTECT, related_name="payments"
    )
    instalment = models.ForeignKey(
        Instalment, verbose_name=_("instalment"), on_delete=models.PROTECT, related_name="payments"
    )
    line = models.PositiveIntegerField(_("line"))
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    payee_name = models.CharField(_("payee"), max_length=200)
    bank_name = models.CharField(_("bank"), max_length=100, blank=True)
    account_number = models.CharField(_("account number"), max_length=40)
    state = models.CharField(
        _("state"), max_length=20, choices=PaymentState.choices, default=PaymentState.DRAFTED
    )
    receipt_number = models.CharField(_("receipt number"), max_length=60, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=300, blank=True)
    reconciled_at = models.DateTimeField(_("reconciled at"), null=True, blank=True)

    scope_paths = ScopePaths(
        street="instalment__application__street_id",
        person="instalment__application__person_id",
        permission="talent.view_payment",
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["batch", "line"]
        indexes = [models.Index(fields=["state", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["batch", "line"], name="talent_payment_line_once"),
            # Nothing paid twice: one payment in a batch, in flight or paid per instalment.
            models.UniqueConstraint(
                fields=["instalment"],
                condition=Q(state__in=[PaymentState.DRAFTED, PaymentState.SENT, PaymentState.PAID]),
                name="talent_payment_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.batch} {self.line}"


# --- the parts' models (internship, registers, …) ---
# --- certification ---
from hrbureau.talent.certification_models import (  # noqa: E402,F401 (certification)
    Certification,
    CertificationEvidence,
    ExpertReview,
    IntakeApplication,
    TalentCategory,
)
from hrbureau.talent.internship_models import *  # noqa: E402, F403 (internship)
from hrbureau.talent.registers_models import (  # noqa: E402,F401 (the registers' models, registers)
    ActionProgress,
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    RoundResult,
    StationAssessment,
    TalentContest,
)

# --- subsidies ---
from hrbureau.talent.subsidy_models import ObjectionOutcome, SubsidyObjection  # noqa: E402, F401
