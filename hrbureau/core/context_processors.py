from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from hrbureau.core import navigation


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    area = "portal" if getattr(user, "is_portal_role", False) else "workbench"
    return {
        "nav_items": navigation.items_for(user, area=area),
        "nav_area": area,
        # Counted only when a page shows the navigation (never for HTMX partials or the API).
        "nav_counts": SimpleLazyObject(lambda: navigation.counts_for(user)),
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "platform_debug": settings.DEBUG,
    }
