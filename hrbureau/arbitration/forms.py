from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration.choices import ClaimKind
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import EMPTY_CHOICE, AmountField, StyledFormMixin

ANY = [("", _("Any"))]


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
