"""Disbursement's forms: building a batch (of one scheme or all, at most so many lines), the bank's
result file, and the year of the totals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin


class BuildForm(StyledFormMixin, forms.Form):
    scheme: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Scheme"), queryset=None, required=False, empty_label=_("Every scheme")
    )
    limit = forms.IntegerField(
        label=_("At most (payments)"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Empty: every due instalment."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from hrbureau.talent.models import SubsidyScheme

        self.fields["scheme"].queryset = SubsidyScheme.objects.order_by("code")  # type: ignore[attr-defined]
        self.apply_styles()


class ResultFileForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("The bank's result file"),
        help_text=_(
            "xlsx or csv as the bank sends it: line number (序号), status (成功/失败), receipt number, reason."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()


class TotalsForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2999, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs["placeholder"] = str(timezone.localdate().year)
        self.apply_styles()
