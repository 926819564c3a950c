from __future__ import annotations

from typing import Any

from django import template

from hrbureau.core.identifiers import mask_id_number, mask_phone

register = template.Library()


@register.filter(name="mask_id")
def mask_id_filter(value: str | None) -> str:
    return mask_id_number(value) if value else ""


@register.filter(name="mask_phone")
def mask_phone_filter(value: str | None) -> str:
    return mask_phone(value) if value else ""


@register.filter(name="field_label")
def field_label(field_name: str, record: Any) -> str:
    """The verbose name of ``field_name`` on the model an edit record is about."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    try:
        model = apps.get_model(record.object_type)
        return str(model._meta.get_field(field_name).verbose_name)
    except (LookupError, FieldDoesNotExist):
        return field_name


@register.simple_tag
def select(field: Any) -> str:
    """A filter form's <select>, rendered in Python: Django's per-option widget templates cost more than
    the rest of a list page together when a select has a few hundred options. Each option is escaped
    and joined directly (format_html per option would cost as much again)."""
    from django.utils.html import conditional_escape as escape
    from django.utils.html import format_html
    from django.utils.safestring import mark_safe

    value = field.value()
    selected = (
        {str(v) for v in value} if isinstance(value, list | tuple) else {"" if value is None else str(value)}
    )
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if str(key) in selected else ""}>{escape(label)}</option>'
        for key, label in field.field.choices
    )
    css = field.field.widget.attrs.get("class", "form-select")
    return format_html(
        '<select name="{}" id="{}" class="{}">{}</select>',
        field.html_name,
        field.id_for_label,
        css,
        mark_safe(options),  # noqa: S308 - every key and label escaped above
    )


@register.simple_tag
def deadline(due: Any, start: Any = None) -> str:
    """A computed due date, with a visible warning when the holiday calendar of its years is unknown
    and Monday–Friday was assumed (DOMAIN.md §1). Every page that shows a deadline uses this tag."""
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    from hrbureau.core.calendar import uses_fallback

    if not due:
        return "—"
    if uses_fallback(start or due, due):
        return format_html(
            '{} <span class="badge bg-yellow-lt" title="{}" data-calendar-warning>{}</span>',
            due.strftime("%Y-%m-%d"),
            _(
                "The holidays of this year are not in the calendar yet; Monday to Friday were taken as working days."
            ),
            _("calendar estimate"),
        )
    return due.strftime("%Y-%m-%d")
