"""The input of a policy item's steps (``policies.workflows``) and the draft's form: every field of the
item, the claim guide, and eligibility authored as conditions (field, operator, value) that become the
rules language's JSON (``core.rules``). Field names are the services' keywords."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.models import OrgUnit
from hrbureau.core import rules
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.forms import StyledFormMixin
from hrbureau.policies.choices import Beneficiary
from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyPackage
from hrbureau.policies.rules import ENTERPRISE_SUBJECT, PERSON_SUBJECT


def subject_of(beneficiary: str) -> str:
    """The rules subject an item's eligibility speaks of."""
    return PERSON_SUBJECT if beneficiary == Beneficiary.PERSON else ENTERPRISE_SUBJECT


class ReviewForm(ActionForm):
    """A second person checked the draft: its text, its guide, its eligibility (and the preview)."""

    note = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class SendBackForm(ActionForm):
    """Back to the drafter, with what to change."""

    reason_label = _("What to change")


class PublishForm(ActionForm):
    """Published: matched, pushed and open to claims from the day given."""

    on = ActDayField(label=_("Published on"))

    def clean_on(self) -> dt.date:
        return self.cleaned_data.get("on") or timezone.localdate()


class WithdrawForm(ActionForm):
    """Taken back before its end, with the reason the enterprises are told."""

    reason_label = _("Why it is withdrawn")


class ExpireForm(ActionForm):
    """The sweep's step when the item's validity has ended."""

    on = ActDayField(label=_("Expired on"))

    def clean_on(self) -> dt.date:
        return self.cleaned_data.get("on") or timezone.localdate()


class EligibilityField(forms.CharField):
    """The eligibility as the rules language's JSON, checked against the subject's fields; the page's
    row editor (field, operator, value) writes it, and it can be typed too. Empty: everyone."""

    widget = forms.Textarea(attrs={"rows": 6, "class": "font-monospace", "data-eligibility-json": "1"})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=1) if value else ""
        return value

    def to_python(self, value: Any) -> Any:
        text = (super().to_python(value) or "").strip()
        if not text:
            return {}
        try:
            return json.loads(text)
        except ValueError:
            raise ValidationError(_("The eligibility is not valid JSON."), code="json") from None


class ItemForm(StyledFormMixin, forms.ModelForm):
    """A policy item's draft: what it gives, to whom, how it is claimed, the claim guide, validity."""

    eligibility = EligibilityField(
        label=_("Eligibility"),
        help_text=_("Conditions in the rules language; build them with the rows above. Empty: everyone."),
    )

    class Meta:
        model = PolicyItem
        fields = [
            "number",
            "title",
            "package",
            "document",
            "beneficiary",
            "kind",
            "department",
            "benefit",
            "amount_rule",
            "amount",
            "amount_cap",
            "grant_period",
            "approval_levels",
            "eligibility",
            "guide_materials",
            "guide_steps",
            "guide_where",
            "guide_contact",
            "valid_from",
            "valid_to",
        ]
        widgets = {
            "benefit": forms.Textarea(attrs={"rows": 3}),
            "guide_materials": forms.Textarea(attrs={"rows": 3}),
            "guide_steps": forms.Textarea(attrs={"rows": 3}),
            "guide_where": forms.Textarea(attrs={"rows": 2}),
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = PolicyPackage.objects.order_by("code")  # type: ignore[attr-defined]
        self.fields["document"].queryset = PolicyDocument.objects.order_by("-issued_on", "-id")  # type: ignore[attr-defined]
        self.fields["department"].queryset = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).order_by(  # type: ignore[attr-defined]
            "code"
        )
        self.apply_styles()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        eligibility = data.get("eligibility")
        if isinstance(eligibility, dict) and eligibility:
            try:
                data["eligibility"] = rules.validate(
                    subject_of(data.get("beneficiary") or Beneficiary.ENTERPRISE), eligibility
                )
            except ValidationError as error:
                self.add_error("eligibility", error)
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The validity cannot end before it starts."))
        return data


class DocumentForm(StyledFormMixin, forms.ModelForm):
    url = forms.URLField(label=_("address of the full text"), required=False, assume_scheme="https")

    class Meta:
        model = PolicyDocument
        fields = ["title", "doc_number", "issuer", "issued_on", "summary", "url"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


class PackageForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PolicyPackage
        fields = ["code", "name", "name_en", "short_name", "document", "announced_items", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].queryset = PolicyDocument.objects.order_by("-issued_on", "-id")  # type: ignore[attr-defined]
        self.apply_styles()
