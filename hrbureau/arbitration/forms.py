from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.arbitration.choices import DisputeState, Procedure
from hrbureau.arbitration.selectors import DisputeFilters
from hrbureau.core.forms import StyledFormMixin

ANY = [("", _("Any"))]


class DisputeFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Number or party"), max_length=100, required=False)
    state = forms.ChoiceField(label=_("State"), choices=ANY + list(DisputeState.choices), required=False)
    procedure = forms.ChoiceField(label=_("Procedure"), choices=ANY + list(Procedure.choices), required=False)
    collective = forms.ChoiceField(
        label=_("Collective"), choices=[*ANY, ("yes", _("yes")), ("no", _("no"))], required=False
    )
    filed_from = forms.DateField(
        label=_("Filed from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    filed_to = forms.DateField(
        label=_("Filed to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def filters(self) -> DisputeFilters | None:
        if not self.is_valid():
            return None
        data = self.cleaned_data
        collective = {"yes": True, "no": False}.get(data.get("collective") or "")
        return DisputeFilters(
            q=data.get("q") or "",
            state=data.get("state") or "",
            procedure=data.get("procedure") or "",
            collective=collective,
            filed_from=data.get("filed_from"),
            filed_to=data.get("filed_to"),
        )


class QueryForm(StyledFormMixin, forms.Form):
    number = forms.CharField(label=_("Application or case number"), max_length=60)
    identifier = forms.CharField(label=_("ID number or USCC of a party"), max_length=30)
