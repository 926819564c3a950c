"""Changes to the shared registries that the business lines want to hear of (a tiny hook registry).

The registries (enterprises, people) sit below the business lines in the import layers and cannot call
them; a line registers a listener here (``on_enterprise_changed``, ``on_person_changed``) and the
registry's edit service announces the change (``enterprise_changed``, ``person_changed``). Listeners run
after the edit's transaction commits, so a failed edit announces nothing, and they should only queue
work (a background task), never do it inline.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

Listener = Callable[[int], None]
_ENTERPRISE_LISTENERS: list[Listener] = []
_PERSON_LISTENERS: list[Listener] = []


def on_enterprise_changed(listener: Listener) -> Listener:
    """Register ``listener(enterprise_id)``, called after an edit of an enterprise's record commits."""
    if listener not in _ENTERPRISE_LISTENERS:
        _ENTERPRISE_LISTENERS.append(listener)
    return listener


def enterprise_changed(enterprise_id: int) -> None:
    """Announce that the enterprise's record (its fields or tags) was changed in this transaction."""
    for listener in list(_ENTERPRISE_LISTENERS):
        transaction.on_commit(lambda listener=listener: listener(enterprise_id))  # type: ignore[misc]


def on_person_changed(listener: Listener) -> Listener:
    """Register ``listener(person_id)``, called after an edit of a person's record commits."""
    if listener not in _PERSON_LISTENERS:
        _PERSON_LISTENERS.append(listener)
    return listener


def person_changed(person_id: int) -> None:
    """Announce that the person's record was changed in this transaction."""
    for listener in list(_PERSON_LISTENERS):
        transaction.on_commit(lambda listener=listener: listener(person_id))  # type: ignore[misc]
