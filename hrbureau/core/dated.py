"""Dated setting tables (DOMAIN.md: every configurable number lives in a table with valid_from /
valid_to): the row in force on a given day, and the abstract model such tables share."""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

_M = TypeVar("_M", bound=models.Model)


class DatedRow(models.Model):
    """A setting valid from one day (inclusive) until another (inclusive, open when empty). A new
    figure is a new row from a new date; the old row keeps governing the cases of its time."""

    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if self.valid_to is not None and self.valid_from is not None and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end date cannot be before the start date.")})


def in_force_or_none(queryset: models.QuerySet[_M], on: dt.date) -> _M | None:
    """The row of ``queryset`` in force on ``on``: the newest that started on or before it and has not
    ended before it."""
    return (
        queryset.filter(valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .order_by("-valid_from")
        .first()
    )


def in_force(queryset: models.QuerySet[_M], on: dt.date, *, what: str) -> _M:
    """Like ``in_force_or_none`` but a missing row is a configuration error the operator must fix."""
    row = in_force_or_none(queryset, on)
    if row is None:
        raise ImproperlyConfigured(f"no {what} in force on {on}; add one in the administration")
    return row
