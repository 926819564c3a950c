from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration.choices import (
    AgentKind,
    AppointmentService,
    AppointmentState,
    Channel,
    ClaimKind,
    DisputeState,
    DocumentKind,
    HearingState,
    PartyKind,
    PartyRole,
    Procedure,
    ServiceMethod,
    TimeLimitKey,
    WordingKey,
)
from hrbureau.core.dated import DatedRow
from hrbureau.core.language import in_language
from hrbureau.core.models import Case, DatedTimeLimit
from hrbureau.core.scoping import ScopedManager, ScopePaths
from hrbureau.core.textsearch import TextIndex


class TimeLimit(DatedTimeLimit):
    """The arbitration periods of DOMAIN.md §2 (acceptance 5 days, award 45 + 15 …), each with the way
    its days are counted; the short periods' day kind is [check] and so configurable here."""

    key = models.CharField(_("time limit"), max_length=30, choices=TimeLimitKey.choices)

    class Meta:
        verbose_name = _("arbitration time limit")
        verbose_name_plural = _("arbitration time limits")
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="arbitration_timelimit_unique_start")
        ]


class MinimumWage(DatedRow):
    """The local monthly minimum wage (最低工资标准) [check, configurable]: the one in force on the award
    date sets the final-award threshold, 12 × the monthly figure per item (DOMAIN.md §2.4)."""

    region = models.CharField(_("region"), max_length=50, default="深圳市")
    monthly_amount = models.DecimalField(_("monthly minimum wage (yuan)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")
        ordering = ["region", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "valid_from"], name="minimumwage_unique_start")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.monthly_amount} ({self.valid_from})"


class HearingRoom(models.Model):
    """A hearing room of the institute (仲裁庭), kept by administrators."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=150, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("hearing room")
        verbose_name_plural = _("hearing rooms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The English name on English pages when there is one (the documents keep the Chinese name)."""
        return in_language(self.name, self.name_en)


class Dispute(Case):
    """A labour dispute before the arbitration commission (劳动人事争议仲裁案件), from the application to
    the award or the mediation statement."""

    number = models.CharField(_("application number"), max_length=30, unique=True, null=True, blank=True)
    # 案号, given on acceptance: prefix〔year〕sequence号.
    case_no = models.CharField(_("case number"), max_length=60, unique=True, null=True, blank=True)
    state = models.CharField(_("state"), max_length=30, choices=DisputeState.choices, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    procedure = models.CharField(
        _("procedure"), max_length=20, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    collective = models.BooleanField(_("collective case"), default=False)
    facts = models.TextField(_("facts and reasons"))
    filed_on = models.DateField(_("filed on"))
    # The day the application counts as received: the filing day, or the day the supplement was complete.
    received_on = models.DateField(_("received on"), null=True, blank=True)
    supplement_items = models.JSONField(_("materials to supplement"), default=list, blank=True)
    supplement_requested_on = models.DateField(_("supplement requested on"), null=True, blank=True)
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)
    # Set when a case accepted is closed by award or mediation (the statistics read them).
    days_to_close = models.PositiveIntegerField(_("days from acceptance to closing"), null=True, blank=True)
    closed_on_time = models.BooleanField(_("closed within the award period"), null=True, blank=True)
    # Limitation (DOMAIN.md §2.1): a warning at filing, never a refusal by itself.
    infringement_known_on = models.DateField(_("infringement known on"), null=True, blank=True)
    employment_ended_on = models.DateField(_("employment ended on"), null=True, blank=True)
    limitation_warning = models.TextField(_("limitation warning"), blank=True)
    # What the triage reads (DOMAIN.md §2.5); set at filing and by the clerk.
    facts_clear = models.BooleanField(_("facts and rights clear, little dispute"), default=False)
    both_agree = models.BooleanField(_("both parties agree to the simplified procedure"), default=False)
    migrant_wages = models.BooleanField(_("migrant-worker wages"), default=False)
    public_interest = models.BooleanField(_("involves state or public interest"), default=False)
    major_impact = models.BooleanField(_("major social impact"), default=False)
    respondent_unlocatable = models.BooleanField(_("respondent cannot be found"), default=False)
    unsuitable = models.BooleanField(_("judged unsuitable for the simplified procedure"), default=False)
    triage_proposal = models.CharField(
        _("triage proposal"), max_length=20, choices=Procedure.choices, blank=True
    )
    triage_reasons = models.JSONField(_("triage reasons"), default=dict, blank=True)
    procedure_confirmed_at = models.DateTimeField(_("procedure confirmed"), null=True, blank=True)
    total_claimed = models.DecimalField(
        _("amount claimed"), default=Decimal("0"), max_digits=12, decimal_places=2
    )
    total_awarded = models.DecimalField(
        _("amount awarded"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    suspended_since = models.DateField(_("suspended since"), null=True, blank=True)
    extended = models.BooleanField(_("award period extended"), default=False)
    arbitrator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presiding or sole arbitrator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    panel = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("other arbitrators"), blank=True, related_name="+"
    )
    clerk = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("clerk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The first respondent enterprise and the first applicant person (lists and statistics); who may
    # see the case is decided by every party (scope_paths).
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("respondent enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    street = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("street"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    scope_paths = ScopePaths(enterprise="parties__enterprise_id", person="parties__person_id", distinct=True)
    objects = ScopedManager()
    # The list's search: the application and case numbers (core.textsearch); the parties' names too.
    text_index = TextIndex("arbitration_dispute", ("number", "case_no"))

    class Meta:
        verbose_name = _("labour dispute")
        verbose_name_plural = _("labour disputes")
        ordering = ["-filed_on", "-id"]
        permissions = []
        indexes = [
            models.Index(fields=["-filed_on", "-id"], name="dispute_filed"),
            models.Index(fields=["-collective", "-filed_on", "-id"], name="dispute_list"),
            models.Index(fields=["state", "due_on"], name="dispute_state_due"),
            models.Index(fields=["assigned_unit", "state", "due_on"], name="dispute_todo"),
            models.Index(fields=["procedure", "closed_on"], name="dispute_procedure_closed"),
        ]

    def __str__(self) -> str:
        return f"{self.case_no or self.number or '—'}"

    def get_absolute_url(self) -> str:
        return reverse("arbitration:detail", args=[self.pk])

    @property
    def simplified(self) -> bool:
        return self.procedure == Procedure.SIMPLIFIED

    @property
    def suspended(self) -> bool:
        return self.suspended_since is not None


class Party(models.Model):
    """A party to a dispute: a worker by resident ID, an enterprise by USCC, or another person."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=20, choices=PartyRole.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=PartyKind.choices)
    person = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="dispute_parties"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispute_parties",
    )
    name = models.CharField(_("name"), max_length=200)
    # The resident ID or the USCC, normalised (core.identifiers); empty for an enterprise respondent that
    # is not in the register, named by its name and address (arbitration.respondents).
    identifier = models.CharField(_("ID number or USCC"), max_length=18, db_index=True, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    address = models.CharField(_("address for service"), max_length=300, blank=True)
    # An elected representative of the workers in a collective case.
    representative = models.BooleanField(_("elected representative"), default=False)
    # Electronic service only with recorded consent, which the party can withdraw (DOMAIN.md §2.6).
    e_service_consent_at = models.DateTimeField(_("consented to electronic service"), null=True, blank=True)
    e_service_withdrawn_at = models.DateTimeField(
        _("withdrew consent to electronic service"), null=True, blank=True
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    # The dispute list finds a case by a fragment of a party's name (core.textsearch).
    text_index = TextIndex("arbitration_party", ("name",))

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["dispute", "role", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.get_role_display()} {self.name}"

    @property
    def accepts_electronic_service(self) -> bool:
        return self.e_service_consent_at is not None and (
            self.e_service_withdrawn_at is None or self.e_service_withdrawn_at < self.e_service_consent_at
        )


class Agent(models.Model):
    """Someone acting for a party (委托代理人), with the authorisation on file."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="agents")
    kind = models.CharField(_("kind"), max_length=20, choices=AgentKind.choices)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    special_authority = models.BooleanField(
        _("special authorisation (may admit, waive or settle claims)"), default=False
    )
    authorisation = models.ForeignKey(
        "core.CaseAttachment",
        verbose_name=_("power of attorney"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("agent")
        verbose_name_plural = _("agents")
        ordering = ["party", "id"]

    def __str__(self) -> str:
        return self.name


class Claim(models.Model):
    """One item claimed (仲裁请求), with the amount claimed and, at the award, the amount awarded and
    whether the item is final (DOMAIN.md §2.4)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="claims")
    kind = models.CharField(_("item"), max_length=20, choices=ClaimKind.choices)
    description = models.CharField(_("request"), max_length=500)
    amount_claimed = models.DecimalField(
        _("amount claimed"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    amount_awarded = models.DecimalField(
        _("amount awarded"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    amount_agreed = models.DecimalField(
        _("amount agreed in mediation"), null=True, blank=True, max_digits=12, decimal_places=2
    )
    decided = models.BooleanField(_("decided"), default=False)
    final = models.BooleanField(_("final award"), null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        ordering = ["dispute", "sort_order", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class MediationAgreement(models.Model):
    """The agreement the parties reached in mediation (调解协议): the terms and, per item, the amount
    agreed (on each claim's ``amount_agreed``). The mediation statement (调解书) is made from it, and it
    cannot change once the statement has been served on anyone."""

    dispute = models.OneToOneField(Dispute, on_delete=models.CASCADE, related_name="mediation_agreement")
    reached_on = models.DateField(_("agreement reached on"))
    terms = models.TextField(_("terms agreed"), max_length=4000)
    payment_due = models.DateField(_("to be paid by"), null=True, blank=True)
    total_agreed = models.DecimalField(_("total agreed"), max_digits=14, decimal_places=2, default=0)
    mediator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("mediator")
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("mediation agreement")
        verbose_name_plural = _("mediation agreements")

    def __str__(self) -> str:
        return f"{self.dispute} · {self.reached_on}"


class Receipt(models.Model):
    """The receipt issued for documents taken in (收件回执): what, how many, when, by whom."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="receipts")
    number = models.CharField(_("receipt number"), max_length=30, unique=True)
    items = models.JSONField(_("documents received"))
    issued_at = models.DateTimeField(_("issued"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["dispute", "issued_at", "id"]

    def __str__(self) -> str:
        return self.number


class Service(models.Model):
    """One document served on one party (送达) and its proof: how, when it was sent, delivered, opened
    and signed for, and the service date the law gives it (DOMAIN.md §2.6)."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="services")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="services")
    document = models.CharField(_("document"), max_length=30, choices=DocumentKind.choices)
    method = models.CharField(_("method"), max_length=20, choices=ServiceMethod.choices)
    attachment = models.ForeignKey(
        "core.CaseAttachment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"))
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed for"), null=True, blank=True)
    # Public notice: the day it was published; left at premises: the day it was left.
    published_on = models.DateField(_("published or left on"), null=True, blank=True)
    # The service date: the day it reached the party (or the deemed day); empty until then.
    served_on = models.DateField(_("service date"), null=True, blank=True, db_index=True)
    deemed = models.BooleanField(_("deemed served"), default=False)
    proof_no = models.CharField(_("proof of service number"), max_length=30, unique=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("service of a document")
        verbose_name_plural = _("services of documents")
        ordering = ["dispute", "sent_at", "id"]

    def __str__(self) -> str:
        return f"{self.proof_no} {self.get_document_display()}"


class Hearing(Case):
    """A hearing of a dispute (开庭) booked in a room; a room is never booked twice for overlapping times.
    A record inside its dispute with a workflow of its own (``arbitration.hearings``): booked, then held,
    postponed or cancelled, each step versioned and written as an event; its page is its dispute's."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="hearings")
    room = models.ForeignKey(HearingRoom, on_delete=models.PROTECT, related_name="hearings")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    state = models.CharField(
        _("state"), max_length=20, choices=HearingState.choices, default=HearingState.BOOKED
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("booked"), auto_now_add=True)

    # Whoever may see the dispute may see its hearings.
    scope_paths = ScopePaths(
        enterprise="dispute__parties__enterprise_id", person="dispute__parties__person_id", distinct=True
    )
    objects = ScopedManager()

    class Meta:
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["room", "starts_at"], name="hearing_room_time")]

    def __str__(self) -> str:
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        # A hearing has no page of its own: it is shown, with its actions, on its dispute's page. (No
        # "#hearing-…" fragment: a redirect to the page one is on plus a fragment would not reload it.)
        return reverse("arbitration:detail", args=[self.dispute_id])


class AppointmentSlot(models.Model):
    """A time at the arbitration counter that citizens and enterprises can book (预约办理)."""

    day = models.DateField(_("day"))
    starts = models.TimeField(_("from"))
    ends = models.TimeField(_("until"))
    capacity = models.PositiveSmallIntegerField(_("places"), default=4)
    active = models.BooleanField(_("open for booking"), default=True)

    class Meta:
        verbose_name = _("appointment slot")
        verbose_name_plural = _("appointment slots")
        ordering = ["day", "starts"]
        constraints = [models.UniqueConstraint(fields=["day", "starts"], name="appointmentslot_unique_start")]

    def __str__(self) -> str:
        return f"{self.day} {self.starts:%H:%M}–{self.ends:%H:%M}"


class Appointment(Case):
    """A booked visit to the counter (预约): who, for what, when; never more than the slot's places. Its
    workflow (``arbitration.appointments``): booked, then attended, missed or cancelled."""

    number = models.CharField(_("appointment number"), max_length=20, unique=True)
    slot = models.ForeignKey(AppointmentSlot, on_delete=models.PROTECT, related_name="appointments")
    service = models.CharField(_("service"), max_length=20, choices=AppointmentService.choices)
    name = models.CharField(_("name"), max_length=100)
    phone = models.CharField(_("phone"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        _("state"), max_length=20, choices=AppointmentState.choices, default=AppointmentState.BOOKED
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)

    # The counter sees every appointment; a citizen or an enterprise those booked through its accounts
    # (only the one who booked may cancel: arbitration.appointments).
    scope_paths = ScopePaths(enterprise="user__enterprise_id", person="user__person_id")
    objects = ScopedManager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["slot__day", "slot__starts", "id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="appointment_user")]

    def __str__(self) -> str:
        return f"{self.number} {self.slot}"

    def get_absolute_url(self) -> str:
        # The counter's list of the appointment's day.
        return f"{reverse('arbitration:appointment_desk')}?day={self.slot.day.isoformat()}"


class DocumentWording(DatedRow):
    """The wording of one of the commission's documents, from a date (文书样式): paragraphs separated by
    line breaks, with ``{placeholders}`` the case fills in; a placeholder alone on its line (``{claims}``,
    ``{items}``, ``{terms}``) places a table or a list there. The row in force on the document's day is
    the one used; the admin refuses a placeholder the document does not know."""

    key = models.CharField(_("document"), max_length=30, choices=WordingKey.choices)
    text = models.TextField(_("wording"))

    class Meta:
        verbose_name = _("document wording")
        verbose_name_plural = _("document wordings")
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["key", "valid_from"], name="wording_unique_start")]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.valid_from})"
