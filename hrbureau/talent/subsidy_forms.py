"""The forms of subsidy applications: applying on the portal or at the counter, and the input of each
action of the application's workflow (decisions with their reason, objections, answers)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import EMPTY_CHOICE_LABEL, StyledFormMixin
from hrbureau.talent.choices import AmountRule, Degree, Payee
from hrbureau.talent.subsidy_models import ObjectionOutcome


class ApplyForm(StyledFormMixin, forms.Form):
    """An application on the portal: degree, graduation, the employer (by USCC), the bank account."""

    degree = forms.ChoiceField(
        label=_("Degree"), choices=[("", EMPTY_CHOICE_LABEL), *Degree.choices], required=False
    )
    graduated_on = forms.DateField(
        label=_("Graduated on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    months = forms.IntegerField(
        label=_("Months"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("For a scheme paid per month."),
    )
    employer_uscc = forms.CharField(
        label=_("Employer's USCC"),
        max_length=18,
        required=False,
        help_text=_("The unified social credit code of the employer you work for, if any."),
    )
    bank_name = forms.CharField(label=_("Bank"), max_length=100)
    account_name = forms.CharField(label=_("Account name"), max_length=100)
    account_number = forms.CharField(label=_("Account number"), max_length=40)
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 4}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, scheme: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scheme is not None:
            # The form asks what the scheme needs: months only where it pays per month, the employer
            # (required) where the employer confirms the application or receives the money.
            if scheme.amount_rule != AmountRule.MONTHLY:
                del self.fields["months"]
            if scheme.employer_confirms or scheme.payee == Payee.EMPLOYER:
                self.fields["employer_uscc"].required = True
                self.fields["employer_uscc"].help_text = _(
                    "The unified social credit code of the employer you work for: it confirms your "
                    "application."
                )
        self.apply_styles()


class CounterApplyForm(ApplyForm):
    """An application brought to the counter: staff file it for the person found by ID number."""

    id_number = forms.CharField(label=_("Applicant's ID number"), max_length=18)
    field_order = ["id_number"]


class DecisionForm(ActionForm):
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )


class ConfirmForm(ActionForm):
    opinion = forms.CharField(
        label=_("Remarks"), widget=forms.Textarea(attrs={"rows": 2}), max_length=4000, required=False
    )


class SupplementForm(ActionForm):
    reason_label = _("What is missing")


class ResubmitForm(ActionForm):
    statement = forms.CharField(
        label=_("What was supplied"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class ObjectionForm(ActionForm):
    objector = forms.CharField(label=_("Who objected"), max_length=100)
    contact = forms.CharField(label=_("Contact"), max_length=100, required=False)
    content = forms.CharField(label=_("What the objection says"), widget=forms.Textarea(attrs={"rows": 3}))
    received_on = ActDayField(label=_("Received on"))


class ObjectionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.received_on} {obj.objector}: {obj.content[:40]}"


class AnswerForm(ActionForm):
    objection = ObjectionChoiceField(label=_("Objection"), queryset=None)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)

    def setup(self) -> None:
        self.fields["objection"].queryset = self.case.objections.filter(  # type: ignore[attr-defined]
            outcome=ObjectionOutcome.OPEN
        )


class ReverifyForm(StyledFormMixin, forms.Form):
    """The year's re-verification of a waiting instalment."""

    still_works = forms.TypedChoiceField(
        label=_("Re-verification"),
        choices=[("yes", _("Still works in the district")), ("no", _("No longer works in the district"))],
        coerce=lambda v: v == "yes",
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()
