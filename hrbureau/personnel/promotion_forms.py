"""Forms of grade promotion: a yearly appraisal, proposing a promotion, and the decision's actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import StyledFormMixin
from hrbureau.personnel.records_choices import AppraisalResult

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AppraisalForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1980, max_value=2100)
    result = forms.ChoiceField(label=_("Result"), choices=AppraisalResult.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


class GradeForm(StyledFormMixin, forms.Form):
    """A staff member's grade as it stands (when the record is first kept)."""

    grade: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Staff grade"), queryset=None)
    grade_since = forms.DateField(label=_("In the grade since"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.personnel.records_models import StaffGrade

        self.fields["grade"].queryset = StaffGrade.objects.all()  # type: ignore[attr-defined]
        self.apply_styles()


class ProposeForm(StyledFormMixin, forms.Form):
    """Propose the promotion of an eligible staff member in a year (the rule met is found again)."""

    year = forms.IntegerField(label=_("Year"), min_value=1980, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


class ApproveForm(ActionForm):
    effective_on = forms.DateField(label=_("Effective on"), widget=DATE)


class RejectForm(ActionForm):
    on = ActDayField()


class TakeEffectForm(ActionForm):
    on = ActDayField()
