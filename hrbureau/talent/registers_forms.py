"""The talent registers' forms. They check their fields only; the record's own rules (dates in order,
one station of a kind per employer…) are the service's (``talent.registers.register_save``), whose
errors come back onto the form. An enterprise is named by its USCC."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.identifiers import normalize_uscc
from hrbureau.enterprises.models import Enterprise
from hrbureau.talent.registers_models import (
    AgreementAction,
    ContestEntrant,
    ContestRound,
    CooperationAgreement,
    ParkResidency,
    Postdoc,
    PostdocStation,
    StationAssessment,
    TalentContest,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RegisterForm(StyledFormMixin, forms.ModelForm):
    """A register record's fields; the model's checks run in the service, not here."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DATE
        self.apply_styles()

    def _post_clean(self) -> None:  # the service validates the record as a whole
        pass

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "uscc"}


class EnterpriseByUscc(RegisterForm):
    """A form whose record names an enterprise of the registry by its USCC."""

    uscc = forms.CharField(label=_("USCC of the enterprise"), max_length=30)
    uscc_required = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uscc"].required = self.uscc_required
        enterprise = getattr(self.instance, "enterprise", None) if self.instance.pk else None
        if enterprise is not None:
            self.initial.setdefault("uscc", enterprise.uscc)
        self.order_fields(["uscc"])

    def clean_uscc(self) -> Enterprise | None:
        raw = (self.cleaned_data.get("uscc") or "").strip()
        if not raw:
            return None
        uscc = normalize_uscc(raw)
        enterprise = Enterprise.objects.filter(uscc=uscc).first()
        if enterprise is None:
            raise ValidationError(_("No enterprise with this USCC is registered; register it first."))
        return enterprise

    def values(self) -> dict[str, Any]:
        return {**super().values(), "enterprise": self.cleaned_data.get("uscc")}


class StationForm(EnterpriseByUscc):
    class Meta:
        model = PostdocStation
        fields = ["kind", "level", "approved_on", "approval_no", "supervisors", "research_fields", "note"]
        widgets = {
            "supervisors": forms.Textarea(attrs={"rows": 3}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }


class PostdocForm(RegisterForm):
    class Meta:
        model = Postdoc
        fields = ["name", "supervisor", "topic", "entered_on", "left_on"]


class AssessmentForm(RegisterForm):
    class Meta:
        model = StationAssessment
        fields = ["year", "result", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}


class ParkResidencyForm(EnterpriseByUscc):
    class Meta:
        model = ParkResidency
        fields = ["founder_name", "studied_at", "entered_on", "left_on", "area", "support"]
        widgets = {"support": forms.Textarea(attrs={"rows": 3})}


class AgreementForm(RegisterForm):
    class Meta:
        model = CooperationAgreement
        fields = ["title", "parties", "signed_on", "ends_on", "terms"]
        widgets = {"parties": forms.Textarea(attrs={"rows": 3}), "terms": forms.Textarea(attrs={"rows": 6})}


class ActionForm(RegisterForm):
    class Meta:
        model = AgreementAction
        fields = ["title", "owner", "due_on"]


class ProgressForm(StyledFormMixin, forms.Form):
    reported_on = forms.DateField(label=_("Date"), widget=DATE)
    percent = forms.IntegerField(label=_("Progress (%)"), min_value=0, max_value=100)
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=2000
    )


class ContestForm(RegisterForm):
    class Meta:
        model = TalentContest
        fields = ["name", "year", "organiser", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class RoundForm(RegisterForm):
    class Meta:
        model = ContestRound
        fields = ["name", "city", "country", "overseas", "held_on"]


class EntrantForm(EnterpriseByUscc):
    uscc_required = False

    class Meta:
        model = ContestEntrant
        fields = ["project", "leader", "field", "settled_on"]
