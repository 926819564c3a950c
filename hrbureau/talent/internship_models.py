"""The internship subsidy's records (就业见习补贴, DOMAIN.md §5): the internship bases, each internship of a
young person at a base, and the months the base paid its intern (the claim)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.talent.internship_choices import BaseLevel, BaseState, InternGround, MonthState
from hrbureau.talent.models import MONEY


class InternshipBase(TimeStampedModel):
    """An internship base (就业见习基地/见习单位): an enterprise approved to take interns, at a level, with
    the posts it offers. A suspended base takes no new interns."""

    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="internship_base",
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    level = models.CharField(_("level"), max_length=20, choices=BaseLevel.choices, default=BaseLevel.DISTRICT)
    approved_on = models.DateField(_("approved on"))
    posts = models.TextField(_("posts offered (one per line)"), blank=True)
    places = models.PositiveIntegerField(_("places"), default=0)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=BaseState.choices, default=BaseState.ACTIVE)

    scope_paths = ScopePaths(
        street="street_id", enterprise="enterprise_id", permission="talent.view_internship"
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("internship base")
        verbose_name_plural = _("internship bases")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["level", "id"]),
            models.Index(fields=["street", "id"]),
        ]

    def __str__(self) -> str:
        return str(self.enterprise.name)

    @property
    def post_list(self) -> list[str]:
        return [line.strip() for line in self.posts.splitlines() if line.strip()]


class Internship(Case):
    """An internship (就业见习): a young person at a base on a post, from a start to an end day. Whether
    the intern qualifies is checked on the start day when it is registered; an approved internship's
    months are claimed by the base and paid as instalments of one subsidy application."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    person = models.ForeignKey(
        "people.Person", verbose_name=_("intern"), on_delete=models.PROTECT, related_name="+"
    )
    base = models.ForeignKey(
        InternshipBase,
        verbose_name=_("internship base"),
        on_delete=models.PROTECT,
        related_name="internships",
    )
    # The base's enterprise and street, copied so that scoping reads the case's own columns.
    employer = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("employer"), on_delete=models.PROTECT, related_name="+"
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    post = models.CharField(_("post"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    graduated_on = models.DateField(_("graduated on"), null=True, blank=True)
    ground = models.CharField(_("qualifies as"), max_length=20, choices=InternGround.choices, blank=True)
    refusal_reason = models.TextField(_("why refused"), blank=True)
    application = models.OneToOneField(
        "talent.SubsidyApplication",
        verbose_name=_("subsidy application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="internship",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", enterprise="employer_id", person="person_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("internship")
        verbose_name_plural = _("internships")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["base", "id"]),
            models.Index(fields=["street", "id"]),
            models.Index(fields=["starts_on", "id"]),
            models.Index(fields=["person", "state"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("talent:internship", args=[self.pk])

    @property
    def enterprise_id(self) -> int:
        """The enterprise the internship is about (its base's), as the lists' ``enterprise`` filter names it."""
        return self.employer_id


class InternshipMonth(TimeStampedModel):
    """One month of an internship as the base claims it (见习补贴月度申领): what the base paid the intern,
    the minimum wage in force that month, and the subsidy worked out from them — zero, with the reason,
    when the base paid less than 80 % of the minimum wage. Approved, it is an instalment to pay."""

    internship = models.ForeignKey(
        Internship, verbose_name=_("internship"), on_delete=models.CASCADE, related_name="months"
    )
    month = models.DateField(_("month"))  # its first day
    paid = models.DecimalField(_("amount paid (yuan)"), **MONEY)
    minimum_wage = models.DecimalField(_("minimum wage (yuan)"), **MONEY)
    subsidy = models.DecimalField(_("subsidy (yuan)"), default=Decimal("0.00"), **MONEY)
    zero_reason = models.CharField(_("why no subsidy"), max_length=300, blank=True)
    state = models.CharField(
        _("state"), max_length=20, choices=MonthState.choices, default=MonthState.RECORDED
    )
    instalment = models.OneToOneField(
        "talent.Instalment",
        verbose_name=_("instalment"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="internship_month",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
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

    scope_paths = ScopePaths(
        street="internship__street_id",
        enterprise="internship__employer_id",
        person="internship__person_id",
        permission="talent.view_internship",
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("internship month")
        verbose_name_plural = _("internship months")
        ordering = ["internship", "month"]
        indexes = [models.Index(fields=["state", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["internship", "month"], name="talent_internship_month_once")
        ]

    def __str__(self) -> str:
        return f"{self.internship} {self.period}"

    @property
    def period(self) -> str:
        return self.month.strftime("%Y-%m")
