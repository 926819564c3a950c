from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The label of a select's empty choice in every form, filter and admin page ("请选择"), in place of
# Django's "---------" (see ``use_plain_empty_choice``).
EMPTY_CHOICE_LABEL = gettext_lazy("Please choose")
EMPTY_CHOICE = ("", EMPTY_CHOICE_LABEL)
# What follows a field's label (Django's ``label_suffix``, e.g. in the admin): Django's own Chinese
# catalogue keeps the ASCII colon; ours gives the Chinese one ("代码：").
LABEL_SUFFIX = gettext_lazy(":")


def use_plain_empty_choice() -> None:
    """Make Django's own empty choice read "Please choose" (请选择) wherever Django adds one: the blank
    choice of a model field with choices (``BLANK_CHOICE_DASH``, shared by model forms, the admin and
    its action menu — changed in place, as every default argument holds that very list) and the empty
    label of a ``ModelChoiceField``. Django writes "---------" untranslated in both; this is the one
    place that changes it, at start-up (``CoreConfig.ready``)."""
    from django.db.models import fields

    fields.BLANK_CHOICE_DASH[:] = [EMPTY_CHOICE]  # type: ignore[list-item]  # a lazy label, as Django's own
    defaults = forms.ModelChoiceField.__init__.__kwdefaults__
    if defaults is not None:
        defaults["empty_label"] = EMPTY_CHOICE_LABEL


class CountField(forms.CharField):
    """A whole number (of workers, of enterprises…) as people type it, full-width digits and all, checked
    by the service that takes it; entered on the numeric keypad."""


class AmountField(forms.CharField):
    """An amount of money as people type it ("12,000"), checked by the service (``clean_amount``);
    entered on the decimal keypad."""


def keypad_of(field: forms.Field) -> str | None:
    """The ``inputmode`` a field's input needs on a phone: "numeric" for whole numbers, "decimal" for
    amounts; None for other fields."""
    if isinstance(field, forms.DecimalField | forms.FloatField | AmountField):
        return "decimal"
    if isinstance(field, forms.IntegerField | CountField):
        return "numeric"
    return None


class StyledFormMixin:
    """Give every widget the Tabler class it needs, so templates render fields without per-field markup;
    a number's input opens the phone's numeric keypad (``inputmode``)."""

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
            keypad = keypad_of(field)
            if keypad and not widget.is_hidden:
                widget.attrs.setdefault("inputmode", keypad)


class SharedChoicesMixin:
    """For a choice field whose list is replaced, never changed in place: each form's copy of the field
    shares the list instead of deep-copying it (a filter form is built on every view of a list page,
    and copying its option lists cost as much as the rest of the form)."""

    _choices: Any

    widget: Any

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = forms.Field.__deepcopy__(self, memo)  # type: ignore[attr-defined]
        result._choices = self._choices
        return result

    def share_choices(self, choices: list[tuple[Any, Any]]) -> None:
        """Offer ``choices`` — (value, label) pairs built once and never changed, e.g. a cached list — as
        they are. Assigning ``choices`` would copy and normalize them twice on every form, and the filter
        select renders a list it has seen before from memory (``{% select %}``)."""
        self._choices = self.widget._choices = choices


class FixedChoiceField(SharedChoicesMixin, forms.ChoiceField):
    pass


class LiveChoiceField(SharedChoicesMixin, forms.TypedChoiceField):
    """A filter's choice whose options change with the data (units, tags, categories): ``source()`` gives
    the current (value, label) list — a cached one (``core.choicecache``), so a page view builds no
    model for it — and every form asks it afresh (``refresh``, called by ``core.filters.FilterForm``)."""

    def __init__(self, *, source: Any, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("empty_value", None)
        super().__init__(**kwargs)
        self.source = source

    def refresh(self) -> None:
        self.share_choices(self.source())


def clean_amount(
    value: Any, where: str, errors: dict[str, list[str]], *, below: Decimal = Decimal("1e10")
) -> Decimal | None:
    """An amount of money as typed ("12,000", "１２０００" aside) to the cent, None when empty; a bad or
    negative one is added to ``errors[where]`` with a translated message, so a service reports every
    problem of its input at once."""
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value).replace(",", "").replace("，", "").strip())
    except InvalidOperation:
        errors.setdefault(where, []).append(_("%(value)s is not an amount.") % {"value": value})
        return None
    if not amount.is_finite() or amount < 0 or amount >= below:
        errors.setdefault(where, []).append(_("%(value)s is not an amount.") % {"value": value})
        return None
    return amount.quantize(Decimal("0.01"))


def apply_errors(form: Any, error: Any) -> None:
    """A service's ``ValidationError`` shown on the form: each message on its field, or above the form
    when the form has no such field (or the error names none)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def record_id(value: str) -> int | None:
    """A record's id as typed into a form or a query string: a whole number that fits a database key, or
    None for anything else (so a crafted value is a missing record, never a 500)."""
    return int(value) if value.isdigit() and len(value) < 19 else None


class RecordsChoiceField(forms.ModelMultipleChoiceField):
    """Several records by id, among the field's queryset (the records the user may see): a value that is
    no database key — not a whole number, or too big for one — is refused like an unknown record
    (``invalid_pk_value``), never sent to the database (where a huge number is a 500)."""

    def _check_values(self, value: Any) -> Any:
        if (self.to_field_name or "pk") == "pk":
            for pk in value:
                if record_id(str(pk)) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                    )
        return super()._check_values(value)  # type: ignore[misc]  # Django's own check, after ours
