from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration.choices import (
    AgentKind,
    AppointmentService,
    ClaimKind,
    DocumentKind,
    Procedure,
    ServiceMethod,
)
from hrbureau.arbitration.models import AppointmentSlot
from hrbureau.core.actions import ActDayField, ActionForm, OwnRecordField
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import EMPTY_CHOICE, AmountField, FixedChoiceField, StyledFormMixin


class QueryForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Application or case number"), max_length=60)
    identifier = forms.CharField(label=_("ID number or USCC of a party"), max_length=30)


CLAIM_ROWS = 3


class PortalFileForm(StyledFormMixin, forms.Form):
    """An application filed online (网上立案) by a worker — or an employer — who is one of the applicants.
    The other side is found in the enterprise register by its name (the USCC is needed only when several
    enterprises bear it); one not in the register is named with its address. Evidence is uploaded."""

    respondent_kind = forms.ChoiceField(
        label=_("The other side is"),
        choices=[("enterprise", _("an enterprise (employer)")), ("person", _("a person"))],
    )
    respondent_name = forms.CharField(
        label=_("Name of the other side"),
        max_length=200,
        help_text=_("An enterprise's full registered name, as on its business licence or your pay slip."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    respondent_identifier = forms.CharField(
        label=_("Its USCC, or the person's ID number"),
        max_length=30,
        required=False,
        help_text=_(
            "An enterprise's code may be left empty when exactly one registered enterprise bears the name."
        ),
    )
    respondent_phone = forms.CharField(label=_("Its phone (if known)"), max_length=20, required=False)
    respondent_address = forms.CharField(
        label=_("Its address"),
        max_length=300,
        required=False,
        help_text=_("Needed for an enterprise that is not in the district's register."),
    )
    facts = forms.CharField(
        label=_("Facts and reasons"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000
    )
    infringement_known_on = forms.DateField(
        label=_("When did you learn your rights were infringed?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    employment_ended_on = forms.DateField(
        label=_("When did the employment end (if it has)?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evidence = MultipleFilesField(
        label=_("Evidence"),
        help_text=_(
            "The labour contract, pay slips or bank records, attendance records…: PDF, images, Word, Excel "
            "or text, at most 10 MB each and 10 files. If the form shows an error, choose the files again."
        ),
    )
    phone = forms.CharField(label=_("Your mobile phone"), max_length=20)
    e_service = forms.BooleanField(
        label=_("I agree to receive documents electronically in my account (with an SMS notice)"),
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, CLAIM_ROWS + 1):
            required = i == 1
            self.fields[f"claim_kind_{i}"] = forms.ChoiceField(
                label=_("Claim %(n)d") % {"n": i},
                choices=([] if required else [EMPTY_CHOICE]) + list(ClaimKind.choices),
                required=required,
            )
            self.fields[f"claim_text_{i}"] = forms.CharField(
                label=_("What you ask for"), max_length=500, required=required
            )
            self.fields[f"claim_amount_{i}"] = AmountField(
                label=_("Amount (yuan)"), max_length=20, required=False
            )
        self.apply_styles()

    def claim_rows(self) -> list[tuple[Any, Any, Any]]:
        return [
            (self[f"claim_kind_{i}"], self[f"claim_text_{i}"], self[f"claim_amount_{i}"])
            for i in range(1, CLAIM_ROWS + 1)
        ]


class StatisticsForm(StyledFormMixin, forms.Form):
    filed_from = forms.DateField(
        label=_("Filed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    filed_to = forms.DateField(
        label=_("Filed to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CounterFileForm(PortalFileForm):
    """An application taken in at the counter (窗口立案) by the institute's staff, for any applicant."""

    evidence = None  # type: ignore[assignment]  # the counter lists the papers taken in (below)
    documents = forms.CharField(
        label=_("Materials you hand in, one per line"),
        widget=forms.Textarea(attrs={"rows": 3}),
        initial="仲裁申请书\n身份证复印件",
        max_length=2000,
    )

    applicant_kind = forms.ChoiceField(
        label=_("The applicant is"), choices=[("person", _("a person")), ("enterprise", _("an enterprise"))]
    )
    applicant_name = forms.CharField(label=_("Applicant's name"), max_length=200)
    applicant_identifier = forms.CharField(label=_("Applicant's ID number or USCC"), max_length=30)
    phone = forms.CharField(label=_("Applicant's mobile phone"), max_length=20)
    e_service = forms.BooleanField(
        label=_("The applicant consents to electronic service (recorded with this application)"),
        required=False,
    )
    filed_on = forms.DateField(
        label=_("Received at the counter on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    facts_clear = forms.BooleanField(label=_("Facts and rights clear, little dispute"), required=False)
    both_agree = forms.BooleanField(label=_("Both parties agree to the simplified procedure"), required=False)
    migrant_wages = forms.BooleanField(label=_("Migrant-worker wages"), required=False)


# --- the input of each action on a dispute (declared on its transition in workflows.py) ---------------


class ActForm(ActionForm):
    """An act of the commission on a day: today unless an earlier day is entered."""

    on = ActDayField()


class ItemsForm(ActForm):
    """A list of materials, one per line (asked for, or handed in)."""

    items = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=4000)
    items_label: Any = ""
    items_keyword = "items"

    def setup(self) -> None:
        self.fields["items"].label = self.items_label

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments[self.items_keyword] = [
            line.strip() for line in arguments.pop("items").splitlines() if line.strip()
        ]
        return arguments


class SupplementRequestForm(ItemsForm):
    items_label = _("Everything to supplement, one per line")


class SupplementCompleteForm(ItemsForm):
    items_label = _("Materials handed in, one per line")
    items_keyword = "documents"


class ProcedureForm(ActForm):
    procedure = FixedChoiceField(label=_("Procedure"), choices=Procedure.choices)
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )

    def setup(self) -> None:
        if self.case.triage_proposal:
            self.fields["procedure"].initial = self.case.triage_proposal
            self.fields["procedure"].help_text = _("The triage proposes: %(procedure)s") % {
                "procedure": Procedure(self.case.triage_proposal).label
            }


class ArbitratorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class ArbitratorsField(forms.ModelMultipleChoiceField):
    """Several arbitrators, as a list of checkboxes that a phone can tick and a filter box narrows
    (app.js, data-choice-filter): no Ctrl-click."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class TribunalForm(ActForm):
    arbitrator = ArbitratorChoiceField(label=_("Presiding arbitrator"), queryset=None)
    panel = ArbitratorsField(
        label=_("The two other arbitrators"),
        queryset=None,
        required=False,
        help_text=_("Type a name to narrow the list."),
    )

    def setup(self) -> None:
        from hrbureau.accounts.choices import Role
        from hrbureau.accounts.models import User

        arbitrators = User.objects.filter(role=Role.ARBITRATOR, is_active=True).order_by("full_name")
        self.fields["arbitrator"].queryset = arbitrators  # type: ignore[attr-defined]
        self.fields["panel"].queryset = arbitrators  # type: ignore[attr-defined]
        self.fields["panel"].widget.attrs["data-choice-filter"] = str(_("Find an arbitrator"))
        if self.case.procedure == Procedure.SIMPLIFIED:
            self.fields["arbitrator"].label = _("Sole arbitrator")
            del self.fields["panel"]

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["panel"] = list(arguments.get("panel") or [])
        return arguments


class HearingForm(ActionForm):
    room: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Room"), queryset=None)
    starts_at = forms.DateTimeField(
        label=_("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=15, max_value=480, initial=120, required=False)

    def setup(self) -> None:
        from hrbureau.arbitration.models import HearingRoom

        self.fields["room"].queryset = HearingRoom.objects.filter(active=True)  # type: ignore[attr-defined]

    def arguments(self) -> dict[str, Any]:
        import datetime as dt

        arguments = super().arguments()
        arguments["ends_at"] = arguments["starts_at"] + dt.timedelta(minutes=arguments.pop("minutes") or 120)
        return arguments


class HoldHearingForm(ActForm):
    respondent_absent = forms.BooleanField(
        label=_("The respondent did not appear (default award)"), required=False
    )


class _PerClaimForm(ActForm):
    """A field per claim of the case (``<prefix>-<id>``), given to the service as {claim id: amount}."""

    claim_placeholder: Any = ""
    claims_keyword = ""
    claim_prefix = "claim"

    def setup(self) -> None:
        from hrbureau.core.punctuation import colon

        self.claims = list(self.case.claims.all())
        for claim in self.claims:
            self.fields[f"{self.claim_prefix}-{claim.pk}"] = AmountField(
                label=f"{claim.get_kind_display()}{colon()}{claim.description}",
                required=False,
                initial=self.claim_initial(claim),
                widget=forms.TextInput(attrs={"placeholder": self.claim_placeholder}),
            )

    def claim_initial(self, claim: Any) -> Any:
        return None

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        amounts = {}
        for claim in self.claims:
            value = (arguments.pop(f"{self.claim_prefix}-{claim.pk}", "") or "").strip()
            amounts[claim.pk] = value or None
        arguments[self.claims_keyword] = amounts
        return arguments


class AwardForm(_PerClaimForm):
    claim_placeholder = _("amount awarded (0 dismisses)")
    claims_keyword = "awarded"

    def done_message(self, result: Any) -> str:
        return _(
            "Final items: %(final)d, non-final items: %(non_final)d (threshold %(threshold)s yuan per item)."
        ) % {"final": len(result.final), "non_final": len(result.non_final), "threshold": result.threshold}


class MediationForm(_PerClaimForm):
    terms = forms.CharField(
        label=_("Terms agreed, one per line"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    payment_due = forms.DateField(
        label=_("To be paid by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    claim_placeholder = _("amount agreed (0 gives the item up)")
    claims_keyword = "agreed"
    claim_prefix = "agreed"

    def setup(self) -> None:
        from hrbureau.arbitration.models import MediationAgreement

        agreement = MediationAgreement.objects.filter(dispute=self.case).first()
        if agreement is not None:
            self.fields["terms"].initial = agreement.terms
            self.fields["payment_due"].initial = agreement.payment_due
        super().setup()

    def claim_initial(self, claim: Any) -> Any:
        return claim.amount_agreed


class ExtendForm(ActForm):
    days = forms.IntegerField(label=_("Days"), min_value=1)

    def setup(self) -> None:
        from django.utils import timezone

        from hrbureau.arbitration.rules import max_extension_days

        longest = max_extension_days(timezone.localdate())
        self.fields["days"].initial = longest
        self.fields["days"].help_text = _("At most %(days)d days.") % {"days": longest}


class AmendForm(ActForm):
    kind = FixedChoiceField(label=_("What changed"), choices=[])

    def setup(self) -> None:
        from hrbureau.arbitration.workflows import RESTART_REASONS

        self.fields["kind"].choices = [(key, str(label)) for key, label in RESTART_REASONS.items()]  # type: ignore[attr-defined]


class _PartyForm(ActionForm):
    party: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Party"), queryset=None)

    def setup(self) -> None:
        field = self.fields["party"]
        field.queryset = self.case.parties.all()  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.get_role_display()} {p.name}"  # type: ignore[attr-defined]


class AgentForm(_PartyForm):
    kind = FixedChoiceField(label=_("Kind"), choices=AgentKind.choices)
    name = forms.CharField(label=_("Agent's name"), max_length=100)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    special_authority = forms.BooleanField(
        label=_("Special authorisation (may admit, waive or settle claims)"), required=False
    )
    authorisation = forms.FileField(
        label=_("Power of attorney"), error_messages={"required": _("Attach the power of attorney.")}
    )

    def setup(self) -> None:
        super().setup()
        self.fields["party"].label = _("Acts for")


class ServeForm(_PartyForm):
    document = FixedChoiceField(label=_("Document"), choices=DocumentKind.choices)
    method = FixedChoiceField(label=_("Method"), choices=ServiceMethod.choices)
    on = ActDayField()
    signed_on = forms.DateField(
        label=_("Signed for on (in person, by post)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    attachment = forms.FileField(label=_("The document"), required=False)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class SignDocumentForm(ActionForm):
    """A party signs for a document served on it (on the portal, from the document's page)."""

    service = OwnRecordField(label=_("Document"))

    def setup(self) -> None:
        from hrbureau.arbitration.models import Service
        from hrbureau.arbitration.services import parties_of_user

        of_case = Service.objects.filter(dispute=self.case)
        self.fields["service"].offer(  # type: ignore[attr-defined]
            own=of_case.filter(party__in=parties_of_user(self.user, self.case), signed_at__isnull=True),
            of_case=of_case,
        )

    def done_message(self, result: Any) -> str:
        return str(_("Signed for. The proof of service records the time."))


class EServiceForm(ActionForm):
    """A party gives or withdraws its consent to electronic service (DOMAIN.md §2.6)."""

    party = OwnRecordField(label=_("Party"))
    consent = FixedChoiceField(
        label=_("Electronic service"),
        choices=[("yes", _("Receive documents electronically")), ("no", _("Withdraw consent"))],
    )

    def setup(self) -> None:
        from hrbureau.arbitration.services import parties_of_user

        self.fields["party"].offer(  # type: ignore[attr-defined]
            own=parties_of_user(self.user, self.case), of_case=self.case.parties.all()
        )

    def arguments(self) -> dict[str, Any]:
        arguments = super().arguments()
        arguments["consent"] = arguments["consent"] == "yes"
        return arguments


# --- the input of each action on a hearing (arbitration.hearings) -------------------------------------


class PostponeHearingForm(ActForm):
    """A hearing postponed (延期开庭) by the commission, or at a party's request: a party must ask at least
    the configured days before the hearing (3 by default) [rules]."""

    asked_by_party = forms.BooleanField(label=_("A party asked for it"), required=False)
    asked_on = forms.DateField(
        label=_("The party asked on"),
        required=False,
        help_text=_("The day the party's request came in."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("asked_by_party") and not data.get("asked_on"):
            self.add_error("asked_on", _("Enter the day the party asked."))
        if not data.get("asked_by_party"):
            data["asked_on"] = None
        return data


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AppointmentForm(StyledFormMixin, forms.Form):
    """A visit to the arbitration counter booked on the portal: an open time (whether it has passed or is
    full is the service's answer, ``appointments.appointment_book``), what for, and who comes."""

    slot = SlotChoiceField(
        label=_("Time"),
        queryset=AppointmentSlot.objects.filter(active=True),
        error_messages={
            "required": _("This time is not open for booking."),
            "invalid_choice": _("This time is not open for booking."),
        },
    )
    service = FixedChoiceField(
        label=_("For"),
        choices=AppointmentService.choices,
        error_messages={"invalid_choice": _("Choose what the visit is for.")},
    )
    name = forms.CharField(
        label=_("Your name"), max_length=100, error_messages={"required": _("The name is required.")}
    )
    phone = forms.CharField(label=_("Mobile phone"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "%s")  # the page's ids (slot, service, name, phone)
        super().__init__(*args, **kwargs)
