"""Template tags of the portal and the public pages: ``{% load portal %}``."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

register = template.Library()


@register.simple_tag
def optional_url(name: str) -> str:
    """The address of the page ``name``, or "" while no such page exists (self-registration: the login
    page links to it once an app provides ``accounts:register``)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.simple_tag
def public_services() -> list[Any]:
    """The services anyone may use without signing in (``core.guides``), for the public header."""
    from hrbureau.core import guides

    return guides.public_services()


@register.filter
def party_state(case: Any) -> str:
    """The state of ``case`` as the parties read it (``Workflow.for_parties``)."""
    from hrbureau.core.workflow import workflow_for

    return workflow_for(case).party_state_label(case.state)
