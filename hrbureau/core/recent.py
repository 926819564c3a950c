"""Recent items on the workbench: detail pages record the visit; the workbench lists the last few."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from hrbureau.core.models import RecentVisit

KEEP = 10


def recent_visit_record(*, user: Any, target: models.Model, label: str, url: str) -> None:
    if not getattr(user, "is_authenticated", False):
        return
    RecentVisit.objects.update_or_create(
        user=user,
        object_type=target._meta.label,
        object_id=str(target.pk),
        defaults={"label": label[:200], "url": url[:500], "visited_at": timezone.now()},
    )
    stale = RecentVisit.objects.filter(user=user).order_by("-visited_at").values_list("pk", flat=True)[KEEP:]
    RecentVisit.objects.filter(pk__in=list(stale)).delete()


def recent_visits(*, user: Any, limit: int = KEEP) -> list[RecentVisit]:
    return list(RecentVisit.objects.filter(user=user).order_by("-visited_at")[:limit])
