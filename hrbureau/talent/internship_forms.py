"""The internship subsidy's forms: a base, registering an intern, one month's pay."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin
from hrbureau.talent.internship_choices import BaseState
from hrbureau.talent.models import Internship, InternshipBase


class BaseForm(StyledFormMixin, forms.ModelForm):
    uscc = forms.CharField(label=_("Unified social credit code"), max_length=18)

    class Meta:
        model = InternshipBase
        fields = ["level", "approved_on", "posts", "places", "contact", "state"]
        widgets = {
            "approved_on": forms.DateInput(attrs={"type": "date"}),
            "posts": forms.Textarea(attrs={"rows": 3}),
        }


class RegisterForm(StyledFormMixin, forms.Form):
    id_number = forms.CharField(label=_("Intern's resident ID number"), max_length=18)
    base = forms.ModelChoiceField(label=_("Internship base"), queryset=InternshipBase.objects.none())
    post = forms.CharField(label=_("Post"), max_length=100)
    starts_on = forms.DateField(label=_("Starts on"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Ends on"), widget=forms.DateInput(attrs={"type": "date"}))
    graduated_on = forms.DateField(
        label=_("Graduated on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty for a registered-unemployed young person who is not a recent graduate."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        base: Any = self.fields["base"]
        base.queryset = InternshipBase.objects.filter(state=BaseState.ACTIVE).select_related("enterprise")


class MonthForm(StyledFormMixin, forms.Form):
    month = forms.CharField(
        label=_("Month"),
        max_length=7,
        widget=forms.TextInput(attrs={"type": "month"}),
        help_text=_("e.g. 2026-03"),
    )
    paid = forms.DecimalField(label=_("Amount paid (yuan)"), min_value=0, max_digits=12, decimal_places=2)

    def clean_month(self) -> Any:
        from hrbureau.talent.internship import parse_month

        month = parse_month(self.cleaned_data["month"])
        if month is None:
            raise forms.ValidationError(_("Write the month as 2026-03."))
        return month


class PortalMonthForm(MonthForm):
    internship = forms.ModelChoiceField(label=_("Intern"), queryset=Internship.objects.none())

    field_order = ["internship", "month", "paid"]

    def __init__(self, *args: Any, internships: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["internship"]
        field.queryset = internships if internships is not None else Internship.objects.none()
        field.label_from_instance = lambda i: f"{i.person.name}（{i.post}）"


class PayrollUploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Payroll spreadsheet"),
        help_text=_("One row per intern: ID number, name, month, amount paid (a title row above is fine)."),
    )
