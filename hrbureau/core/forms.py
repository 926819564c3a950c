from __future__ import annotations

from typing import Any

from django import forms


class StyledFormMixin:
    """Give every widget the Tabler class it needs, so templates render fields without per-field markup."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.apply_styles()

    def apply_styles(self) -> None:
        """Style every field (again after a form adds fields of its own in ``__init__``)."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            classes = widget.attrs.get("class", "").split()
            if css not in classes:
                widget.attrs["class"] = " ".join([*classes, css])
