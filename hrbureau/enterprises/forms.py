from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import UnitChoiceField, units_of_kind
from hrbureau.core.forms import StyledFormMixin
from hrbureau.enterprises.models import Enterprise, EnterpriseTag
from hrbureau.enterprises.services import FIELDS


class EnterpriseForm(StyledFormMixin, forms.ModelForm):
    """Renders and type-checks the fields; the rules live in services.enterprise_validate."""

    street = UnitChoiceField(label=_("Street"), queryset=units_of_kind(OrgUnitKind.STREET), required=False)
    community = UnitChoiceField(
        label=_("Community"), queryset=units_of_kind(OrgUnitKind.COMMUNITY), required=False
    )
    grid = UnitChoiceField(label=_("Grid"), queryset=units_of_kind(OrgUnitKind.GRID), required=False)
    former_names = forms.CharField(
        label=_("Former names"),
        required=False,
        help_text=_("Separate several names with semicolons."),
        max_length=1000,
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=EnterpriseTag.objects.order_by("code"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Enterprise
        fields = [*FIELDS, "tags"]  # the fields the service validates, plus the tags
        widgets = {"registration_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["former_names"] = "；".join(self.instance.former_names or [])
        # Uniqueness and the USCC check digit are judged by the service, with one message each.
        self.fields["uscc"].validators = []

    def validate_unique(self) -> None:
        return

    def _post_clean(self) -> None:
        # No model validation and no writing into the instance here: the service validates (one set of
        # rules for the form, the API and imports) and needs the instance as it was, for the history.
        return

    def service_data(self) -> dict[str, Any]:
        data = {key: self.cleaned_data.get(key) for key in self.Meta.fields if key != "tags"}
        data["former_names"] = self.cleaned_data.get("former_names") or ""
        return data
