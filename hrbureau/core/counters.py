"""Gap-free numbering: ``next_value("arbitration-2026")`` returns 1, 2, 3 … even when two requests ask
at once (the counter row is locked for the rest of the caller's transaction)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F

from hrbureau.core.models import Counter


def next_value(key: str) -> int:
    with transaction.atomic():
        updated = Counter.objects.filter(key=key).update(value=F("value") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    Counter.objects.create(key=key, value=1)
                return 1
            except IntegrityError:  # created meanwhile by another request
                Counter.objects.filter(key=key).update(value=F("value") + 1)
        return Counter.objects.get(key=key).value
