"""Personnel records (人事): the staff members the bureau keeps records of, their 三龄一历 certification,
the grades of street management staff with their appraisals and promotions, and emergency duty
deployments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.core.attachments import register_holder
from hrbureau.core.models import Case, TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.personnel.records_choices import (
    AppraisalResult,
    CertifiedItem,
    Degree,
    LowerResult,
    Outcome,
    PlaceKind,
)


class StaffGrade(TimeStampedModel):
    """A grade (职级) of street management staff, in order from the lowest: a promotion goes to the next
    grade up, under that grade's rules."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), unique=True)

    class Meta:
        verbose_name = _("staff grade")
        verbose_name_plural = _("staff grades")
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class PromotionRule(TimeStampedModel):
    """One way into a grade (晋升条件), as configuration: so many years in the grade below with no
    appraisal below a result, and (optionally) so many 优秀 among them. A grade may have several rules;
    meeting any one makes a staff member eligible."""

    grade = models.ForeignKey(
        StaffGrade, verbose_name=_("into grade"), on_delete=models.CASCADE, related_name="rules"
    )
    years_required = models.PositiveSmallIntegerField(_("years in the grade below"))
    lowest_result = models.CharField(
        _("lowest acceptable appraisal"),
        max_length=20,
        choices=AppraisalResult.choices,
        default=AppraisalResult.COMPETENT,
    )
    excellent_required = models.PositiveSmallIntegerField(_("excellent appraisals required"), default=0)
    lower_result = models.CharField(
        _("a year below the lowest acceptable appraisal"),
        max_length=10,
        choices=LowerResult.choices,
        default=LowerResult.BLOCK,
    )

    class Meta:
        verbose_name = _("promotion rule")
        verbose_name_plural = _("promotion rules")
        ordering = ["grade__order", "years_required", "id"]

    def __str__(self) -> str:
        return f"{self.grade}: {self.years_required} / {self.get_lowest_result_display()} / {self.excellent_required}"


class StaffMember(TimeStampedModel):
    """A staff member the bureau keeps personnel records of (人事档案): staff of non-district-managed units
    whose 三龄一历 it certifies, street management staff whose grades it promotes, and the cadres it sends
    to emergency duty. Linked to the people registry's person when the ID number is found there."""

    name = models.CharField(_("name"), max_length=100, db_index=True)
    id_number = models.CharField(_("resident ID number"), max_length=18, unique=True)
    unit_name = models.CharField(_("unit"), max_length=200)
    post = models.CharField(_("post"), max_length=100, blank=True)
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "street"},
    )
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    party_member = models.BooleanField(_("party member"), default=False)
    grade = models.ForeignKey(
        StaffGrade,
        verbose_name=_("staff grade"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    grade_since = models.DateField(_("in the grade since"), null=True, blank=True)

    scope_paths = ScopePaths(street="street_id")
    text_index = TextIndex("personnel_staffmember", ("name", "unit_name"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff members")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["street", "name"]), models.Index(fields=["grade", "grade_since"])]

    def get_absolute_url(self) -> str:
        return reverse("personnel:staff", args=[self.pk])

    def __str__(self) -> str:
        return self.name


class CertificationRequest(Case):
    """A unit's request to certify a staff member's 三龄一历 (三龄一历认定申请): the dates and education the
    unit claims, its evidence (the case's files), the department's review and the head's decision on
    each item."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="certifications"
    )
    requesting_unit = models.CharField(_("requesting unit"), max_length=200)
    claimed_birth_date = models.DateField(_("claimed birth date"))
    claimed_work_start = models.DateField(_("claimed work start date"))
    claimed_party_joined = models.DateField(_("claimed party joining date"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted on"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    scope_paths = ScopePaths(street="staff__street_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("Service-record certification request")
        verbose_name_plural = _("Service-record certification requests")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "submitted_on"])]

    def get_absolute_url(self) -> str:
        return reverse("personnel:certification", args=[self.pk])

    def __str__(self) -> str:
        return self.number


class EducationRow(models.Model):
    """One row of an education history (学习经历): school, degree, from and to; claimed by the unit on a
    request (``request``) and, once certified, copied onto the certified record (``record``)."""

    request = models.ForeignKey(
        CertificationRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="education",
    )
    record = models.ForeignKey(
        "personnel.CertifiedRecord",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="education",
    )
    school = models.CharField(_("school"), max_length=200)
    degree = models.CharField(_("degree"), max_length=20, choices=Degree.choices)
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("to"))

    class Meta:
        verbose_name = _("education history row")
        verbose_name_plural = _("education history rows")
        ordering = ["started_on", "id"]

    def __str__(self) -> str:
        return f"{self.school} {self.get_degree_display()}"


class CertificationFinding(models.Model):
    """One item's finding (认定意见): the reviewer's proposal (``stage`` review) or the head's decision
    (``stage`` decision) — confirmed as claimed or corrected to a value — always with a reason."""

    STAGES = (("review", _("Review")), ("decision", _("Head's decision")))
    request = models.ForeignKey(CertificationRequest, on_delete=models.CASCADE, related_name="findings")
    stage = models.CharField(_("stage"), max_length=10, choices=STAGES)
    item = models.CharField(_("item"), max_length=20, choices=CertifiedItem.choices)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    # The corrected value: a date (ISO) for the dates, a degree for the education history.
    value = models.CharField(_("corrected value"), max_length=40, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("certification finding")
        verbose_name_plural = _("certification findings")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["request", "stage", "item"], name="personnel_one_finding_per_item"
            )
        ]

    def __str__(self) -> str:
        return f"{self.request} {self.item} {self.outcome}"


class CertifiedRecord(TimeStampedModel):
    """A staff member's certified 三龄一历 (认定结果): the values the head confirmed or corrected, on a
    day, by whom. A later certification supersedes it; the earlier ones are kept as history."""

    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="certified"
    )
    request = models.OneToOneField(
        CertificationRequest, verbose_name=_("request"), on_delete=models.PROTECT, related_name="record"
    )
    birth_date = models.DateField(_("birth date"))
    work_start = models.DateField(_("work start date"))
    party_joined = models.DateField(_("party joining date"), null=True, blank=True)
    highest_degree = models.CharField(_("highest degree"), max_length=20, choices=Degree.choices, blank=True)
    certified_on = models.DateField(_("certified on"))
    certified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("certified by"), on_delete=models.PROTECT, related_name="+"
    )
    superseded_by = models.OneToOneField(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
    )

    scope_paths = ScopePaths(street="staff__street_id", permission="personnel.view_certificationrequest")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("certified record")
        verbose_name_plural = _("certified records")
        ordering = ["-certified_on", "-id"]
        constraints = [
            # At most one current (not superseded) record per staff member.
            models.UniqueConstraint(
                fields=["staff"],
                condition=models.Q(superseded_by__isnull=True),
                name="personnel_one_current_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.certified_on}"


class Appraisal(TimeStampedModel):
    """A staff member's yearly appraisal result (年度考核结果)."""

    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.CASCADE, related_name="appraisals"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=20, choices=AppraisalResult.choices)

    class Meta:
        verbose_name = _("appraisal")
        verbose_name_plural = _("appraisals")
        ordering = ["-year", "id"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "year"], name="personnel_one_appraisal_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.staff} {self.year} {self.get_result_display()}"


class PromotionDecision(Case):
    """A grade promotion (职级晋升决定): proposed from the eligible list with the rule it meets, approved by
    the head (never its proposer), effective on a date, when the staff member's grade changes."""

    number = models.CharField(_("number"), max_length=30, unique=True)
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="promotions"
    )
    from_grade = models.ForeignKey(
        StaffGrade, verbose_name=_("from grade"), on_delete=models.PROTECT, related_name="+"
    )
    to_grade = models.ForeignKey(
        StaffGrade, verbose_name=_("to grade"), on_delete=models.PROTECT, related_name="+"
    )
    rule = models.ForeignKey(
        PromotionRule,
        verbose_name=_("rule met"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    effective_on = models.DateField(_("effective on"), null=True, blank=True)

    scope_paths = ScopePaths(street="staff__street_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("promotion decision")
        verbose_name_plural = _("promotion decisions")
        ordering = ["-id"]

    def get_absolute_url(self) -> str:
        return reverse("personnel:promotion", args=[self.pk])

    def __str__(self) -> str:
        return self.number


class GradeHistory(models.Model):
    """A grade a staff member held, from when to when (职级记录); the current one has no end."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="grade_history")
    grade = models.ForeignKey(
        StaffGrade, verbose_name=_("staff grade"), on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)
    decision = models.ForeignKey(
        PromotionDecision, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("grade held")
        verbose_name_plural = _("grades held")
        ordering = ["staff", "since", "id"]

    def __str__(self) -> str:
        return f"{self.staff} {self.grade} {self.since}"


@register_holder
class EmergencyPlan(TimeStampedModel):
    """An emergency plan or deployment notice (应急工作方案 / 派遣通知) as a document: its title, number,
    the day issued and its file (attached); the duty posts and roster hang from it."""

    title = models.CharField(_("title"), max_length=200)
    number = models.CharField(_("document number"), max_length=60, unique=True)
    issued_on = models.DateField(_("issued on"))
    summary = models.TextField(_("summary"), blank=True)

    scope_paths = ScopePaths(unrestricted=True, permission="personnel.view_deployment")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("emergency plan")
        verbose_name_plural = _("emergency plans")
        ordering = ["-issued_on", "-id"]

    def get_absolute_url(self) -> str:
        return reverse("personnel:plan", args=[self.pk])

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class DutyPost(TimeStampedModel):
    """A place people are sent to under a plan (值守点位): a street, or a named site such as the airport or
    a quarantine hotel."""

    plan = models.ForeignKey(
        EmergencyPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="posts"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=PlaceKind.choices)
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "street"},
    )
    name = models.CharField(_("place"), max_length=200)
    duty = models.CharField(_("duty"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("duty post")
        verbose_name_plural = _("duty posts")
        ordering = ["plan", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class Deployment(TimeStampedModel):
    """One person on the roster (派遣名单): who went to which post, from when to when (the end left open
    while they are still there). One person is never at two posts on the same day."""

    post = models.ForeignKey(
        DutyPost, verbose_name=_("post"), on_delete=models.PROTECT, related_name="deployments"
    )
    staff = models.ForeignKey(
        StaffMember, verbose_name=_("staff member"), on_delete=models.PROTECT, related_name="deployments"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    scope_paths = ScopePaths(street="staff__street_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("deployment")
        verbose_name_plural = _("deployments")
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["staff", "starts_on"]), models.Index(fields=["post", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="personnel_deployment_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.staff} @ {self.post}"
