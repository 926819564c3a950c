"""Choice lists for filter selects (units, tags), cached per process and language until their source
changes.

A list page offers the district's streets, grids and tags in its filters; loading them on every view costs
more than the page's own rows. Each list is kept in the process with the version it was built for; a
change of the source (an admin edit, a new unit) writes a new random version to the shared cache, so
every process rebuilds it on its next use. A request reads each version at most once (a page with three
unit and tag filters reads the shared cache once, not three times).
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.utils.translation import get_language

Choices = list[tuple[Any, str]]

_BUILT: dict[tuple[str, str, str, str], Choices] = {}
_request = threading.local()


def _version_key(name: str) -> str:
    return f"hrbureau:choices-version:{name}"


def _version(name: str) -> str:
    seen: dict[str, str] | None = getattr(_request, "versions", None)
    if seen is not None and name in seen:
        return seen[name]
    # A random version: should the cache be emptied, a new one is made and nothing stale can match.
    version = str(cache.get_or_set(_version_key(name), lambda: uuid.uuid4().hex, None))
    if seen is not None:
        seen[name] = version
    return version


def cached_choices(name: str, build: Callable[[], Choices], *, variant: str = "") -> Choices:
    """The list ``build()`` makes, in the active language, rebuilt only after ``choices_changed(name)``."""
    key = (name, variant, get_language() or "", _version(name))
    choices = _BUILT.get(key)
    if choices is None:
        choices = build()
        if len(_BUILT) > 128:
            _BUILT.clear()
        _BUILT[key] = choices
    return choices


def choices_changed(name: str) -> None:
    """Tell every process that the source of the ``name`` lists changed."""
    cache.set(_version_key(name), uuid.uuid4().hex, None)
    seen: dict[str, str] | None = getattr(_request, "versions", None)
    if seen is not None:
        seen.pop(name, None)


def renew_on_change(model: Any, name: str) -> None:
    """Renew the ``name`` lists whenever a row of ``model`` is saved or deleted: at once, and again once
    the change is committed (a process that rebuilt the list in between, from the rows committed so far,
    would otherwise keep that list until the next change)."""
    from django.db import transaction
    from django.db.models.signals import post_delete, post_save

    def changed(**kwargs: Any) -> None:
        choices_changed(name)
        transaction.on_commit(lambda: choices_changed(name))

    # weak=False: nothing else holds this function.
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"choices-saved:{name}")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"choices-deleted:{name}")


def _start(**kwargs: Any) -> None:
    _request.versions = {}


def _finish(**kwargs: Any) -> None:
    _request.versions = None


request_started.connect(_start, dispatch_uid="hrbureau.choicecache.start")
request_finished.connect(_finish, dispatch_uid="hrbureau.choicecache.finish")
