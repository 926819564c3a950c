"""The policy library and what became of each policy for each enterprise or person (DOMAIN.md §5)."""

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
from hrbureau.core.models import Case, DatedTimeLimit, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.policies.choices import (
    AmountRule,
    Beneficiary,
    DeliveryKind,
    GrantChannel,
    GrantPeriod,
    MatchState,
    TimeLimitKey,
)

MONEY: dict[str, Any] = {"max_digits": 14, "decimal_places": 2}  # yuan to the fen


class PolicyDocument(TimeStampedModel):
    """A policy document (政策文件) as issued: its title, number (文号), issuer and date. Its measures are
    the items staff write up from it."""

    title = models.CharField(_("title"), max_length=300)
    doc_number = models.CharField(_("document number"), max_length=100, blank=True)
    issuer = models.CharField(_("issued by"), max_length=200, blank=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    url = models.URLField(_("address of the full text"), blank=True)

    # The library is the district's: everyone allowed to read it (the streets included) reads all of it.
    scope_paths = ScopePaths(permission="policies.view_item", unrestricted=True)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["-issued_on", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("policies:document", args=[self.pk])


class PolicyPackage(TimeStampedModel):
    """A package of measures the district announces together (政策包), such as 治欠保支“硬八条”: its
    short name and how many items it announces."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    short_name = models.CharField(_("short name"), max_length=50, blank=True)  # “硬八条”
    description = models.TextField(_("description"), blank=True)
    document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="packages",
    )
    announced_items = models.PositiveSmallIntegerField(_("items announced"), default=0)

    # The library is the district's: everyone allowed to read it (the streets included) reads all of it.
    scope_paths = ScopePaths(permission="policies.view_item", unrestricted=True)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("policy package")
        verbose_name_plural = _("policy packages")
        ordering = ["code"]

    def __str__(self) -> str:
        return in_language(self.name, self.name_en)

    def get_absolute_url(self) -> str:
        return reverse("policies:package", args=[self.pk])


class PolicyItem(Case):
    """One measure of a policy (政策条目): what it gives, to whom (eligibility in the rules language),
    how it is claimed (免申即享 or 快申快享) and the claim guide (办事指南). Published only after review
    and only with its guide (the workflow's guard)."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    package = models.ForeignKey(
        PolicyPackage,
        verbose_name=_("package"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    document = models.ForeignKey(
        PolicyDocument,
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="items",
    )
    title = models.CharField(_("title"), max_length=300)
    benefit = models.TextField(_("benefit"), blank=True)
    beneficiary = models.CharField(
        _("for"), max_length=20, choices=Beneficiary.choices, default=Beneficiary.ENTERPRISE
    )
    kind = models.CharField(
        _("delivery"), max_length=20, choices=DeliveryKind.choices, default=DeliveryKind.APPLY
    )
    department = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Eligibility: a condition of the rules language (core.rules) over the beneficiary's subject.
    eligibility = models.JSONField(_("eligibility"), default=dict, blank=True)
    amount_rule = models.CharField(
        _("amount rule"), max_length=20, choices=AmountRule.choices, default=AmountRule.NONE
    )
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, **MONEY)
    amount_cap = models.DecimalField(_("cap (yuan)"), null=True, blank=True, **MONEY)
    grant_period = models.CharField(
        _("granted"), max_length=10, choices=GrantPeriod.choices, default=GrantPeriod.YEAR
    )
    approval_levels = models.PositiveSmallIntegerField(
        _("approval levels"), default=1, validators=[MinValueValidator(1), MaxValueValidator(3)]
    )
    # The claim guide (办事指南): no item is published without materials, steps, where and contact.
    guide_materials = models.TextField(_("materials"), blank=True)
    guide_steps = models.TextField(_("steps"), blank=True)
    guide_where = models.TextField(_("where and when"), blank=True)
    guide_contact = models.CharField(_("contact"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    published_on = models.DateField(_("published on"), null=True, blank=True)
    # Who wrote the draft last (created or edited it): never its reviewer or publisher (maker ≠ checker).
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last edited by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # The library is the district's: everyone allowed to read it (the streets included) reads all of it.
    scope_paths = ScopePaths(permission="policies.view_item", unrestricted=True)
    text_index = TextIndex("policies_policyitem", ("number", "title", "benefit"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("policy item")
        verbose_name_plural = _("policy items")
        ordering = ["number"]
        indexes = [models.Index(fields=["state", "id"]), models.Index(fields=["package", "id"])]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("policies:item", args=[self.pk])

    @property
    def subject_key(self) -> str:
        """The rules subject the item's eligibility speaks of (``policies.rules``)."""
        from hrbureau.policies.rules import ENTERPRISE_SUBJECT, PERSON_SUBJECT

        return PERSON_SUBJECT if self.beneficiary == Beneficiary.PERSON else ENTERPRISE_SUBJECT

    @property
    def has_guide(self) -> bool:
        return all(
            (value or "").strip()
            for value in (self.guide_materials, self.guide_steps, self.guide_where, self.guide_contact)
        )

    def amount_for(self, *, employees: int | None) -> Decimal | None:
        """The grant's amount under the item's rule (None when the rule cannot say)."""
        if self.amount_rule == AmountRule.FIXED:
            return self.amount
        if self.amount_rule == AmountRule.PER_EMPLOYEE:
            if self.amount is None or employees is None:
                return None
            total = self.amount * employees
            return min(total, self.amount_cap) if self.amount_cap is not None else total
        return None


class PolicyMatch(TimeStampedModel):
    """A policy item found to fit an enterprise or a person (政策匹配): pushed to it, then read, applied
    for and granted or refused. ``flagged_on``: it stopped qualifying before a grant (re-check)."""

    item = models.ForeignKey(
        PolicyItem, verbose_name=_("policy item"), on_delete=models.CASCADE, related_name="matches"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Copied from the enterprise or person so that street staff see their street's matches.
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(_("state"), max_length=20, choices=MatchState.choices, default=MatchState.PUSHED)
    matched_on = models.DateField(_("matched on"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    still_qualifies = models.BooleanField(_("still qualifies"), default=True)
    flagged_on = models.DateField(_("no longer qualifies since"), null=True, blank=True)

    scope_paths = ScopePaths(street="street_id", enterprise="enterprise_id", person="person_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("policy match")
        verbose_name_plural = _("policy matches")
        ordering = ["-matched_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "enterprise"],
                condition=Q(enterprise__isnull=False),
                name="policies_match_one_per_enterprise",
            ),
            models.UniqueConstraint(
                fields=["item", "person"],
                condition=Q(person__isnull=False),
                name="policies_match_one_per_person",
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "state"]),
            models.Index(fields=["item", "state"]),
            models.Index(fields=["street", "id"]),
        ]

    def __str__(self) -> str:
        return f"{self.item.number} → {self.enterprise or self.person}"

    @property
    def number(self) -> str:
        """A match is known by its item's number (a notice about it names it)."""
        return self.item.number


class PolicyApplication(Case):
    """An application for a 快申快享 item (政策申请): materials, review at the item's levels, supplement
    requests that pause the payout clock, and the payout. The payout clock starts when the application is
    complete (DOMAIN.md §5: paid within 60 working days of a complete application [configurable])."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    item = models.ForeignKey(
        PolicyItem, verbose_name=_("policy item"), on_delete=models.PROTECT, related_name="applications"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
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
    match = models.ForeignKey(
        PolicyMatch,
        verbose_name=_("match"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    period = models.CharField(_("period"), max_length=10)  # "2026", or "once"
    statement = models.TextField(_("statement"), blank=True)
    amount_requested = models.DecimalField(_("amount requested (yuan)"), null=True, blank=True, **MONEY)
    amount_approved = models.DecimalField(_("amount approved (yuan)"), null=True, blank=True, **MONEY)
    complete_on = models.DateField(_("complete on"), null=True, blank=True)
    levels_approved = models.PositiveSmallIntegerField(_("levels approved"), default=0)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    payment_reference = models.CharField(_("payment reference"), max_length=100, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", enterprise="enterprise_id", person="person_id")
    text_index = TextIndex("policies_policyapplication", ("number",))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("policy application")
        verbose_name_plural = _("policy applications")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["item", "id"]),
            models.Index(fields=["street", "id"]),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("policies:application", args=[self.pk])


class ApplicationDecision(TimeStampedModel):
    """One reviewer's decision on an application at one level (审批记录): who, which level, what and why.
    The maker of a level is never its checker."""

    application = models.ForeignKey(
        PolicyApplication, verbose_name=_("application"), on_delete=models.CASCADE, related_name="decisions"
    )
    level = models.PositiveSmallIntegerField(_("level"))
    decision = models.CharField(_("decision"), max_length=20)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("application decision")
        verbose_name_plural = _("application decisions")
        ordering = ["application", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.application} L{self.level} {self.decision}"


class GrantList(Case):
    """A 免申即享 grant list (免申即享名单): generated from the data for one item and period, checked and
    confirmed by a person, then announced; its entries become grants when it is confirmed."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    item = models.ForeignKey(
        PolicyItem, verbose_name=_("policy item"), on_delete=models.PROTECT, related_name="grant_lists"
    )
    period = models.CharField(_("period"), max_length=10)
    generated_on = models.DateField(_("generated on"))
    confirmed_on = models.DateField(_("confirmed on"), null=True, blank=True)
    announced_on = models.DateField(_("announced on"), null=True, blank=True)
    total_amount = models.DecimalField(_("total (yuan)"), default=Decimal("0.00"), **MONEY)

    scope_paths = ScopePaths(permission="policies.view_grant")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("no-application grant list")
        verbose_name_plural = _("no-application grant lists")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("policies:grantlist", args=[self.pk])


class GrantListEntry(TimeStampedModel):
    """One enterprise on a grant list with its amount; a reviewer may strike it out with a reason."""

    grant_list = models.ForeignKey(
        GrantList, verbose_name=_("grant list"), on_delete=models.CASCADE, related_name="entries"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, **MONEY)
    excluded = models.BooleanField(_("struck out"), default=False)
    exclude_reason = models.CharField(_("why struck out"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("grant list entry")
        verbose_name_plural = _("grant list entries")
        ordering = ["grant_list", "id"]
        constraints = [
            models.UniqueConstraint(fields=["grant_list", "enterprise"], name="policies_grantlist_entry_once")
        ]

    def __str__(self) -> str:
        return f"{self.grant_list} {self.enterprise_id}"


class Grant(TimeStampedModel):
    """A benefit granted (兑现): one per enterprise (or person) per item per period, whatever the channel —
    an application, a 免申即享 list or an import (the database refuses a second)."""

    item = models.ForeignKey(
        PolicyItem, verbose_name=_("policy item"), on_delete=models.PROTECT, related_name="grants"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
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
    period = models.CharField(_("period"), max_length=10)
    amount = models.DecimalField(_("amount (yuan)"), null=True, blank=True, **MONEY)
    granted_on = models.DateField(_("granted on"))
    channel = models.CharField(_("channel"), max_length=20, choices=GrantChannel.choices)
    application = models.OneToOneField(
        PolicyApplication,
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grant",
    )
    grant_list = models.ForeignKey(
        GrantList,
        verbose_name=_("grant list"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="grants",
    )

    scope_paths = ScopePaths(
        street="street_id", enterprise="enterprise_id", person="person_id", permission="policies.view_grant"
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-granted_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "enterprise", "period"],
                condition=Q(enterprise__isnull=False),
                name="policies_grant_once_per_enterprise",
            ),
            models.UniqueConstraint(
                fields=["item", "person", "period"],
                condition=Q(person__isnull=False),
                name="policies_grant_once_per_person",
            ),
            models.CheckConstraint(
                condition=Q(enterprise__isnull=False) | Q(person__isnull=False),
                name="policies_grant_has_beneficiary",
            ),
        ]
        indexes = [models.Index(fields=["street", "id"]), models.Index(fields=["item", "granted_on"])]

    def __str__(self) -> str:
        return f"{self.item.number} {self.period} {self.amount}"


class TimeLimit(DatedTimeLimit):
    """The policy line's configurable time limits: payout within N working days of a complete
    application (DOMAIN.md §5: 60), the work manual and guide within N working days of a policy (7)."""

    key = models.CharField(_("time limit"), max_length=30, choices=TimeLimitKey.choices)

    class Meta:
        verbose_name = _("policy time limit")
        verbose_name_plural = _("policy time limits")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="policies_timelimit_unique_start")
        ]
