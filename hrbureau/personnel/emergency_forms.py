"""Forms of emergency duty: a plan (the document), a duty post, a roster line, and the figures' period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.identifiers import normalize_resident_id
from hrbureau.personnel.records_choices import PlaceKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PlanForm(StyledFormMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    number = forms.CharField(label=_("Document number"), max_length=60)
    issued_on = forms.DateField(label=_("Issued on"), widget=DATE)
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False, max_length=4000
    )
    file = forms.FileField(label=_("Document"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is not None:
            from hrbureau.core.attachments import validate_upload

            validate_upload(upload)
            upload.seek(0)
        return upload


class PostForm(StyledFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Place"), choices=PlaceKind.choices)
    street: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Street"), queryset=None, required=False)
    name = forms.CharField(
        label=_("Site"),
        max_length=200,
        required=False,
        help_text=_("The airport's or the hotel's name; a street post may leave it empty."),
    )
    duty = forms.CharField(label=_("Duty"), max_length=200, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.accounts.models import OrgUnit

        self.fields["street"].queryset = OrgUnit.objects.filter(kind="street").order_by("name")  # type: ignore[attr-defined]
        self.apply_styles()


class DeploymentForm(StyledFormMixin, forms.Form):
    post: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Post"), queryset=None)
    id_number = forms.CharField(label=_("Staff member's resident ID number"), max_length=20)
    starts_on = forms.DateField(label=_("From"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Until"), widget=DATE, required=False, help_text=_("Empty while still there.")
    )
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.personnel.records_models import DutyPost

        posts = plan.posts.all() if plan is not None else DutyPost.objects.none()
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        self.apply_styles()

    def clean_id_number(self) -> str:
        try:
            return normalize_resident_id(self.cleaned_data["id_number"])
        except (ValidationError, ValueError):
            raise ValidationError(_("This is not a valid resident ID number.")) from None


class FiguresForm(StyledFormMixin, forms.Form):
    first = forms.DateField(label=_("From"), widget=DATE)
    last = forms.DateField(label=_("Until"), widget=DATE)
    plan: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Emergency plan"), queryset=None, required=False, empty_label=_("All plans")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.personnel.records_models import EmergencyPlan

        self.fields["plan"].queryset = EmergencyPlan.objects.order_by("-issued_on")  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["first"].initial = today - dt.timedelta(days=30)
        self.fields["last"].initial = today
        self.apply_styles()
