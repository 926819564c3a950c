"""The forms of applications (快申快享) and grant lists (免申即享): applying on the portal or at the
counter, and the input of each of their actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import AmountField, StyledFormMixin


class ApplyForm(StyledFormMixin, forms.Form):
    """An application on the portal: what the applicant states, the amount if the item leaves it to
    them, and the materials the claim guide asks for."""

    statement = forms.CharField(
        label=_("Statement"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
        help_text=_("Anything the reviewer should know about your application."),
    )
    amount_requested = AmountField(label=_("Amount requested (yuan)"), required=False, max_length=20)
    materials = MultipleFilesField(
        label=_("Materials"), help_text=_("The materials the claim guide lists (PDF, images, Word, Excel).")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


class CounterApplyForm(ApplyForm):
    """An application filed at the counter by staff for an enterprise (its USCC)."""

    uscc = forms.CharField(label=_("Enterprise's USCC"), max_length=18)
    field_order = ["uscc", "statement", "amount_requested", "materials"]


class SupplementForm(ActionForm):
    on = ActDayField(label=_("Asked on"))
    reason_label = _("What is missing")


class ResubmitForm(ActionForm):
    statement = forms.CharField(
        label=_("What was supplied"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    materials = MultipleFilesField(label=_("Materials"))
    on = ActDayField(label=_("Supplied on"))


class ApproveForm(ActionForm):
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    amount_approved = AmountField(label=_("Amount approved (yuan)"), required=False, max_length=20)

    def setup(self) -> None:
        amount = self.case.amount_approved or self.case.amount_requested
        if amount is not None:
            self.fields["amount_approved"].initial = amount


class PayForm(ActionForm):
    paid_on = ActDayField(label=_("Paid on"))
    amount = AmountField(label=_("Amount paid (yuan)"), max_length=20)
    reference = forms.CharField(label=_("Payment reference"), max_length=100)

    def setup(self) -> None:
        if self.case.amount_approved is not None:
            self.fields["amount"].initial = self.case.amount_approved


class EntryChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.enterprise.name} · {obj.amount if obj.amount is not None else '—'}"


class StrikeForm(ActionForm):
    entry = EntryChoiceField(label=_("Entry"), queryset=None)
    reason = forms.CharField(label=_("Why struck out"), max_length=300)

    def setup(self) -> None:
        self.fields["entry"].queryset = self.case.entries.filter(excluded=False).select_related(  # type: ignore[attr-defined]
            "enterprise"
        )


class AnnounceForm(ActionForm):
    on = ActDayField(label=_("Announced on"), initial=timezone.localdate)


class GenerateForm(StyledFormMixin, forms.Form):
    """A grant list to generate: the no-application item and the period (a year for a yearly item)."""

    item: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Policy item"), queryset=None)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2999, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.policies.choices import DeliveryKind, ItemState
        from hrbureau.policies.models import PolicyItem

        self.fields["item"].queryset = PolicyItem.objects.filter(  # type: ignore[attr-defined]
            kind=DeliveryKind.EXEMPT, state=ItemState.PUBLISHED
        )
        self.fields["year"].initial = timezone.localdate().year
        self.apply_styles()
