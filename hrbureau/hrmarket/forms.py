"""The input of the steps of an HR-service agency's licence (``hrmarket.workflows``): an inspection or a
lesser sanction, a suspension or a revocation, a reinstatement. Field names are the services' keywords."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import AmountField, CountField, FixedChoiceField, StyledFormMixin
from hrbureau.hrmarket.choices import ActionKind, LicenceKind

# The actions that leave the licence as it is (a suspension or revocation is a step of its own).
RECORDED_KINDS = [
    (k.value, k.label) for k in ActionKind if k not in (ActionKind.SUSPENSION, ActionKind.REVOCATION)
]


class _TakenOn(ActionForm):
    def clean_taken_on(self) -> dt.date:
        return self.cleaned_data.get("taken_on") or timezone.localdate()  # left empty: today


class EnforcementForm(_TakenOn):
    """An inspection, an order to rectify, a warning or a fine."""

    kind = FixedChoiceField(label=_("Kind"), choices=RECORDED_KINDS)
    taken_on = ActDayField(label=_("Date"))
    decision_no = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    amount = forms.DecimalField(
        label=_("Fine"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Only for a fine (yuan)."),
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )


class SanctionForm(_TakenOn):
    """A suspension or a revocation of the licence: the decision and what it is for."""

    taken_on = ActDayField(label=_("Date"))
    decision_no = forms.CharField(label=_("Decision number"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), max_length=10000
    )


class AgencyForm(StyledFormMixin, forms.Form):
    """Registering a licensed agency: the enterprise by its USCC, and its licence."""

    uscc = forms.CharField(label=_("USCC of the enterprise"), max_length=30)
    licence_kind = FixedChoiceField(label=_("Licence"), choices=LicenceKind.choices)
    licence_no = forms.CharField(label=_("Licence number"), max_length=60)
    licensed_on = forms.DateField(label=_("Licensed on"), widget=forms.DateInput(attrs={"type": "date"}))
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class FiguresForm(ActionForm):
    """An enterprise's figures for a period, as people type them ("1,250,000.00", full-width digits):
    checked by the service (``reporting.figures_clean``). Filled in with what the report holds."""

    revenue = AmountField(label=_("Revenue (yuan)"), max_length=40, required=False)
    staff = CountField(
        label=_("Staff"), max_length=20, required=False, help_text=_("At the end of the period.")
    )
    placements = CountField(
        label=_("People placed in jobs"), max_length=20, required=False, help_text=_("In the period.")
    )
    people_served = CountField(
        label=_("People served"), max_length=20, required=False, help_text=_("In the period.")
    )
    dispatched = CountField(
        label=_("Dispatched or outsourced workers"),
        max_length=20,
        required=False,
        help_text=_("At the end of the period; 0 if none."),
    )

    def setup(self) -> None:
        for name in ("revenue", "staff", "placements", "people_served", "dispatched"):
            value = getattr(self.case, name, None)
            if value is not None:
                self.fields[name].initial = str(value)


class RecordFiguresForm(FiguresForm):
    """Figures an enterprise gave on paper, entered by the department with the day they arrived (which
    decides whether they were late)."""

    received_on = ActDayField(label=_("Received on"))
