from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.language import in_language
from hrbureau.core.models import Case, DatedTimeLimit
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.petitions.choices import (
    CategoryKind,
    Channel,
    RedirectTarget,
    Satisfaction,
    TimeLimitKey,
    Track,
    WorkOrderState,
)


class TimeLimit(DatedTimeLimit):
    """A configurable time limit (时限) with the dates it is valid for: the 12345 limits by kind, the
    petition limits, the return window (DOMAIN.md §3). A new rule is a new row from a new date; the
    row in force on an order's receipt date is the one that applies to it."""

    key = models.CharField(_("time limit"), max_length=30, choices=TimeLimitKey.choices)

    class Meta:
        verbose_name = _("time limit")
        verbose_name_plural = _("time limits")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="timelimit_unique_start")]


class Category(models.Model):
    """A category of matter (诉求分类), e.g. wage arrears complaint, social-insurance enquiry. Its kind
    sets the 12345 time limit; its department and ``territorial`` flag suggest where to dispatch."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CategoryKind.choices)
    department = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("responsible department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Matters handled where they happen (wage arrears at a workplace): dispatched to the street of the
    # enterprise (or the person) named.
    territorial = models.BooleanField(_("handled by the street"), default=False)
    # A matter that belongs in arbitration or court: staff are reminded to redirect it.
    redirect_hint = models.CharField(
        _("usually belongs to"), max_length=20, choices=RedirectTarget.choices, blank=True
    )
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The English name on English pages when there is one, else the Chinese name."""
        return in_language(self.name, self.name_en)


class WorkOrder(Case):
    """A 12345 work order or a petition (工单 / 信访件): a matter a citizen or an enterprise raised, from
    intake to closure, with its time limits, dispatches, returns, reply, rating and reviews."""

    state = models.CharField(_("state"), max_length=30, choices=WorkOrderState.choices, db_index=True)
    number = models.CharField(_("number"), max_length=30, unique=True, null=True, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, db_index=True)
    track = models.CharField(_("rules"), max_length=10, choices=Track.choices)
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="orders"
    )
    title = models.CharField(_("title"), max_length=200)
    content = models.TextField(_("content"))
    petitioner_name = models.CharField(_("name of the person raising it"), max_length=100)
    petitioner_phone = models.CharField(_("phone"), max_length=20)
    # Who raised the matter: the person (a citizen by resident ID) or the enterprise that filed it. These,
    # and never the enterprise concerned, are what an individual's or an enterprise's account sees as its
    # own (信访工作条例: complaint material is not passed to the party complained about).
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person raising it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    filer_enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise raising it"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (filer_enterprise, received) index below serves it
        related_name="filed_work_orders",
    )
    # The enterprise the matter is about (a complaint's respondent): staff see the order on its page; its
    # own account never does.
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise concerned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="work_orders",
    )
    # The street where the matter lies; a street sees the orders of its street.
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The unit the order was last dispatched to (the one that handles and replies).
    handling_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("handling unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    external_no = models.CharField(_("external order number"), max_length=64, blank=True)
    received_at = models.DateTimeField(_("received"), db_index=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    bounces = models.PositiveSmallIntegerField(_("times returned"), default=0)
    reply = models.TextField(_("reply"), blank=True)
    replied_at = models.DateTimeField(_("replied"), null=True, blank=True)
    # The day the petitioner received the written reply (signed for it on the portal, or served as staff
    # recorded): the review window runs from it, not from the day the reply was sent (信访工作条例 Art.35).
    reply_received_on = models.DateField(_("reply received on"), null=True, blank=True)
    # The same for the review opinion: the re-review window runs from its receipt (Art.35).
    review_received_on = models.DateField(_("review opinion received on"), null=True, blank=True)
    # Whether the (last) reply came within the handling time limit.
    replied_on_time = models.BooleanField(_("replied on time"), null=True, blank=True)
    satisfaction = models.CharField(
        _("satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True, db_index=True
    )
    rework_count = models.PositiveSmallIntegerField(_("times reworked"), default=0)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, db_index=True)
    extended = models.BooleanField(_("extended"), default=False)
    reviews = models.PositiveSmallIntegerField(_("reviews requested"), default=0)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    # A petition on the same matter as an earlier one whose re-review was final: recognised however
    # much later it comes, and not accepted again (信访工作条例 Art.35).
    repeat_of = models.ForeignKey(
        "self",
        verbose_name=_("same matter as the re-reviewed petition"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="repeats",
    )
    redirected_to = models.CharField(
        _("redirected to"), max_length=20, choices=RedirectTarget.choices, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # An enterprise's or a person's account owns what it raised, never what is raised about it.
    scope_paths = ScopePaths(street="street_id", enterprise="filer_enterprise_id", person="person_id")
    # The list's search: numbers, the title and the name of who raised it (core.textsearch).
    text_index = TextIndex("petitions_workorder", ("number", "external_no", "title", "petitioner_name"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        ordering = ["-received_at", "-id"]
        constraints = [
            # The city platform may resend an order: its number is the idempotency key.
            models.UniqueConstraint(
                fields=["channel", "external_no"],
                name="workorder_unique_external_no",
                condition=~Q(external_no=""),
            ),
        ]
        indexes = [
            models.Index(fields=["-received_at", "-id"], name="workorder_received"),
            models.Index(fields=["assigned_unit", "state", "due_on"], name="workorder_todo"),
            models.Index(fields=["street", "-received_at", "-id"], name="workorder_street"),
            models.Index(fields=["state", "due_on"], name="workorder_state_due"),
            models.Index(fields=["person", "-received_at"], name="workorder_person"),
            models.Index(fields=["filer_enterprise", "-received_at"], name="workorder_filer_enterprise"),
            models.Index(fields=["petitioner_phone", "-received_at"], name="workorder_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.number or '—'} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:detail", args=[self.pk])

    @property
    def state_enum(self) -> WorkOrderState:
        return WorkOrderState(self.state)

    @property
    def is_petition(self) -> bool:
        return self.track == Track.PETITION

    @property
    def review_last_day(self) -> Any:
        """The last day to ask for the next review (None while the answer's receipt is not recorded)."""
        from hrbureau.petitions.rules import review_last_day

        return review_last_day(self) if self.state in ("replied", "closed") else None
