from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def board_link(context: Any, row: Any, figure: str, total: bool) -> str:
    """The list of the orders behind one figure of the supervision board (same period, same group)."""
    params: dict[str, Any] = {"figure": figure}
    if context.get("period_from"):
        params["received_from"] = context["period_from"].isoformat()
    if context.get("period_to"):
        params["received_to"] = context["period_to"].isoformat()
    if not total and row.key is not None:
        params[context["group_param"]] = row.key
    return f"{reverse('petitions:list')}?{urlencode(params)}"
