from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from hrbureau.core import navigation


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    area = "portal" if getattr(user, "is_portal_role", False) else "workbench"
    return {
        "nav_items": navigation.items_for(user, area=area),
        "nav_area": area,
        "session_idle_minutes": settings.SESSION_IDLE_MINUTES,
        "platform_debug": settings.DEBUG,
    }
