"""The forms of talent intake and certification: applying on the portal, the category's configuration,
and the input of each action on the case pages."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.core import rules
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import EMPTY_CHOICE, AmountField, StyledFormMixin
from hrbureau.talent.certification_choices import EvidenceKind, IntakeBasis
from hrbureau.talent.certification_models import Certification, TalentCategory
from hrbureau.talent.certification_rules import CANDIDATE_SUBJECT


class IntakeApplyForm(StyledFormMixin, forms.Form):
    """A talent intake application on the portal."""

    basis = forms.ChoiceField(label=_("Basis"), choices=IntakeBasis.choices)
    qualification = forms.CharField(
        label=_("Degree, title or skill level"),
        max_length=200,
        help_text=_("For example: Master of Engineering, Senior Engineer, Senior Technician."),
    )
    employer_uscc = forms.CharField(label=_("Employer's USCC"), max_length=18, required=False)
    family_members = forms.IntegerField(
        label=_("Family members moving along"), min_value=0, max_value=20, initial=0
    )
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
    materials = MultipleFilesField(
        label=_("Documents"), help_text=_("Degree or title certificate, labour contract, household booklet.")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


EVIDENCE_ROWS = 4


class CertificationApplyForm(StyledFormMixin, forms.Form):
    """An application for high-level talent certification on the portal: the category, the figures the
    criteria read, and the evidence: up to four kinds, each with its files."""

    category = forms.ModelChoiceField(label=_("Category"), queryset=TalentCategory.objects.none())
    employer_uscc = forms.CharField(label=_("Employer's USCC"), max_length=18, required=False)
    annual_salary = AmountField(label=_("Annual salary (yuan)"), required=False, max_length=20)
    annual_tax = AmountField(label=_("Income tax paid last year (yuan)"), required=False, max_length=20)
    statement = forms.CharField(
        label=_("Statement"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = TalentCategory.objects.filter(active=True)  # type: ignore[attr-defined]
        for i in range(1, EVIDENCE_ROWS + 1):
            self.fields[f"evidence_kind_{i}"] = forms.ChoiceField(
                label=_("Kind of evidence %(n)d") % {"n": i},
                choices=[EMPTY_CHOICE, *EvidenceKind.choices],
                required=False,
            )
            self.fields[f"evidence_description_{i}"] = forms.CharField(
                label=_("What evidence %(n)d is") % {"n": i}, max_length=300, required=False
            )
            self.fields[f"evidence_file_{i}"] = MultipleFilesField(
                label=_("File of evidence %(n)d") % {"n": i}
            )
        self.apply_styles()

    def evidence(self) -> list[tuple[str, str, Any]]:
        """(kind, description, file or None) for every evidence row filled in."""
        rows: list[tuple[str, str, Any]] = []
        for i in range(1, EVIDENCE_ROWS + 1):
            kind = self.cleaned_data.get(f"evidence_kind_{i}")
            files = self.cleaned_data.get(f"evidence_file_{i}") or []
            if not kind:
                continue
            description = self.cleaned_data.get(f"evidence_description_{i}", "")
            for upload in files or [None]:
                rows.append((kind, description, upload))
        return rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(1, EVIDENCE_ROWS + 1):
            if data.get(f"evidence_file_{i}") and not data.get(f"evidence_kind_{i}"):
                self.add_error(f"evidence_kind_{i}", _("Say what this evidence is."))
        return data


class CategoryForm(StyledFormMixin, forms.ModelForm):
    """A category's configuration; the criteria are a condition of the rules language (JSON)."""

    criteria_text = forms.CharField(
        label=_("Criteria (rules, JSON)"),
        widget=forms.Textarea(attrs={"rows": 8, "class": "font-monospace"}),
        required=False,
        help_text=_('For example: {"all": [{"field": "education", "op": "eq", "value": "doctor"}]}'),
    )

    class Meta:
        model = TalentCategory
        fields = [
            "code",
            "name",
            "name_en",
            "level",
            "description",
            "materials",
            "experts_required",
            "pass_mark",
            "validity_years",
            "renewal_window_days",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.criteria:
            self.fields["criteria_text"].initial = json.dumps(
                self.instance.criteria, ensure_ascii=False, indent=2
            )
        self.apply_styles()

    def clean_criteria_text(self) -> dict[str, Any]:
        text = (self.cleaned_data.get("criteria_text") or "").strip()
        if not text:
            return {}
        try:
            condition = json.loads(text)
        except ValueError:
            raise ValidationError(_("The criteria are not valid JSON.")) from None
        return rules.validate(CANDIDATE_SUBJECT, condition)

    def save(self, commit: bool = True) -> TalentCategory:
        self.instance.criteria = self.cleaned_data["criteria_text"]
        return super().save(commit=commit)


# --- actions on intake applications -----------------------------------------------------------------


class OpinionForm(ActionForm):
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )


class SupplementForm(ActionForm):
    reason_label = _("What is missing")


class ResubmitForm(ActionForm):
    statement = forms.CharField(
        label=_("What was supplied"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        required=False,
    )
    materials = MultipleFilesField(label=_("Documents"))


class RegisterForm(ActionForm):
    """The public-security side's acceptance of the household move."""

    registered_on = ActDayField(label=_("Accepted on"))
    registration_number = forms.CharField(label=_("Acceptance number"), max_length=60)


# --- actions on certifications ----------------------------------------------------------------------


class ExpertChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.get_full_name() or obj.get_username()


class SendToExpertsForm(ActionForm):
    """The criteria are checked by the rules first; an application that meets them goes to the experts
    named here (as many as the category asks)."""

    experts = ExpertChoiceField(
        label=_("Experts"), queryset=get_user_model().objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def setup(self) -> None:
        users = (
            get_user_model()
            .objects.filter(role__in=[Role.DEPT_HEAD, Role.DEPT_STAFF], is_active=True)
            .order_by("username")
        )
        self.fields["experts"].queryset = users  # type: ignore[attr-defined]
        if isinstance(self.case, Certification):
            self.fields["experts"].help_text = _("Choose %(n)d.") % {"n": self.case.category.experts_required}


class ScoreForm(ActionForm):
    score = forms.IntegerField(label=_("Score (0–100)"), min_value=0, max_value=100)
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)


class CertifyForm(ActionForm):
    on = ActDayField(label=_("Decided on"))
    opinion = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=False
    )
