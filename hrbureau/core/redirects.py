"""Permanent redirects for pages that moved (an app split, a renamed address): bookmarks, links in old
notices and e-mails, and integrations keep working, and tell their users the new address."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponsePermanentRedirect
from django.http.response import HttpResponseRedirectBase
from django.urls import reverse


class HttpResponsePermanentRedirectKeepMethod(HttpResponseRedirectBase):
    """308: moved for good, and a form posted here is posted again, unchanged, to the new address."""

    status_code = 308


def moved(pattern_name: str) -> Callable[..., HttpResponseRedirectBase]:
    """A view sending every request for an old address to ``pattern_name`` with the same arguments and
    query string: 301 for GET and HEAD, 308 for anything else (a browser turns a 301 after POST into a
    GET, and the form would be lost)."""

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseRedirectBase:
        url = reverse(pattern_name, args=args, kwargs=kwargs)
        query = request.GET.urlencode()
        if query:
            url = f"{url}?{query}"
        if request.method in ("GET", "HEAD"):
            return HttpResponsePermanentRedirect(url)
        return HttpResponsePermanentRedirectKeepMethod(url)

    view.moved_to = pattern_name  # type: ignore[attr-defined]
    return view


def moved_to_action(request: HttpRequest, case_type: str, pk: int, name: str) -> HttpResponseRedirectBase:
    """An app's own address of a step on a case, from before the workflow core: a permanent redirect to
    the core action (``core:case_action``) — 308 for a posted form, which is posted again there."""
    url = reverse("core:case_action", args=[case_type, pk, name])
    query = request.GET.urlencode()
    if query:
        url = f"{url}?{query}"
    if request.method in ("GET", "HEAD"):
        return HttpResponsePermanentRedirect(url)
    return HttpResponsePermanentRedirectKeepMethod(url)
