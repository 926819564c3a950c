"""The talent registers (人才工作台账): postdoctoral stations and innovation bases with their postdocs and
yearly assessments; the returned-students start-up park's resident enterprises; talent cooperation
agreements with their actions and progress; talent contests with their rounds, entrants, results and the
projects that settle in the district. Registers, not cases: the one state here, an agreement action's
open / done / overdue, is computed from its progress and due date (``talent.registers``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.models import TimeStampedModel
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex
from hrbureau.talent.registers_choices import ActionState, AssessmentResult, StationKind, StationLevel

REGISTERS = "talent.view_register"  # department, leadership, streets (for their street)
PARK = "talent.view_parkresidency"  # the same, and an enterprise its own residency
COOPERATION = "talent.view_cooperation"  # agreements and contests: department and leadership

_STREET: dict[str, Any] = {
    "verbose_name": _("street"),
    "null": True,
    "blank": True,
    "on_delete": models.PROTECT,
    "related_name": "+",
}


class PostdocStation(TimeStampedModel):
    """A postdoctoral research station or innovation base (博士后科研工作站 / 创新实践基地) of an employer in
    the district: its kind, level, approval, supervisors, postdocs and yearly assessments. The street
    is the enterprise's, copied for scoping."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise or institution"),
        on_delete=models.PROTECT,
        related_name="postdoc_stations",
    )
    street = models.ForeignKey("accounts.OrgUnit", **_STREET)
    kind = models.CharField(_("kind"), max_length=20, choices=StationKind.choices)
    level = models.CharField(_("level"), max_length=20, choices=StationLevel.choices)
    approved_on = models.DateField(_("approved on"))
    approval_no = models.CharField(_("approval number"), max_length=100, blank=True)
    supervisors = models.TextField(_("supervisors (one per line)"), blank=True)
    research_fields = models.CharField(_("research fields"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)

    scope_paths = ScopePaths(street="street_id", permission=REGISTERS)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("postdoctoral station")
        verbose_name_plural = _("postdoctoral stations")
        ordering = ["-approved_on", "id"]
        indexes = [models.Index(fields=["kind", "level"]), models.Index(fields=["street", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["enterprise", "kind"], name="talent_station_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.get_kind_display()}）"

    def get_absolute_url(self) -> str:
        return reverse("talent:station", args=[self.pk])

    @property
    def supervisor_list(self) -> list[str]:
        return [line.strip() for line in self.supervisors.splitlines() if line.strip()]


def in_station_on(day: dt.date) -> Q:
    """Postdocs in their station on ``day``: entered on or before it, not yet left."""
    return Q(entered_on__lte=day) & (Q(left_on__isnull=True) | Q(left_on__gt=day))


class Postdoc(TimeStampedModel):
    """A postdoctoral researcher (博士后) in a station: entry and exit dates and the research topic."""

    station = models.ForeignKey(
        PostdocStation, verbose_name=_("station"), on_delete=models.PROTECT, related_name="postdocs"
    )
    street = models.ForeignKey("accounts.OrgUnit", **_STREET)
    person = models.ForeignKey(
        "people.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)
    supervisor = models.CharField(_("supervisor"), max_length=100, blank=True)
    topic = models.CharField(_("research topic"), max_length=300)
    entered_on = models.DateField(_("entered on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)

    scope_paths = ScopePaths(street="street_id", permission=REGISTERS)
    text_index = TextIndex("talent_postdoc", ("name", "topic", "supervisor"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("postdoc")
        verbose_name_plural = _("postdocs")
        ordering = ["-entered_on", "id"]
        indexes = [models.Index(fields=["left_on", "id"]), models.Index(fields=["street", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("entered_on")),
                name="talent_postdoc_leaves_after_entering",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.topic}）"

    def get_absolute_url(self) -> str:
        return reverse("talent:station", args=[self.station_id])

    @property
    def in_station(self) -> bool:
        today = timezone.localdate()
        return self.entered_on <= today and (self.left_on is None or self.left_on > today)


class StationAssessment(TimeStampedModel):
    """A station's yearly assessment (年度考核): one per station and year."""

    station = models.ForeignKey(
        PostdocStation, verbose_name=_("station"), on_delete=models.CASCADE, related_name="assessments"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    result = models.CharField(_("result"), max_length=20, choices=AssessmentResult.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("station assessment")
        verbose_name_plural = _("station assessments")
        ordering = ["station", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["station", "year"], name="talent_station_assessed_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.station} {self.year}"


class ParkResidency(TimeStampedModel):
    """An enterprise resident in the returned-students start-up park (留学人员创业园): its founder who
    studied abroad, entry and exit dates, the area it occupies and the support it received. The
    enterprise sees its own residency."""

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="park_residencies",
    )
    street = models.ForeignKey("accounts.OrgUnit", **_STREET)
    founder = models.ForeignKey(
        "people.Person",
        verbose_name=_("founder (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    founder_name = models.CharField(_("founder"), max_length=100)
    studied_at = models.CharField(_("studied abroad at"), max_length=200, blank=True)
    entered_on = models.DateField(_("entered on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    area = models.DecimalField(_("area (m²)"), max_digits=10, decimal_places=2, null=True, blank=True)
    support = models.TextField(_("support received"), blank=True)

    scope_paths = ScopePaths(street="street_id", enterprise="enterprise_id", permission=PARK)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("park resident enterprise")
        verbose_name_plural = _("park resident enterprises")
        ordering = ["-entered_on", "id"]
        indexes = [models.Index(fields=["left_on", "id"]), models.Index(fields=["street", "id"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("entered_on")),
                name="talent_park_leaves_after_entering",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name}（{self.founder_name}）"

    def get_absolute_url(self) -> str:
        return reverse("talent:park_residency", args=[self.pk])

    @property
    def resident(self) -> bool:
        today = timezone.localdate()
        return self.entered_on <= today and (self.left_on is None or self.left_on > today)


class CooperationAgreement(TimeStampedModel):
    """A talent cooperation agreement (人才合作协议), such as the strategic talent agreement with a partner
    zone: its parties, signing, term and terms, and the actions that carry it out. The district's: the
    department and leadership read it, not the streets."""

    title = models.CharField(_("title"), max_length=200)
    parties = models.TextField(_("parties (one per line)"))
    signed_on = models.DateField(_("signed on"))
    ends_on = models.DateField(_("in force until"), null=True, blank=True)
    terms = models.TextField(_("terms"), blank=True)

    scope_paths = ScopePaths(permission=COOPERATION)
    text_index = TextIndex("talent_cooperationagreement", ("title", "parties", "terms"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("talent cooperation agreement")
        verbose_name_plural = _("talent cooperation agreements")
        ordering = ["-signed_on", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talent:agreement", args=[self.pk])

    @property
    def party_list(self) -> list[str]:
        return [line.strip() for line in self.parties.splitlines() if line.strip()]


def action_state_q(state: str, today: dt.date) -> Q:
    """The actions in ``state`` on ``today`` as a condition (the list's filter; ``AgreementAction.state``
    is the same rule on one row)."""
    if state == ActionState.DONE:
        return Q(progress__gte=100)
    if state == ActionState.OVERDUE:
        return Q(progress__lt=100, due_on__lt=today)
    return Q(progress__lt=100, due_on__gte=today)


class AgreementAction(TimeStampedModel):
    """An action under an agreement (合作事项): who owns it, when it is due, and how far it has come (the
    latest progress update's percentage, kept here so that the lists filter on it)."""

    agreement = models.ForeignKey(
        CooperationAgreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="actions"
    )
    title = models.CharField(_("action"), max_length=300)
    owner = models.CharField(_("owner"), max_length=100)
    due_on = models.DateField(_("due on"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    scope_paths = ScopePaths(permission=COOPERATION)
    text_index = TextIndex("talent_agreementaction", ("title", "owner"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("agreement action")
        verbose_name_plural = _("agreement actions")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["due_on", "id"]), models.Index(fields=["progress", "due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="talent_action_progress_percent")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("talent:action", args=[self.pk])

    def state_on(self, today: dt.date) -> str:
        if self.progress >= 100:
            return ActionState.DONE
        return ActionState.OVERDUE if self.due_on < today else ActionState.OPEN

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())


class ActionProgress(TimeStampedModel):
    """A dated progress update on an action: a percentage and a note (append-only in the services)."""

    action = models.ForeignKey(
        AgreementAction, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates"
    )
    reported_on = models.DateField(_("date"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"))
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["action", "-reported_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(percent__lte=100), name="talent_progress_percent")]

    def __str__(self) -> str:
        return f"{self.action} {self.reported_on} {self.percent}%"


class TalentContest(TimeStampedModel):
    """A talent contest (人才大赛), such as the international contest with rounds held overseas."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    scope_paths = ScopePaths(permission=COOPERATION)
    objects = ScopedManager()

    class Meta:
        verbose_name = _("talent contest")
        verbose_name_plural = _("talent contests")
        ordering = ["-year", "name"]
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="talent_contest_once_a_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("talent:contest", args=[self.pk])


class ContestRound(TimeStampedModel):
    """A round of a contest (分赛场): where (a city, overseas or not) and when."""

    contest = models.ForeignKey(
        TalentContest, verbose_name=_("contest"), on_delete=models.CASCADE, related_name="rounds"
    )
    name = models.CharField(_("round"), max_length=100)
    city = models.CharField(_("city"), max_length=100)
    country = models.CharField(_("country or region"), max_length=100, blank=True)
    overseas = models.BooleanField(_("overseas"), default=False)
    held_on = models.DateField(_("held on"))

    class Meta:
        verbose_name = _("contest round")
        verbose_name_plural = _("contest rounds")
        ordering = ["contest", "held_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "name"], name="talent_round_name_once_per_contest")
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.city}）"


class ContestEntrant(TimeStampedModel):
    """A project entered in a contest (参赛项目): name, team leader, field; and, when it settles in the
    district, the day and the enterprise it registered (落地项目). A street reads the projects settled in
    it."""

    contest = models.ForeignKey(
        TalentContest, verbose_name=_("contest"), on_delete=models.PROTECT, related_name="entrants"
    )
    project = models.CharField(_("project"), max_length=200)
    leader = models.CharField(_("team leader"), max_length=100)
    field = models.CharField(_("field"), max_length=100, blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise registered"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contest_projects",
    )
    street = models.ForeignKey("accounts.OrgUnit", **_STREET)

    scope_paths = ScopePaths(street="street_id", permission=REGISTERS)
    text_index = TextIndex("talent_contestentrant", ("project", "leader", "field"))
    objects = ScopedManager()

    class Meta:
        verbose_name = _("contest entrant")
        verbose_name_plural = _("contest entrants")
        ordering = ["contest", "project", "id"]
        indexes = [models.Index(fields=["settled_on", "id"]), models.Index(fields=["street", "id"])]
        constraints = [
            models.UniqueConstraint(fields=["contest", "project"], name="talent_entrant_once_per_contest"),
            models.CheckConstraint(
                condition=Q(enterprise__isnull=True) | Q(settled_on__isnull=False),
                name="talent_entrant_settles_with_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project}（{self.leader}）"

    def get_absolute_url(self) -> str:
        return reverse("talent:entrant", args=[self.pk])

    @property
    def settled(self) -> bool:
        return self.settled_on is not None


class RoundResult(TimeStampedModel):
    """An entrant's result in one round: its rank and award (名次 / 奖项)."""

    round = models.ForeignKey(
        ContestRound, verbose_name=_("round"), on_delete=models.CASCADE, related_name="results"
    )
    entrant = models.ForeignKey(
        ContestEntrant, verbose_name=_("entrant"), on_delete=models.CASCADE, related_name="results"
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    award = models.CharField(_("award"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("round result")
        verbose_name_plural = _("round results")
        ordering = ["round", "rank", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "entrant"], name="talent_result_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.entrant}"
