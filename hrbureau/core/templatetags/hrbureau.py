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
