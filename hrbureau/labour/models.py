"""Labour-relations risk early warning (安格＋劳资防范预警): inspections, hidden risks, the enterprise risk
score and its warning levels, and survey samples (DESIGN.md app ``labour``; the seed's grid screening)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import Case, DatedTimeLimit, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.labour.choices import (
    ChecklistGroup,
    InspectionKind,
    RiskState,
    RiskType,
    ScoreComponentKey,
    Severity,
    SurveyState,
    TimeLimitKey,
    WarningLevel,
)

if TYPE_CHECKING:
    from hrbureau.accounts.models import OrgUnit


def _place(related_name: str, verbose: Any) -> models.ForeignKey[OrgUnit | None, OrgUnit | None]:
    """Where a record lies (street or grid), copied from its enterprise for scoping and the figures."""
    return models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=verbose,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class TimeLimit(DatedTimeLimit):
    """How long a risk of each severity may take to resolve, and the verification limit [configurable]."""

    key = models.CharField(_("time limit"), max_length=30, choices=TimeLimitKey.choices)

    class Meta:
        verbose_name = _("risk time limit")
        verbose_name_plural = _("risk time limits")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="labour_timelimit_unique_start")
        ]


class ChecklistItem(models.Model):
    """One question of the inspection checklist (检查清单), admin-editable. A "no" suggests a risk of
    ``risk_type`` to the inspector."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    group = models.CharField(_("group"), max_length=10, choices=ChecklistGroup.choices)
    question = models.CharField(_("question"), max_length=200)
    question_en = models.CharField(_("English question"), max_length=200, blank=True)
    risk_type = models.CharField(_("risk suggested by a no"), max_length=20, choices=RiskType.choices)
    active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        if self.question_en and not (get_language() or "zh").startswith("zh"):
            return self.question_en
        return self.question


class InspectionPlan(TimeStampedModel):
    """A round of visits (排查计划): which enterprises, by whom, in which period."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("planned by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("inspection plan")
        verbose_name_plural = _("inspection plans")
        ordering = ["-starts_on", "-id"]

    def __str__(self) -> str:
        return self.name


class PlanTarget(models.Model):
    """One enterprise to visit in a plan, in the grid it lies in; done when its inspection is recorded."""

    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="targets")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    street = _place("+", _("street"))
    grid = _place("+", _("grid"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    inspection = models.ForeignKey(
        "Inspection", verbose_name=_("inspection"), null=True, blank=True, on_delete=models.SET_NULL
    )
    # Why it is in the plan: the warning level and score when it was drawn from the early-warning list.
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    scope_paths = ScopePaths(street="street_id", grid="grid_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        ordering = ["plan", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "enterprise"], name="plantarget_unique")]
        indexes = [models.Index(fields=["grid", "inspection"], name="plantarget_grid")]

    def __str__(self) -> str:
        return f"{self.plan} · {self.enterprise}"


class Inspection(TimeStampedModel):
    """A visit to an enterprise (走访排查): who, when, the checklist answers, photos, what was found."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InspectionKind.choices)
    visited_on = models.DateField(_("visited on"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("inspector"), on_delete=models.PROTECT, related_name="+"
    )
    # Where the enterprise lay when it was visited: scoping and the figures by street.
    street = _place("+", _("street"))
    grid = _place("+", _("grid"))
    answers = models.JSONField(_("checklist answers"), default=dict, blank=True)
    workers_present = models.PositiveIntegerField(_("workers on site"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    risks_found = models.PositiveSmallIntegerField(_("risks found"), default=0)

    scope_paths = ScopePaths(street="street_id", grid="grid_id")
    objects = ScopedManager()
    # The list's search: the notes (core.textsearch); the enterprise's name and code too.
    text_index = TextIndex("labour_inspection", ("notes",))

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-visited_on", "-id"]
        indexes = [
            models.Index(fields=["-visited_on", "-id"], name="inspection_recent"),
            models.Index(fields=["street", "visited_on"], name="inspection_street"),
            models.Index(fields=["enterprise", "visited_on"], name="inspection_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("labour:inspection", args=[self.pk])


class Risk(Case):
    """A hidden labour-relations risk (劳资隐患): found → assigned → being resolved → resolved → verified,
    with a resolution deadline by severity and the supervision ladder."""

    state = models.CharField(_("state"), max_length=30, choices=RiskState.choices, db_index=True)
    number = models.CharField(_("number"), max_length=30, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="risks"
    )
    inspection = models.ForeignKey(
        Inspection,
        verbose_name=_("found in inspection"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="risks",
    )
    street = _place("+", _("street"))
    grid = _place("+", _("grid"))
    risk_type = models.CharField(_("type"), max_length=20, choices=RiskType.choices, db_index=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    workers_affected = models.PositiveIntegerField(_("workers affected"), default=0)
    arrears_amount = models.DecimalField(
        _("amount in arrears"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    description = models.TextField(_("description"))
    found_on = models.DateField(_("found on"), db_index=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("found by"), on_delete=models.PROTECT, related_name="+"
    )
    # Reported to the department head at once (a severe risk, or escalated by hand).
    escalated = models.BooleanField(_("escalated to the department head"), default=False)
    # Why (the escalation rule's trace, language-neutral; worded when read).
    escalation_trace = models.JSONField(_("escalation reasons"), default=dict, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    verified_on = models.DateField(_("verified on"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(street="street_id", grid="grid_id")
    objects = ScopedManager()
    # The list's search: the number and the description (core.textsearch); the enterprise's name too.
    text_index = TextIndex("labour_risk", ("number", "description"))

    class Meta:
        verbose_name = _("labour risk")
        verbose_name_plural = _("labour risks")
        ordering = ["-found_on", "-id"]
        indexes = [
            models.Index(fields=["-found_on", "-id"], name="risk_recent"),
            models.Index(fields=["street", "found_on"], name="risk_street"),
            models.Index(fields=["enterprise", "state"], name="risk_enterprise"),
            models.Index(fields=["assigned_unit", "state", "due_on"], name="risk_todo"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_risk_type_display()}"

    def get_absolute_url(self) -> str:
        return reverse("labour:risk", args=[self.pk])


class ArrearsFlag(models.Model):
    """Social-insurance arrears reported for an enterprise (社保欠费), e.g. from the tax bureau's list;
    open until cleared. One component of the risk score."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="arrears_flags",
    )
    flagged_on = models.DateField(_("flagged on"))
    months = models.PositiveSmallIntegerField(_("months in arrears"), default=1)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)
    cleared_on = models.DateField(_("cleared on"), null=True, blank=True)

    class Meta:
        verbose_name = _("social-insurance arrears flag")
        verbose_name_plural = _("social-insurance arrears flags")
        ordering = ["-flagged_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "cleared_on"], name="arrearsflag_open")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.flagged_on}"


class ScoreComponent(models.Model):
    """One part of the enterprise risk score [configurable]: points = min(cap, weight × measure), the
    measure counted over the last ``window_days`` where the component has a window."""

    key = models.CharField(_("component"), max_length=20, choices=ScoreComponentKey.choices, unique=True)
    weight = models.PositiveSmallIntegerField(_("points per unit"))
    cap = models.PositiveSmallIntegerField(_("at most (points)"))
    window_days = models.PositiveSmallIntegerField(_("window (days)"), default=365)
    active = models.BooleanField(_("counts"), default=True)

    class Meta:
        verbose_name = _("risk score component")
        verbose_name_plural = _("risk score components")
        ordering = ["key"]

    def __str__(self) -> str:
        return str(self.get_key_display())


class WarningThreshold(models.Model):
    """The lowest total score of a warning level [configurable]: red ≥ …, orange ≥ …, yellow ≥ …."""

    level = models.CharField(_("level"), max_length=10, choices=WarningLevel.choices, unique=True)
    min_score = models.PositiveSmallIntegerField(_("from score"))

    class Meta:
        verbose_name = _("warning threshold")
        verbose_name_plural = _("warning thresholds")
        ordering = ["-min_score"]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ≥ {self.min_score}"


COMPONENT_KEYS = list(ScoreComponentKey.values)


_WARNED = ~models.Q(level=WarningLevel.NONE)  # the early-warning list reads only these rows


class EnterpriseRiskScore(models.Model):
    """The last computed risk score of one enterprise: each component's measure and points beside the
    total, and the warning level. Written only by ``labour.scoring.compute_scores`` (set-based)."""

    # A derived table, rebuilt whole by one INSERT … SELECT: no foreign-key constraints (three deferred
    # checks per row), no per-column index or check constraint, and the list's indexes only over the
    # rows with a warning level. The relations stay for the ORM (select_related, cascade).
    enterprise = models.OneToOneField(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="risk_score",
        db_constraint=False,
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    grid = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("grid"),
        null=True,
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    total = models.IntegerField(_("score"), default=0)
    level = models.CharField(_("warning level"), max_length=10, choices=WarningLevel.choices)
    open_risks_value = models.IntegerField(default=0)
    open_risks_points = models.IntegerField(default=0)
    arrears_history_value = models.IntegerField(default=0)
    arrears_history_points = models.IntegerField(default=0)
    disputes_value = models.IntegerField(default=0)
    disputes_points = models.IntegerField(default=0)
    complaints_value = models.IntegerField(default=0)
    complaints_points = models.IntegerField(default=0)
    si_arrears_value = models.IntegerField(default=0)
    si_arrears_points = models.IntegerField(default=0)
    abnormal_value = models.IntegerField(default=0)
    abnormal_points = models.IntegerField(default=0)
    inspection_gap_value = models.IntegerField(null=True, blank=True)  # None: never inspected
    inspection_gap_points = models.IntegerField(default=0)
    computed_at = models.DateTimeField(_("computed at"))

    scope_paths = ScopePaths(street="street_id", grid="grid_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("enterprise risk score")
        verbose_name_plural = _("enterprise risk scores")
        ordering = ["-total", "enterprise"]
        indexes = [
            models.Index(fields=["-total", "enterprise"], name="riskscore_rank", condition=_WARNED),
            models.Index(
                fields=["street", "-total", "enterprise"], name="riskscore_street", condition=_WARNED
            ),
            models.Index(fields=["grid", "-total", "enterprise"], name="riskscore_grid", condition=_WARNED),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id}: {self.total}"

    def components(self) -> list[tuple[str, int, int]]:
        """(label, measure, points) of every component, for the page that shows them beside the total."""
        return [
            (
                str(ScoreComponentKey(key).label),
                getattr(self, f"{key}_value"),
                getattr(self, f"{key}_points"),
            )
            for key in COMPONENT_KEYS
        ]


class Sample(TimeStampedModel):
    """A stratified random sample of enterprises for a survey (抽样调查), drawn with a recorded seed so
    that the same draw can be made again and audited."""

    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveIntegerField(_("sample size"))
    seed = models.BigIntegerField(_("random seed"))
    strata = models.JSONField(_("stratified by"), default=list)
    population = models.PositiveIntegerField(_("population"))
    # SHA-256 of the population's ids in order, and of the drawn ids: what a re-draw must reproduce.
    population_digest = models.CharField(_("population fingerprint"), max_length=64)
    members_digest = models.CharField(_("sample fingerprint"), max_length=64)
    allocation = models.JSONField(_("allocation by stratum"), default=dict)
    # The frame the sample was drawn from (enterprise id and stratum per line, zlib-compressed), so the
    # same draw can be made again whatever changes in the registry later.
    frame = models.BinaryField(_("sampling frame"), editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drawn by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("survey sample")
        verbose_name_plural = _("survey samples")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("labour:sample", args=[self.pk])

    @property
    def verification_code(self) -> str:
        """What staff and the public are shown to check the draw by (``sampling.verification_code``)."""
        from hrbureau.labour.sampling import verification_code

        return verification_code(self.population_digest, self.members_digest)


class SampleMember(Case):
    """One enterprise drawn into a sample: a survey task (抽样调查走访) for the grid it lies in, surveyed or
    not through its workflow (``workflows.SURVEYS``)."""

    sample = models.ForeignKey(Sample, on_delete=models.CASCADE, related_name="members")
    enterprise = models.ForeignKey(
        "enterprises.Enterprise", verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="+"
    )
    stratum = models.CharField(_("stratum"), max_length=100)
    street = _place("+", _("street"))
    grid = _place("+", _("grid"))
    state = models.CharField(
        _("state"), max_length=30, choices=SurveyState.choices, default=SurveyState.PENDING, db_index=True
    )
    surveyed_on = models.DateField(_("surveyed on"), null=True, blank=True)
    surveyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("surveyed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    scope_paths = ScopePaths(street="street_id", grid="grid_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("survey task")
        verbose_name_plural = _("survey tasks")
        ordering = ["sample", "stratum", "id"]
        constraints = [models.UniqueConstraint(fields=["sample", "enterprise"], name="samplemember_unique")]

    def __str__(self) -> str:
        return f"{self.sample} · {self.enterprise}"

    def get_absolute_url(self) -> str:
        return reverse("labour:sample", args=[self.sample_id]) + f"#member-{self.pk}"
