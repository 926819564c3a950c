"""Public-institution recruitment (事业单位招聘): plans, their posts, registrations from the portal with
qualification review, exam scores, ranks and the shortlist for the medical check, and the published
lists (each publication a recorded step)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.people.choices import Education
from hrbureau.personnel.recruitment_choices import (
    Degree,
    PlanKind,
    ProfessionalTitle,
    PublishedList,
    TieRule,
)

SCORE: dict[str, Any] = {"max_digits": 6, "decimal_places": 2}
PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class RecruitmentPlan(TimeStampedModel):
    """A recruitment plan (招聘计划 / 招聘公告): who recruits, the registration window, how the written
    exam and the interview weigh in the total, how ties are broken and how many per post go on to the
    medical check (体检) — all stated on the plan and on its public pages."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=PlanKind.choices, default=PlanKind.GENERAL)
    opens_on = models.DateField(_("registration opens on"))
    closes_on = models.DateField(_("registration closes on"))
    written_weight = models.DecimalField(
        _("written exam weight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    interview_weight = models.DecimalField(
        _("interview weight (%)"), max_digits=5, decimal_places=2, validators=PERCENT
    )
    tie_rule = models.CharField(
        _("tie rule"), max_length=40, choices=TieRule.choices, default=TieRule.WRITTEN_INTERVIEW_REGISTRATION
    )
    # Candidates per place who go on to the medical check (1 = 1:1); a post may set its own.
    shortlist_ratio = models.DecimalField(
        _("medical-check ratio (candidates per place)"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    # The department that reviews the registrations (their to-do).
    department = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Who last imported scores: the scores and the shortlist are published by someone else.
    scores_imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scores imported by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    ranked_at = models.DateTimeField(_("ranked at"), null=True, blank=True)

    scope_paths = ScopePaths(unrestricted=True, permission="personnel.view_recruitment")
    text_index = TextIndex("personnel_recruitmentplan", ("number", "name", "organiser"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("recruitment plan")
        verbose_name_plural = _("recruitment plans")
        ordering = ["-opens_on", "-id"]
        indexes = [models.Index(fields=["kind", "id"]), models.Index(fields=["closes_on", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(written_weight__gte=0)
                & Q(interview_weight__gte=0)
                & Q(written_weight__lte=100)
                & Q(interview_weight__lte=100),
                name="recruitmentplan_weights_in_range",
            ),
            # The written exam and the interview make the whole total: the weights sum to 100.
            models.CheckConstraint(
                condition=Q(written_weight=Decimal("100") - models.F("interview_weight")),
                name="recruitmentplan_weights_sum_100",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="recruitmentplan_window_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


class RecruitmentPost(TimeStampedModel):
    """A post of a plan (招聘岗位): the employing unit, the post code, how many places and the requirements
    as a condition of the rules language over the registrant (``personnel.registrant``)."""

    plan = models.ForeignKey(
        RecruitmentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="posts"
    )
    unit = models.CharField(_("employing unit"), max_length=200)
    code = models.CharField(_("post code"), max_length=30)
    title = models.CharField(_("post"), max_length=200)
    headcount = models.PositiveSmallIntegerField(_("places"), validators=[MinValueValidator(1)])
    requirements = models.JSONField(_("requirements"), default=dict, blank=True)
    requirements_text = models.TextField(_("requirements as published"), blank=True)
    shortlist_ratio = models.DecimalField(
        _("medical-check ratio of this post"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Empty: the plan's ratio."),
    )

    scope_paths = ScopePaths(unrestricted=True, permission="personnel.view_recruitment")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("recruitment post")
        verbose_name_plural = _("recruitment posts")
        ordering = ["plan", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "code"], name="recruitmentpost_code_once_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.unit} {self.title}"


class Registration(Case):
    """A person's registration for a post of a plan (报名): what they state about themselves (education,
    degree, major, title, years of experience), their materials, the automatic check of the post's
    requirements, the qualification review (资格审查), the exam ticket (准考证), the scores, the total,
    the rank within the post and whether they go on to the medical check. One per person per plan."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    plan = models.ForeignKey(
        RecruitmentPlan, verbose_name=_("plan"), on_delete=models.PROTECT, related_name="registrations"
    )
    post = models.ForeignKey(
        RecruitmentPost, verbose_name=_("post"), on_delete=models.PROTECT, related_name="registrations"
    )
    person = models.ForeignKey(
        "people.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered at"))
    education = models.CharField(_("education"), max_length=20, choices=Education.choices)
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices, default=Degree.NONE)
    school = models.CharField(_("school"), max_length=200, blank=True)
    major = models.CharField(_("major"), max_length=200, blank=True)
    professional_title = models.CharField(
        _("professional title"),
        max_length=20,
        choices=ProfessionalTitle.choices,
        default=ProfessionalTitle.NONE,
    )
    years_experience = models.DecimalField(
        _("years of experience"), max_digits=4, decimal_places=1, default=Decimal("0")
    )
    # Read by the requirements: the age on the window's closing day and the levels in order, kept when
    # the registration is written so the rule reads the same value in Python and in the database.
    age_at_close = models.PositiveSmallIntegerField(_("age on the closing day"))
    education_level = models.PositiveSmallIntegerField(_("education level"))
    degree_level = models.PositiveSmallIntegerField(_("degree level"))
    title_level = models.PositiveSmallIntegerField(_("title level"))
    precheck_met = models.BooleanField(_("requirements met (automatic check)"), null=True)
    precheck_trace = models.JSONField(_("automatic check"), default=dict, blank=True)
    review_reason = models.TextField(_("review reason"), blank=True)
    ticket_number = models.CharField(
        _("exam ticket number"), max_length=30, null=True, blank=True, unique=True
    )
    written_score = models.DecimalField(_("written exam score"), null=True, blank=True, **SCORE)
    written_absent = models.BooleanField(_("absent from the written exam"), default=False)
    interview_score = models.DecimalField(_("interview score"), null=True, blank=True, **SCORE)
    interview_absent = models.BooleanField(_("absent from the interview"), default=False)
    total_score = models.DecimalField(_("total score"), null=True, blank=True, **SCORE)
    rank = models.PositiveIntegerField(_("rank in the post"), null=True, blank=True)
    shortlisted = models.BooleanField(_("shortlisted for the medical check"), default=False)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(person="person_id", permission="personnel.view_registration")
    text_index = TextIndex("personnel_registration", ("number", "ticket_number"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("recruitment registration")
        verbose_name_plural = _("recruitment registrations")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["state", "id"]),
            models.Index(fields=["plan", "state", "id"]),
            models.Index(fields=["post", "rank"]),
        ]
        constraints = [
            # One registration per person per plan, whatever the post (a withdrawn one still counts:
            # the plan's rules allow one application).
            models.UniqueConstraint(fields=["plan", "person"], name="registration_once_per_plan"),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("personnel:recruitment_registration", args=[self.pk])

    @property
    def absent(self) -> bool:
        return self.written_absent or self.interview_absent


class PlanPublication(TimeStampedModel):
    """A list published for a plan (公示): the qualified candidates, the scores and ranks, or the
    shortlist for the medical check — published by a department head, recorded with who and when."""

    plan = models.ForeignKey(
        RecruitmentPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="publications"
    )
    kind = models.CharField(_("list"), max_length=20, choices=PublishedList.choices)
    published_at = models.DateTimeField(_("published at"))
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("published recruitment list")
        verbose_name_plural = _("published recruitment lists")
        ordering = ["plan", "published_at", "id"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="planpublication_once")]

    def __str__(self) -> str:
        return f"{self.plan.number} {self.get_kind_display()}"
