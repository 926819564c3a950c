from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.models import ImportJob


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "xlsx, xls, ods or csv. A title, a date or notes above the column names are fine: the row of "
            "column names is found, and you can choose another."
        ),
    )
    mode = forms.ChoiceField(
        label=_("Records that already exist"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.REJECT,
        widget=forms.RadioSelect,
    )


class HeaderRowForm(StyledFormMixin, forms.Form):
    row = forms.IntegerField(min_value=1)
