"""Forms of key-enterprise services and labour demands: they render and type-check; the rules live in
``plan_services``."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import Role
from hrbureau.accounts.forms import UnitChoiceField
from hrbureau.accounts.models import OrgUnit, User
from hrbureau.core.forms import StyledFormMixin
from hrbureau.enterprises.models import LabourDemand
from hrbureau.enterprises.plan_choices import PlanArea

OFFICER_ROLES = (Role.DEPT_HEAD, Role.DEPT_STAFF, Role.STREET_STAFF)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def officers() -> Any:
    return User.objects.filter(role__in=OFFICER_ROLES, is_active=True).order_by("full_name", "id")


class OfficerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        unit = obj.org_unit.name if obj.org_unit_id else ""
        return f"{obj.full_name or obj.username}{' · ' + unit if unit else ''}"


class PlanForm(StyledFormMixin, forms.Form):
    officer = OfficerField(label=_("Service officer"), queryset=officers().select_related("org_unit"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.apply_styles()


class ItemForm(StyledFormMixin, forms.Form):
    area = forms.ChoiceField(label=_("Area"), choices=PlanArea.choices)
    task = forms.CharField(label=_("What to do"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)
    due_on = forms.DateField(label=_("Due"), widget=DATE)
    owner_user = OfficerField(
        label=_("Owner (a person)"), queryset=officers().select_related("org_unit"), required=False
    )
    owner_unit = UnitChoiceField(
        label=_("Owner (a unit)"),
        queryset=OrgUnit.objects.filter(kind__in=("department", "street"))
        .select_related("parent")
        .order_by("kind", "name"),
        required=False,
    )
    shared = forms.BooleanField(label=_("Shown to the enterprise"), required=False, initial=True)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].help_text = _("Leave both empty for the plan's officer.")
        self.apply_styles()


class VisitForm(StyledFormMixin, forms.Form):
    visited_on = forms.DateField(label=_("Date"), widget=DATE)
    met = forms.CharField(label=_("Who was met"), max_length=200)
    discussed = forms.CharField(
        label=_("What was discussed"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )
    follow_ups = forms.CharField(
        label=_("Follow-ups"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=4000
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["visited_on"].initial = timezone.localdate()
        self.apply_styles()


class LabourDemandForm(StyledFormMixin, forms.ModelForm):
    """An enterprise's labour need, as the enterprise (portal) or staff write it."""

    class Meta:
        model = LabourDemand
        fields: tuple[str, ...] = (
            "post",
            "headcount",
            "skills",
            "education",
            "wage_min",
            "wage_max",
            "needed_by",
        )
        widgets = {"skills": forms.Textarea(attrs={"rows": 2}), "needed_by": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["headcount"].widget.attrs["min"] = 1
        self.apply_styles()


class StaffLabourDemandForm(LabourDemandForm):
    """Staff name the enterprise by its unified social credit code."""

    uscc = forms.CharField(label=_("Enterprise's unified social credit code"), max_length=18)

    class Meta(LabourDemandForm.Meta):
        fields = ("uscc", *LabourDemandForm.Meta.fields)
