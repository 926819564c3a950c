"""Edit history of registry records (DESIGN.md mechanism 7): services call ``record_edit`` with the
values before and after; only fields that changed are kept, as display strings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.db import models

from hrbureau.core.models import EditRecord


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(sorted(_display(v) for v in value))
    return str(value)


def snapshot(obj: models.Model, fields: Iterable[str]) -> dict[str, str]:
    """Display values of ``fields`` of ``obj`` (foreign keys by their string form)."""
    values: dict[str, str] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Manager):
            value = list(value.all())
        values[name] = _display(value)
    return values


def record_edit(
    *,
    target: models.Model,
    actor: Any,
    source: str,
    before: Mapping[str, str],
    after: Mapping[str, str],
    created: bool = False,
    mask: Mapping[str, Callable[[str], str]] | None = None,
    reference: str = "",
    save: bool = True,
) -> EditRecord | None:
    """One edit record of what changed between ``before`` and ``after`` (None if nothing did).

    A creation is recorded without a field list: the record itself holds its first values. With
    ``save=False`` the unsaved record is returned for a bulk insert (imports).
    """
    changes = {} if created else diff(before, after, mask=mask)
    if not changes and not created:
        return None
    user = actor if getattr(actor, "is_authenticated", False) else None
    record = EditRecord(
        object_type=target._meta.label,
        object_id=str(target.pk),
        actor=user,
        username=user.get_username() if user is not None else "",
        source=source,
        created=created,
        changes=changes,
        reference=reference,
    )
    if save:
        record.save()
    return record


def diff(
    before: Mapping[str, str],
    after: Mapping[str, str],
    *,
    mask: Mapping[str, Callable[[str], str]] | None = None,
) -> dict[str, list[str]]:
    mask = mask or {}
    changes: dict[str, list[str]] = {}
    for name, new in after.items():
        old = before.get(name, "")
        if old != new:
            hide = mask.get(name, lambda v: v)
            changes[name] = [hide(old) if old else "", hide(new) if new else ""]
    return changes


def history_of(target: models.Model) -> models.QuerySet[EditRecord]:
    return EditRecord.objects.filter(object_type=target._meta.label, object_id=str(target.pk)).order_by(
        "-created_at", "-id"
    )


def edit_timeline(user: Any, record: models.Model) -> list[Any]:
    """Timeline entries for a record's edits (registered for each registry model)."""
    from django.utils.translation import gettext as _

    from hrbureau.core.timeline import LIMIT, TimelineEntry

    entries = []
    for edit in history_of(record)[:LIMIT]:
        title = _("Registered") if edit.created else _("Edited")
        fields = [
            str(getattr(record._meta.get_field(name), "verbose_name", name))
            for name in edit.changes
            if _has_field(record, name)
        ]
        entries.append(
            TimelineEntry(
                at=edit.created_at,
                title=f"{title} · {edit.get_source_display()}",
                detail=(edit.username or "—")
                + (": " + "、".join(fields) if fields and not edit.created else ""),
                icon="file-plus" if edit.created else "edit",
            )
        )
    return entries


def _has_field(record: models.Model, name: str) -> bool:
    try:
        record._meta.get_field(name)
    except Exception:
        return False
    return True


def record_created_in_bulk(
    *, model: type[models.Model], ids: Iterable[Any], actor: Any, source: str, reference: str
) -> None:
    """One "created" edit record per new row (of a model with integer ids), written set-based (imports):
    the database makes the rows from the list of ids in one statement, rather than the driver binding
    nine values per row."""
    import json

    from django.db import connection
    from django.utils import timezone

    user = actor if getattr(actor, "is_authenticated", False) else None
    ids = [int(pk) for pk in ids]
    if not ids:
        return
    table = connection.ops.quote_name(EditRecord._meta.db_table)
    columns = "created_at, object_type, object_id, actor_id, username, source, created, reference, changes"
    if connection.vendor == "postgresql":
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT %s, %s, CAST(u.id AS text), %s::bigint, %s, %s, "  # noqa: S608
            "TRUE, %s, '{}'::jsonb FROM unnest(%s::bigint[]) AS u(id)"
        )
        listed: Any = ids
    else:
        sql = (
            f"INSERT INTO {table} ({columns}) SELECT %s, %s, CAST(value AS TEXT), %s, %s, %s, "  # noqa: S608
            "1, %s, '{}' FROM json_each(%s)"
        )
        listed = json.dumps(ids)
    params = [
        connection.ops.adapt_datetimefield_value(timezone.now()),
        model._meta.label,
        user.pk if user is not None else None,
        user.get_username() if user is not None else "",
        source,
        reference,
        listed,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
