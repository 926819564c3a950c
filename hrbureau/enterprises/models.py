from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from hrbureau.core.language import in_language
from hrbureau.core.models import TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.enterprises.choices import EnterpriseStatus, IndustrySection, SizeClass


class EnterpriseTag(TimeStampedModel):
    """A label an administrator attaches to enterprises (企业标签): key enterprise, 专精特新 "little
    giant", postdoc workstation, HR-service industry reporting enterprise (纳统企业), and more."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("enterprise tag")
        verbose_name_plural = _("enterprise tags")
        ordering = ["code"]

    def __str__(self) -> str:
        return in_language(self.name, self.name_en)


class Enterprise(TimeStampedModel):
    """An enterprise registered in the district (企业): the one record every business line shares,
    identified by its unified social credit code (统一社会信用代码, USCC)."""

    uscc = models.CharField(_("unified social credit code"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=200)
    former_names = models.JSONField(_("former names"), default=list, blank=True)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    registered_address = models.CharField(_("registered address"), max_length=300, blank=True)
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (street, id) index below serves it
        related_name="+",
        limit_choices_to={"kind": "street"},
    )
    community = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("community"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "community"},
    )
    grid = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("grid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (grid, id) index below serves it
        related_name="+",
        limit_choices_to={"kind": "grid"},
    )
    industry_section = models.CharField(
        _("industry section"), max_length=1, choices=IndustrySection.choices, blank=True
    )
    industry_division = models.CharField(_("industry division"), max_length=2, blank=True)
    size_class = models.CharField(_("size class"), max_length=10, choices=SizeClass.choices, blank=True)
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    registration_date = models.DateField(_("registration date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=EnterpriseStatus.choices, default=EnterpriseStatus.ACTIVE
    )
    tags = models.ManyToManyField(
        EnterpriseTag, verbose_name=_("tags"), blank=True, related_name="enterprises"
    )

    scope_paths = ScopePaths(street="street_id", grid="grid_id", enterprise="id")
    text_index = TextIndex("enterprises_enterprise", ("name", "registered_address", "uscc"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["id"]
        # Each index costs every import row a write: these serve the list's filters and orders (keyset
        # on id or on name, id); the search has its own trigram indexes.
        indexes = [
            models.Index(fields=["street", "id"]),
            models.Index(fields=["grid", "id"]),
            models.Index(fields=["status", "id"]),
            models.Index(fields=["industry_section", "id"]),
            models.Index(fields=["size_class", "id"]),
            models.Index(fields=["name", "id"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def industry_name(self) -> str:
        """The industry by its GB/T 4754 name in the reader's language ("通用设备制造业"), not its code."""
        from hrbureau.enterprises.industries import industry_name

        return industry_name(self.industry_section, self.industry_division)

    @property
    def industry_code(self) -> str:
        return f"{self.industry_section}{self.industry_division}"


# --- Enterprise demands (企业诉求) ---------------------------------------------------------------------

from django.conf import settings  # noqa: E402
from django.core.validators import MaxValueValidator, MinValueValidator  # noqa: E402
from django.urls import reverse  # noqa: E402

from hrbureau.core.models import Case, DatedTimeLimit  # noqa: E402
from hrbureau.enterprises.demand_choices import DemandChannel, DemandKind, DemandState  # noqa: E402


class DemandReplyLimit(DatedTimeLimit):
    """How long the responsible unit has to reply to an enterprise's demand of each kind (诉求办理时限)
    [practice, configurable]: a new period is a new row from a new date; the row in force on the day a
    demand is filed governs it."""

    key = models.CharField(_("kind of demand"), max_length=30, choices=DemandKind.choices)

    class Meta:
        verbose_name = _("demand reply period")
        verbose_name_plural = _("demand reply periods")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="demandreplylimit_unique_start")
        ]


class EnterpriseDemand(Case):
    """A demand an enterprise puts to the bureau (企业诉求): filed on the portal or recorded by a service
    officer, routed to the department or street responsible, replied to within the period of its kind,
    and rated by the enterprise. A key demand (重点诉求) is followed by leadership."""

    state = models.CharField(_("state"), max_length=30, choices=DemandState.choices, db_index=True)
    number = models.CharField(_("number"), max_length=30, unique=True)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        db_index=False,  # the (enterprise, filed_on) index below serves it
        related_name="enterprise_demands",
    )
    # The enterprise's street when filed: a street sees the demands of its enterprises.
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        db_index=False,  # the (street, filed_on) index below serves it
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    kind = models.CharField(_("kind"), max_length=30, choices=DemandKind.choices)
    channel = models.CharField(_("channel"), max_length=20, choices=DemandChannel.choices)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    filed_on = models.DateField(_("filed on"))
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # 重点诉求: followed by leadership until it is replied.
    is_key = models.BooleanField(_("key demand"), default=False)
    # The department or street that must answer (set when routed; assigned_unit follows whoever acts now).
    responsible_unit = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("responsible unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reply = models.TextField(_("reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    replied_on_time = models.BooleanField(_("replied on time"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_comment = models.TextField(_("comment on the reply"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    # A demand filed by (or for) an enterprise is its own record: its account sees its own demands only.
    scope_paths = ScopePaths(street="street_id", enterprise="enterprise_id")
    text_index = TextIndex("enterprises_enterprisedemand", ("number", "title", "description"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("enterprise demand")
        verbose_name_plural = _("enterprise demands")
        ordering = ["-filed_on", "-id"]
        indexes = [
            models.Index(fields=["-filed_on", "-id"], name="entdemand_recent"),
            models.Index(fields=["street", "-filed_on"], name="entdemand_street"),
            models.Index(fields=["enterprise", "-filed_on"], name="entdemand_enterprise"),
            models.Index(fields=["assigned_unit", "state", "due_on"], name="entdemand_todo"),
            models.Index(fields=["state", "due_on"], name="entdemand_state_due"),
            models.Index(fields=["responsible_unit", "state"], name="entdemand_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("enterprises:demand", args=[self.pk])


# --- Key enterprises: service officers, 一企一策 plans, visits; labour-demand lists (issue 17) ----------
# Records about a key enterprise are scoped by its street (and grid); the plan's view permission is one
# for the whole service file. A labour demand is the enterprise's own record (its portal shows it).

from django.conf import settings  # noqa: E402

from hrbureau.core.dated import DatedRow  # noqa: E402
from hrbureau.core.models import Case  # noqa: E402
from hrbureau.enterprises.plan_choices import Education, ItemState, PlanArea  # noqa: E402

_PLAN_SCOPE: dict[str, Any] = {"street": "enterprise__street_id", "grid": "enterprise__grid_id"}


class EnterpriseOfficer(TimeStampedModel):
    """The service officer (服务专员) a key enterprise has: the staff member who keeps its plan."""

    enterprise = models.OneToOneField(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="service_officer"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(permission="enterprises.view_serviceplan", **_PLAN_SCOPE)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("service officer")
        verbose_name_plural = _("service officers")

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.officer}"


class ServicePlan(TimeStampedModel):
    """A key enterprise's service plan for a year (一企一策服务方案)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="service_plans"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("service officer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    summary = models.TextField(_("summary"), blank=True)

    scope_paths = ScopePaths(permission="enterprises.view_serviceplan", **_PLAN_SCOPE)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("service plan")
        verbose_name_plural = _("service plans")
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["enterprise", "year"], name="one_plan_per_year")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enterprises:plan", args=[self.pk])


class ServicePlanItem(Case):
    """One thing a plan promises the enterprise: what, who owns it (``assigned_user`` or
    ``assigned_unit``), by when (``due_on``: an item has no clock, its due day is set by hand) and how far
    it has come. Done on time: ``done_on <= due_on``."""

    plan = models.ForeignKey(
        ServicePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="items"
    )
    area = models.CharField(_("area"), max_length=20, choices=PlanArea.choices)
    task = models.TextField(_("what to do"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    # Whether the enterprise reads the item on its portal (an internal note to a unit is not shown).
    shared = models.BooleanField(_("shown to the enterprise"), default=True)

    scope_paths = ScopePaths(
        permission="enterprises.view_serviceplan",
        street="plan__enterprise__street_id",
        grid="plan__enterprise__grid_id",
        enterprise="plan__enterprise_id",
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["state", "due_on"])]

    def __str__(self) -> str:
        return self.task[:60]

    def get_absolute_url(self) -> str:
        # An item has no page of its own: it is shown, with its actions, on its plan's page.
        from django.urls import reverse

        return reverse("enterprises:plan", args=[self.plan_id])

    @property
    def on_time(self) -> bool:
        return (
            self.state == ItemState.DONE
            and self.done_on is not None
            and self.due_on is not None
            and (self.done_on <= self.due_on)
        )


class ServiceVisit(TimeStampedModel):
    """A visit of an officer to a key enterprise (走访记录)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="service_visits"
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.PROTECT, related_name="+"
    )
    visited_on = models.DateField(_("date"))
    met = models.CharField(_("who was met"), max_length=200)
    discussed = models.TextField(_("what was discussed"))
    follow_ups = models.TextField(_("follow-ups"), blank=True)

    scope_paths = ScopePaths(permission="enterprises.view_serviceplan", **_PLAN_SCOPE)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("service visit")
        verbose_name_plural = _("service visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.visited_on}"


class LabourDemand(Case):
    """A post an enterprise needs filled (用工需求清单的一行): the enterprise's own record, whether it wrote
    it on the portal or its officer did. ``filled`` counts the hires recorded against it."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="labour_demands"
    )
    post = models.CharField(_("post"), max_length=100)
    headcount = models.PositiveIntegerField(_("headcount"))
    skills = models.TextField(_("skills"), blank=True)
    education = models.CharField(
        _("education"), max_length=20, choices=Education.choices, default=Education.ANY
    )
    wage_min = models.DecimalField(
        _("wage from (yuan a month)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    wage_max = models.DecimalField(
        _("wage up to (yuan a month)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    filled = models.PositiveIntegerField(_("filled"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_portal = models.BooleanField(_("recorded on the portal"), default=False)

    scope_paths = ScopePaths(
        street="enterprise__street_id", grid="enterprise__grid_id", enterprise="enterprise_id"
    )
    text_index = TextIndex("enterprises_labourdemand", ("post", "skills"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("labour demand")
        verbose_name_plural = _("labour demands")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "id"])]

    def __str__(self) -> str:
        return f"{self.post} × {self.headcount}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("enterprises:labour_demand", args=[self.pk])

    @property
    def open_headcount(self) -> int:
        return max(self.headcount - self.filled, 0)


class ServiceSetting(DatedRow):
    """How the key-enterprise service reads its plans (dated, editable in the admin): how many days
    before its due day an open item comes onto its officer's to-do."""

    soon_days = models.PositiveSmallIntegerField(_("days before the due day an item is on the to-do"))

    class Meta:
        verbose_name = _("enterprise service setting")
        verbose_name_plural = _("enterprise service settings")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from}: {self.soon_days}"
