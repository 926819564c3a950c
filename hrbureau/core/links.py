"""Where a notice opens for the one who reads it (DESIGN.md mechanism 8).

A notice refers to its case (``case_type``, ``case_id``); the page it opens is resolved when the reader
opens it, for that reader: staff get the case's workbench page (``get_absolute_url``), a party gets the
case's page in the portal. Each app whose cases have a portal page registers it here
(``register_portal_page``), so core imports no business app. A reader who may not see the case — or a
portal user of a case type with no portal page — gets no link at all, never a page that answers 403.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps

from hrbureau.core.scoping import may_see

PortalPage = Callable[[Any], str]  # the case -> the address of its page in the portal
_PORTAL_PAGES: dict[str, PortalPage] = {}


def register_portal_page(case_type: str, page: PortalPage) -> None:
    """Say where a party opens a case of ``case_type`` ("arbitration.dispute") in the portal."""
    _PORTAL_PAGES[case_type] = page


def has_portal_page(case_type: str) -> bool:
    return case_type in _PORTAL_PAGES


def case_page_for(user: Any, case: Any) -> str | None:
    """The page of ``case`` meant for ``user``, or None when there is none they may open."""
    if not getattr(user, "is_authenticated", False) or not may_see(user, case):
        return None
    if user.has_perm("core.use_workbench"):
        return str(case.get_absolute_url())
    page = _PORTAL_PAGES.get(case._meta.label_lower)
    if page is not None and user.has_perm("core.use_portal"):
        return page(case)
    return None


def notice_page_for(user: Any, notice: Any) -> str | None:
    """Where ``notice`` opens for ``user``: its case's page for them; a notice about no case opens the
    address it was written with (a page of this site only)."""
    if notice.case_type and notice.case_id is not None:
        try:
            model = apps.get_model(notice.case_type)
        except (LookupError, ValueError):
            return None
        case = model._default_manager.filter(pk=notice.case_id).first()
        return case_page_for(user, case) if case is not None else None
    url = notice.url or ""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else None
