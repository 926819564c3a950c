from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.forms import StyledFormMixin
from hrbureau.core.models import ImportJob


class UploadForm(StyledFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"), help_text=_("xlsx, xls, ods or csv; the first row holds the column names.")
    )
    mode = forms.ChoiceField(
        label=_("Records that already exist"),
        choices=ImportJob.Mode.choices,
        initial=ImportJob.Mode.REJECT,
        widget=forms.RadioSelect,
    )
