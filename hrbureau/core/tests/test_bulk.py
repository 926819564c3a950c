"""core.bulk: the set-based writes and lookups the imports use, on whichever database runs the suite."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone

from hrbureau.core.bulk import bulk_insert, ids_by_key
from hrbureau.core.identifiers import generate_uscc, uscc_check_character
from hrbureau.core.models import EditRecord
from hrbureau.enterprises.models import Enterprise
from hrbureau.enterprises.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "uscc",
    "name",
    "former_names",
    "legal_representative",
    "registered_address",
    "industry_section",
    "industry_division",
    "size_class",
    "status",
    "created_at",
    "updated_at",
]


def _rows(count: int, seed: int) -> list[list[object]]:
    rng = random.Random(seed)
    now = timezone.now()
    return [
        [generate_uscc(rng), f"批量{i}有限公司", [], "", "", "", "", "", "active", now, now]
        for i in range(count)
    ]


def test_ids_by_key_finds_exactly_the_rows_asked_for() -> None:
    known = [EnterpriseFactory() for _ in range(3)]
    asked = [known[0].uscc, known[2].uscc, "91440300XXXXXXXXXX", known[0].uscc]
    assert ids_by_key(Enterprise, "uscc", asked) == {known[0].uscc: known[0].pk, known[2].uscc: known[2].pk}
    assert ids_by_key(Enterprise, "uscc", []) == {}
    # A key that is not text in the database's eyes (quotes, JSON syntax) is just not found.
    assert ids_by_key(Enterprise, "uscc", ['"]', "'; --"]) == {}


def test_inserted_rows_come_back_with_their_own_ids_in_row_order() -> None:
    rows = _rows(12_001, seed=5)  # more than one chunk
    with transaction.atomic():
        ids = bulk_insert(Enterprise, COLUMNS, rows, return_ids=True)
    assert ids is not None
    assert len(ids) == len(rows) == len(set(ids))
    stored = dict(Enterprise.objects.filter(pk__in=ids).values_list("pk", "uscc"))
    assert [stored[pk] for pk in ids] == [row[0] for row in rows]
    # The id sequence moved past them: an ordinary save gets a fresh id.
    assert EnterpriseFactory().pk not in set(ids)


def test_without_return_ids_nothing_is_promised() -> None:
    with transaction.atomic():
        assert bulk_insert(Enterprise, COLUMNS, _rows(3, seed=6)) is None
    assert Enterprise.objects.filter(name__startswith="批量").count() == 3


def test_no_rows_write_nothing() -> None:
    before = EditRecord.objects.count()
    with transaction.atomic():
        assert bulk_insert(Enterprise, COLUMNS, iter([]), return_ids=True) == []
        bulk_insert(EditRecord, ["object_type", "object_id", "created_at"], [])
    assert EditRecord.objects.count() == before


def test_the_check_character_needs_17_characters() -> None:
    with pytest.raises(ValueError, match="17 characters"):
        uscc_check_character("9144030")


def test_created_records_in_bulk_say_who_what_and_why(world: Any) -> None:
    from hrbureau.core.history import record_created_in_bulk

    made = [EnterpriseFactory(), EnterpriseFactory()]
    actor = world.users["dept_staff"]
    record_created_in_bulk(
        model=Enterprise, ids=[e.pk for e in made], actor=actor, source="import", reference="import:7"
    )
    record_created_in_bulk(model=Enterprise, ids=[], actor=actor, source="import", reference="import:8")
    rows = EditRecord.objects.filter(reference__startswith="import:").order_by("object_id")
    assert [
        (r.object_type, r.object_id, r.actor_id, r.username, r.source, r.created, r.reference, r.changes)
        for r in rows
    ] == [
        ("enterprises.Enterprise", str(e.pk), actor.pk, actor.username, "import", True, "import:7", {})
        for e in sorted(made, key=lambda e: str(e.pk))
    ]
    assert all(r.created_at is not None for r in rows)
