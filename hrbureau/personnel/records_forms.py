"""Forms of 三龄一历 certification: the unit's request (with its education history and evidence) and
the input of each action on a request — the review's and the decision's finding per item."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import EMPTY_CHOICE, StyledFormMixin
from hrbureau.personnel.records_choices import CertifiedItem, Degree, Outcome

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
EDUCATION_ROWS = 4


class StaffForm(StyledFormMixin, forms.Form):
    """A staff member's record: who, which unit and post, which street (if any)."""

    name = forms.CharField(label=_("Name"), max_length=100)
    id_number = forms.CharField(label=_("Resident ID number"), max_length=20)
    unit_name = forms.CharField(label=_("Unit"), max_length=200)
    post = forms.CharField(label=_("Post"), max_length=100, required=False)
    street: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Street"), queryset=None, required=False)
    party_member = forms.BooleanField(label=_("Party member"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.accounts.models import OrgUnit

        self.fields["street"].queryset = OrgUnit.objects.filter(kind="street").order_by("name")  # type: ignore[attr-defined]
        self.apply_styles()


class RequestForm(StyledFormMixin, forms.Form):
    """A unit's certification request: the staff member (by ID number), the claimed dates, up to four
    education history rows, and the evidence."""

    id_number = forms.CharField(label=_("Staff member's resident ID number"), max_length=20)
    requesting_unit = forms.CharField(label=_("Requesting unit"), max_length=200)
    claimed_birth_date = forms.DateField(label=_("Claimed birth date"), widget=DATE)
    claimed_work_start = forms.DateField(label=_("Claimed work start date"), widget=DATE)
    claimed_party_joined = forms.DateField(
        label=_("Claimed party joining date"),
        widget=DATE,
        required=False,
        help_text=_("Empty: not a party member."),
    )
    evidence = MultipleFilesField(
        label=_("Evidence"),
        help_text=_("Archive pages, diplomas, the party membership record (PDF or images)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, EDUCATION_ROWS + 1):
            required = False
            self.fields[f"school_{i}"] = forms.CharField(label=_("School"), max_length=200, required=required)
            self.fields[f"degree_{i}"] = forms.ChoiceField(
                label=_("Degree"), choices=[EMPTY_CHOICE, *Degree.choices], required=required
            )
            self.fields[f"from_{i}"] = forms.DateField(label=_("From"), widget=DATE, required=required)
            self.fields[f"to_{i}"] = forms.DateField(label=_("To"), widget=DATE, required=required)
        self.apply_styles()

    @property
    def rows(self) -> list[list[Any]]:
        """The education rows' bound fields, row by row (for the page)."""
        names = ("school", "degree", "from", "to")
        return [[self[f"{name}_{i}"] for name in names] for i in range(1, EDUCATION_ROWS + 1)]

    def education_rows(self) -> list[dict[str, Any]]:
        rows = []
        for i in range(1, EDUCATION_ROWS + 1):
            values = [self.cleaned_data.get(f"{name}_{i}") for name in ("school", "degree", "from", "to")]
            if any(values):
                school, degree, started, ended = values
                rows.append({"school": school, "degree": degree, "started_on": started, "ended_on": ended})
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, EDUCATION_ROWS + 1):
            values = [data.get(f"{name}_{i}") for name in ("school", "degree", "from", "to")]
            if any(values) and not all(values):
                raise ValidationError(_("Row %(row)d of the education history is incomplete.") % {"row": i})
        return data


class FindingsForm(ActionForm):
    """Each of the four items confirmed as claimed or corrected, always with a reason."""

    on = ActDayField()

    def setup(self) -> None:
        for item, label in CertifiedItem.choices:
            self.fields[f"{item}_outcome"] = forms.ChoiceField(
                label=label, choices=Outcome.choices, initial=Outcome.CONFIRMED
            )
            if item == CertifiedItem.EDUCATION:
                value: forms.Field = forms.ChoiceField(
                    label=_("Corrected highest degree"),
                    choices=[EMPTY_CHOICE, *Degree.choices],
                    required=False,
                )
            else:
                value = forms.DateField(label=_("Corrected date"), widget=DATE, required=False)
            self.fields[f"{item}_value"] = value
            self.fields[f"{item}_reason"] = forms.CharField(
                label=_("Reason"), max_length=500, help_text=_("Which evidence shows it.")
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for item, _label in CertifiedItem.choices:
            if data.get(f"{item}_outcome") == Outcome.CORRECTED and not data.get(f"{item}_value"):
                self.add_error(f"{item}_value", _("Give the corrected value."))
        return data

    def arguments(self) -> dict[str, Any]:
        data = self.cleaned_data
        findings = {}
        for item, _label in CertifiedItem.choices:
            value = data.get(f"{item}_value")
            findings[item] = {
                "outcome": data[f"{item}_outcome"],
                "value": value.isoformat() if isinstance(value, dt.date) else (value or ""),
                "reason": data[f"{item}_reason"],
            }
        return {"findings": findings, "on": data.get("on")}


class ReasonForm(ActionForm):
    on = ActDayField()


class ResubmitForm(ActionForm):
    evidence = MultipleFilesField(label=_("Evidence"))
    on = ActDayField()
