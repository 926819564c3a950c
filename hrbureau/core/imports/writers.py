"""The two halves of a registry's batch write, shared by every import: insert the new rows (with their
"created" edit records) and apply updates to existing ones (with "field: old → new" records).

The registry's service decides which fields, defaults and extra steps (tags, masks); this module only
does the bulk work, with a fixed number of queries per batch rather than per row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.db import models
from django.utils import timezone

from hrbureau.core.bulk import bulk_insert
from hrbureau.core.history import record_created_in_bulk, record_edit, snapshot
from hrbureau.core.models import EditRecord

PLACE = ("street", "community", "grid")


def insert_created(
    *,
    model: type[models.Model],
    rows: list[dict[str, Any]],
    fields: Sequence[str],
    defaults: Mapping[str, Any],
    key: str,
    existing: Callable[[list[str]], dict[str, int]],
    actor: Any,
    reference: str,
) -> dict[str, int]:
    """Insert checked rows in bulk and record their creation; return {key value: new id}."""
    now = timezone.now()
    columns = [name for name in fields if name not in PLACE]
    new_ids = bulk_insert(
        model,
        [*columns, "street_id", "community_id", "grid_id", "created_at", "updated_at"],
        (
            [row.get(name, defaults.get(name)) for name in columns]
            + [getattr(row.get(name), "pk", None) for name in PLACE]
            + [now, now]
            for row in rows
        ),
        return_ids=True,
    )
    keys = [row[key] for row in rows]
    ids = dict(zip(keys, new_ids, strict=True)) if new_ids is not None else existing(keys)
    record_created_in_bulk(
        model=model, ids=[ids[k] for k in keys], actor=actor, source="import", reference=reference
    )
    return ids


def apply_updates(
    *,
    queryset: models.QuerySet[Any],
    updates: list[tuple[int, dict[str, Any]]],
    fields: Sequence[str],
    history_fields: Sequence[str],
    immutable: str,
    actor: Any,
    reference: str,
    mask: Mapping[str, Callable[[str], str]] | None = None,
    extra: Callable[[Any, dict[str, Any], dict[str, str], dict[str, str]], None] | None = None,
) -> None:
    """Apply each row's present fields to its record, in file order, and record what changed.

    ``extra(instance, row, before, after)`` handles what is not a plain field (an enterprise's tags),
    adding its own entries to the before/after snapshots.
    """
    instances = queryset.select_related(*PLACE).in_bulk([pk for pk, _ in updates])
    changed: set[str] = set()
    records: list[EditRecord] = []
    now = timezone.now()
    for pk, row in updates:
        instance = instances[pk]
        instance.updated_at = now  # bulk_update does not apply auto_now
        present = set(row.get("_present", fields))
        before = snapshot(instance, history_fields)
        for name in fields:
            if name in present and name in row and name != immutable:
                setattr(instance, name, row[name])
                changed.add(name)
        after = snapshot(instance, history_fields)
        if extra is not None:
            extra(instance, row, before, after)
        record = record_edit(
            target=instance,
            actor=actor,
            source="import",
            before=before,
            after=after,
            mask=mask,
            reference=reference,
            save=False,
        )
        if record is not None:
            records.append(record)
    if changed:
        queryset.model.objects.bulk_update(
            list(instances.values()), sorted(changed | {"updated_at"}), batch_size=500
        )
    EditRecord.objects.bulk_create(records, batch_size=1000)
