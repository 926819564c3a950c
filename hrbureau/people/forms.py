from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import UnitChoiceField, units_of_kind
from hrbureau.core.forms import StyledFormMixin
from hrbureau.people.models import Person
from hrbureau.people.services import FIELDS


class PersonForm(StyledFormMixin, forms.ModelForm):
    street = UnitChoiceField(label=_("Street"), queryset=units_of_kind(OrgUnitKind.STREET), required=False)
    community = UnitChoiceField(
        label=_("Community"), queryset=units_of_kind(OrgUnitKind.COMMUNITY), required=False
    )
    grid = UnitChoiceField(label=_("Grid"), queryset=units_of_kind(OrgUnitKind.GRID), required=False)

    class Meta:
        model = Person
        fields = list(FIELDS)  # the fields the service validates

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Editing never shows the full number; leave it blank to keep it.
            self.fields["id_number"].required = False
            self.fields["id_number"].help_text = _("Leave blank to keep the current number.")
            self.initial["id_number"] = ""
            self.initial["phone"] = ""
            self.fields["phone"].help_text = _("Leave blank to keep the current number.")

    def validate_unique(self) -> None:
        return

    def _post_clean(self) -> None:
        # No model validation and no writing into the instance here: the service validates (one set of
        # rules for the form, the API and imports) and needs the instance as it was, for the history.
        return

    def service_data(self) -> dict[str, Any]:
        data = {key: self.cleaned_data.get(key) for key in self.Meta.fields}
        if self.instance.pk:
            for secret in ("id_number", "phone"):
                if not data.get(secret):
                    data.pop(secret)
        return data


class RevealForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Why do you need the full number?"), max_length=300, min_length=4)
