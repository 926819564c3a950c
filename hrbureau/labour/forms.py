from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.forms import UnitChoiceField
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import EMPTY_CHOICE, AmountField, CountField, RecordsChoiceField, StyledFormMixin
from hrbureau.enterprises.models import Enterprise
from hrbureau.labour.choices import (
    Answer,
    InspectionKind,
    RiskType,
    Severity,
    StratumField,
)
from hrbureau.labour.models import ChecklistItem, PlanTarget

DATE: dict[str, Any] = {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
RISK_ROWS = 3


class PeriodForm(StyledFormMixin, forms.Form):
    period_from = forms.DateField(label=_("From"), required=False, **DATE)
    period_to = forms.DateField(label=_("To"), required=False, **DATE)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The period cannot end before it starts."))
        return data

    def period(self) -> tuple[dt.date | None, dt.date | None]:
        if not self.is_bound:
            today = timezone.localdate()
            return dt.date(today.year, 1, 1), today
        if not self.is_valid():
            return None, None
        return self.cleaned_data.get("period_from"), self.cleaned_data.get("period_to")


class PlanForm(StyledFormMixin, forms.Form):
    """A round of visits made from the early-warning list: the enterprises ticked (among those the user
    may see), in a period."""

    name = forms.CharField(label=_("Plan name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices, initial=InspectionKind.ROUTINE)
    starts_on = forms.DateField(label=_("From"), **DATE)
    ends_on = forms.DateField(label=_("To"), **DATE)
    enterprise = RecordsChoiceField(
        label=_("Enterprises to visit"),
        queryset=Enterprise.objects.none(),
        widget=forms.MultipleHiddenInput,
        error_messages={
            "required": _("Tick the enterprises to visit."),
            "invalid_choice": _("Choose enterprises you may see."),
            "invalid_pk_value": _("Choose enterprises you may see."),
        },
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["enterprise"].queryset = Enterprise.objects.for_user(user)  # type: ignore[attr-defined]


class SampleForm(StyledFormMixin, forms.Form):
    """A survey sample to draw. What is missing or out of range is left to the service, which names each
    problem in one answer (``sampling.sample_draw``)."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    size = CountField(label=_("Sample size"), max_length=10)
    seed = CountField(
        label=_("Random seed"), max_length=19, help_text=_("Any whole number; recorded with the sample.")
    )
    strata = forms.MultipleChoiceField(
        label=_("Stratify by"),
        choices=StratumField.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        initial=[StratumField.STREET, StratumField.SIZE],
    )


class PlanTargetField(forms.ModelChoiceField):
    """A planned visit the user may see (``PlanTarget.objects.for_user``), carried in the link or the form."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", PlanTarget.objects.none())
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("label", _("Planned visit"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose a planned visit you may see.")})
        super().__init__(**kwargs)

    def limit_to(self, user: Any) -> None:
        from hrbureau.labour.selectors import plan_targets_in_reach

        self.queryset = plan_targets_in_reach(user=user)


class VisitForm(StyledFormMixin, forms.Form):
    """What a visit is, as the inspection page's link (or its form) says: the kind of check, and the planned
    visit it makes, if any. Both optional: a wrong one is ignored for the page, refused by the form."""

    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices, required=False)
    target = PlanTargetField()

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["target"].limit_to(user)  # type: ignore[attr-defined]

    def chosen(self) -> tuple[str, PlanTarget | None]:
        """The kind of check (the link's, else the plan's, else routine) and the planned visit."""
        if not self.is_bound:
            return InspectionKind.ROUTINE, None
        self.is_valid()  # each field's value when it is good, whatever the other's
        data = self.cleaned_data
        target = data.get("target")
        kind = data.get("kind") or (target.plan.kind if target is not None else InspectionKind.ROUTINE)
        return kind, target


class InspectionForm(StyledFormMixin, forms.Form):
    """The visit as the inspector records it on a phone: one yes/no/n.a. per checklist question, up to
    three risks, the notes, and the planned visit it makes (one the user may see). Photos come from
    ``request.FILES``; the day, when left empty, is today (``services.inspection_record``)."""

    kind = forms.ChoiceField(label=_("Kind"), choices=InspectionKind.choices, initial=InspectionKind.ROUTINE)
    target = PlanTargetField()
    visited_on = forms.DateField(label=_("Visited on"), required=False, **DATE)
    workers_present = CountField(label=_("Workers on site"), max_length=7, required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, items: list[ChecklistItem], user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = items
        if user is not None:
            self.fields["target"].limit_to(user)  # type: ignore[attr-defined]
        for item in items:
            self.fields[f"q_{item.code}"] = forms.ChoiceField(
                label=item.display, choices=Answer.choices, widget=forms.RadioSelect, required=False
            )
        for i in range(RISK_ROWS):
            self.fields[f"risk{i}_type"] = forms.ChoiceField(
                label=_("Type"), choices=[EMPTY_CHOICE, *RiskType.choices], required=False
            )
            self.fields[f"risk{i}_severity"] = forms.ChoiceField(
                label=_("Severity"), choices=Severity.choices, required=False
            )
            self.fields[f"risk{i}_workers"] = CountField(
                label=_("Workers affected"), max_length=7, required=False
            )
            self.fields[f"risk{i}_arrears"] = AmountField(
                label=_("Amount in arrears"), max_length=20, required=False
            )
            self.fields[f"risk{i}_description"] = forms.CharField(
                label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
        self.apply_styles()

    def clean_visited_on(self) -> dt.date | None:
        day = self.cleaned_data.get("visited_on")
        if day is not None and day > timezone.localdate():
            raise forms.ValidationError(_("The day cannot be in the future."))
        return day

    def answers(self) -> dict[str, str]:
        return {item.code: self.cleaned_data.get(f"q_{item.code}") or "" for item in self.items}

    def risks(self) -> list[Any]:
        from hrbureau.labour.services import RiskInput

        rows = []
        for i in range(RISK_ROWS):
            risk_type = self.data.get(f"risk{i}_type", "")
            description = self.data.get(f"risk{i}_description", "")
            if not risk_type and not description.strip():
                continue
            rows.append(
                RiskInput(
                    risk_type=risk_type,
                    severity=self.data.get(f"risk{i}_severity", ""),
                    description=description,
                    workers_affected=self.data.get(f"risk{i}_workers", ""),
                    arrears_amount=self.data.get(f"risk{i}_arrears", ""),
                )
            )
        return rows

    def question_fields(self) -> list[Any]:
        return [self[f"q_{item.code}"] for item in self.items]

    def risk_rows(self) -> list[list[Any]]:
        return [
            [self[f"risk{i}_{part}"] for part in ("type", "severity", "workers", "arrears", "description")]
            for i in range(RISK_ROWS)
        ]


# --- the input of each action on a risk (declared on its transition in workflows.py) --------------------


class RiskDayForm(ActionForm):
    """An action that asks only for the day it was done (and the reason, when the transition needs one)."""

    on = ActDayField()

    def setup(self) -> None:
        self.order_fields(["unit", "resolution", "reason"])  # what was done first, then the day


class RiskAssignForm(RiskDayForm):
    """Assign the risk to the street or department that resolves it: its street chosen already."""

    unit = UnitChoiceField(
        label=_("Street or department"),
        queryset=OrgUnit.objects.none(),
        error_messages={"invalid_choice": _("Choose a street or a department to assign it to.")},
    )

    def setup(self) -> None:
        from hrbureau.labour.selectors import assignable_units

        super().setup()
        self.fields["unit"].queryset = assignable_units().select_related("parent")  # type: ignore[attr-defined]
        self.fields["unit"].initial = self.case.street_id


class RiskRejectForm(RiskDayForm):
    """The verification failed: what is still not resolved goes back to the unit with the risk."""

    reason_label = _("What is still not resolved?")


class RiskResolveForm(RiskDayForm):
    reason_field = "resolution"
    resolution = forms.CharField(
        label=_("How it was resolved"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


# --- the input of each action on a survey task (workflows.SURVEYS) ------------------------------------


class SurveyForm(ActionForm):
    """The enterprise was surveyed: the day, and a note if there is something to say."""

    reason_field = "note"
    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500, required=False
    )
    on = ActDayField(label=_("Surveyed on"))


class UnreachableForm(SurveyForm):
    """The enterprise could not be surveyed: why (closed, moved away, refused) is required."""

    note = forms.CharField(
        label=_("Why could it not be surveyed?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=500
    )
    on = ActDayField(label=_("Visited on"))
