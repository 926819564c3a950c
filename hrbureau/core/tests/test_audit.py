"""The audit log is append-only, and refusals, exports and CSRF failures land in it."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from hrbureau.core.audit import audit_record
from hrbureau.core.models import AppendOnlyError, AuditEvent


def test_rows_cannot_be_changed_or_deleted_through_the_model(db: Any) -> None:
    event = audit_record(kind="login", username="someone")
    event.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()


def test_the_database_refuses_an_update_even_in_raw_sql(db: Any) -> None:
    event = audit_record(kind="login", username="someone")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == ""


def test_postgresql_refuses_deleting_recent_rows(db: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the DELETE trigger exists on PostgreSQL only (see the migration)")
    event = audit_record(kind="login", username="someone")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_admin_offers_no_way_to_add_change_or_delete(world: Any, client_for: Any) -> None:
    client = client_for("sysadmin")
    event = audit_record(kind="login", username="someone")
    assert client.get("/admin/core/auditevent/").status_code == 200
    assert client.get("/admin/core/auditevent/add/").status_code == 403
    change = client.post(f"/admin/core/auditevent/{event.pk}/change/", {"reason": "x"})
    assert change.status_code in (200, 403)
    assert AuditEvent.objects.get(pk=event.pk).reason == ""
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403


def test_a_refused_page_is_audited_with_who_and_where(world: Any, client_for: Any) -> None:
    client = client_for("grid_worker")
    assert client.get("/core/audit/").status_code == 403
    event = AuditEvent.objects.get(kind="permission_denied")
    assert event.actor_id == world.users["grid_worker"].pk
    assert event.path == "/core/audit/"
    assert event.success is False


def test_a_refused_api_call_is_audited(world: Any, client_for: Any) -> None:
    client = client_for("enterprise")
    assert client.get("/api/v1/org-units").status_code == 403
    assert AuditEvent.objects.filter(kind="permission_denied", path="/api/v1/org-units").exists()


def test_a_csrf_failure_is_refused_and_audited(world: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["leader"])
    response = client.post("/accounts/language/", {"language": "en"})
    assert response.status_code == 403
    event = AuditEvent.objects.get(kind="permission_denied")
    assert event.reason.startswith("CSRF")


def test_the_audit_page_lists_filters_and_exports(world: Any, client_for: Any) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    audit_record(kind="login", username="alpha")
    audit_record(kind="login_failed", username="beta", success=False)
    client = client_for("sysadmin")
    page = client.get("/core/audit/?kind=login_failed")
    body = page.content.decode()
    assert "beta" in body
    assert "alpha" not in body
    export = client.get("/core/audit/?kind=login_failed&export=xlsx")
    assert export.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(export.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][3] == "beta"
    assert len(rows) == 2
    assert AuditEvent.objects.filter(kind="export", actor=world.users["sysadmin"]).exists()
