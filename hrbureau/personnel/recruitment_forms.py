"""Recruitment's forms: a plan, a post (its requirements in the rules language), a registration on the
portal with its materials, and a publication's note."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import StyledFormMixin
from hrbureau.people.choices import Education
from hrbureau.personnel import recruitment
from hrbureau.personnel.recruitment_choices import Degree, ProfessionalTitle
from hrbureau.personnel.recruitment_models import RecruitmentPlan, RecruitmentPost


class PlanForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RecruitmentPlan
        fields = [
            "number",
            "name",
            "organiser",
            "kind",
            "department",
            "opens_on",
            "closes_on",
            "written_weight",
            "interview_weight",
            "tie_rule",
            "shortlist_ratio",
            "notes",
        ]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        keys = ("opens_on", "closes_on", "written_weight", "interview_weight")
        try:
            recruitment.plan_check(RecruitmentPlan(**{k: cleaned.get(k) for k in keys}))
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                for message in messages:
                    self.add_error(field, message)
        return cleaned


class RequirementsField(forms.CharField):
    """The post's requirements as the rules language's JSON (validated by the registrant subject)."""

    widget = forms.Textarea(attrs={"rows": 6, "class": "font-monospace"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=1) if value else ""
        return value

    def to_python(self, value: Any) -> Any:
        text = (value or "").strip()
        if not text:
            return {}
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError:
            raise ValidationError(_("The requirements are not valid JSON.")) from None
        return parsed


class PostForm(StyledFormMixin, forms.ModelForm):
    requirements = RequirementsField(
        label=_("Requirements (rules language)"),
        required=False,
        help_text=_(
            'E.g. {"all": [{"field": "age", "op": "lte", "value": 35}, {"field": "education_level", "op": '
            '"gte", "value": 5}]}. The fields are listed below.'
        ),
    )

    class Meta:
        model = RecruitmentPost
        fields = [
            "unit",
            "code",
            "title",
            "headcount",
            "requirements",
            "requirements_text",
            "shortlist_ratio",
        ]
        widgets = {"requirements_text": forms.Textarea(attrs={"rows": 3})}


class RegisterForm(StyledFormMixin, forms.Form):
    post = forms.ModelChoiceField(label=_("Post"), queryset=RecruitmentPost.objects.none())
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices)
    degree = forms.ChoiceField(label=_("Degree"), choices=Degree.choices)
    school = forms.CharField(label=_("School"), max_length=200, required=False)
    major = forms.CharField(label=_("Major"), max_length=200, required=False)
    professional_title = forms.ChoiceField(label=_("Professional title"), choices=ProfessionalTitle.choices)
    years_experience = forms.DecimalField(
        label=_("Years of experience"), min_value=0, max_value=60, decimal_places=1, initial=0
    )
    materials = MultipleFilesField(
        label=_("Materials"),
        help_text=_(
            "Diplomas, degree certificates, ID card, title certificates (PDF, images, Word; 10 MB each)."
        ),
    )

    def __init__(self, *args: Any, plan: RecruitmentPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        post_field: Any = self.fields["post"]
        post_field.queryset = plan.posts.order_by("code")
        self.apply_styles()


class PublishForm(StyledFormMixin, forms.Form):
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )
