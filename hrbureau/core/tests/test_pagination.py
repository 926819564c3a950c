"""Keyset pagination walks a list forwards and back without gaps or repeats, however deep."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hrbureau.core.models import AuditEvent
from hrbureau.core.pagination import InvalidCursor, decode_cursor, encode_cursor, keyset_page


@pytest.fixture
def events(db: Any) -> list[int]:
    from hrbureau.core.audit import audit_record

    return [audit_record(kind="login", username=f"u{i:03d}").pk for i in range(53)]


def test_forward_then_back_visits_every_row_once(events: list[int]) -> None:
    ordering = ("-created_at", "-id")
    seen: list[int] = []
    cursor = None
    pages = []
    while True:
        page = keyset_page(AuditEvent.objects.all(), ordering=ordering, cursor=cursor, per_page=10)
        pages.append(page)
        seen.extend(e.pk for e in page.items)
        if not page.has_next:
            break
        cursor = page.next_cursor
    assert sorted(seen) == sorted(events)
    assert len(seen) == len(set(seen))
    assert [len(p.items) for p in pages] == [10, 10, 10, 10, 10, 3]
    # Back from the last page gives exactly the page before it.
    back = keyset_page(
        AuditEvent.objects.all(), ordering=ordering, cursor=pages[-1].previous_cursor, per_page=10
    )
    assert [e.pk for e in back.items] == [e.pk for e in pages[-2].items]
    assert not keyset_page(AuditEvent.objects.all(), ordering=ordering, cursor=None).has_previous


def test_ascending_multi_column_ordering(events: list[int]) -> None:
    page1 = keyset_page(AuditEvent.objects.all(), ordering=("username", "id"), cursor=None, per_page=20)
    page2 = keyset_page(
        AuditEvent.objects.all(), ordering=("username", "id"), cursor=page1.next_cursor, per_page=20
    )
    names = [e.username for e in page1.items + page2.items]
    assert names == sorted(names)
    assert names[0] == "u000"
    assert names[-1] == "u039"


@pytest.mark.parametrize("cursor", ["%%%", "e30", "WyJzaWRld2F5cyIsW11d"])
def test_unreadable_cursors_are_rejected(cursor: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(cursor, 2)


def _walk(ordering: tuple[str, ...], per_page: int) -> list[int]:
    seen: list[int] = []
    cursor = None
    while True:
        page = keyset_page(AuditEvent.objects.all(), ordering=ordering, cursor=cursor, per_page=per_page)
        seen.extend(e.pk for e in page.items)
        if not page.has_next:
            return seen
        cursor = page.next_cursor


def test_same_direction_seeks_with_one_row_value_comparison(events: list[int]) -> None:
    first = keyset_page(AuditEvent.objects.all(), ordering=("-created_at", "-id"), cursor=None, per_page=5)
    with CaptureQueriesContext(connection) as queries:
        keyset_page(AuditEvent.objects.all(), ordering=("-created_at", "-id"), cursor=first.next_cursor)
    sql = queries.captured_queries[-1]["sql"].replace('"', "")
    # (created_at, id) < (…, …): one range on the index rather than created_at < x OR (… AND id < y).
    assert "(core_auditevent.created_at, core_auditevent.id) <" in sql
    assert " OR " not in sql


def test_mixed_directions_walk_every_row_in_order(db: Any) -> None:
    from hrbureau.core.audit import audit_record

    ids = [audit_record(kind="login", username=f"u{i % 4}").pk for i in range(23)]
    seen = _walk(("username", "-id"), per_page=4)
    expected = [e.pk for e in AuditEvent.objects.order_by("username", "-id")]
    assert seen == expected
    assert sorted(seen) == sorted(ids)


def test_cursor_value_of_the_wrong_kind_is_rejected(events: list[int]) -> None:
    cursor = encode_cursor("after", ["not a time", 5])
    with pytest.raises(InvalidCursor):
        keyset_page(AuditEvent.objects.all(), ordering=("-created_at", "-id"), cursor=cursor)
