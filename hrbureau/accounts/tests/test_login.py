"""Login, lockout after 5 failures, the audit of every outcome, API-only accounts (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from hrbureau.accounts.models import User
from hrbureau.core.models import AuditEvent

LOGIN = "/accounts/login/"


def _login(client: Client, username: str, password: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password})


def test_a_correct_login_signs_in_and_is_audited(world: Any, client: Client) -> None:
    response = _login(client, "street_staff", "Secret#2026")
    assert response.status_code == 302
    assert response["Location"] == "/"
    event = AuditEvent.objects.get(kind="login")
    assert event.username == "street_staff"
    assert event.actor_id == world.users["street_staff"].pk
    assert event.success is True


def test_five_failures_in_a_row_lock_the_account(world: Any, client: Client, settings: Any) -> None:
    settings.LOGIN_MAX_FAILURES = 5
    for attempt in range(1, 5):
        response = _login(client, "dept_staff", "wrong-password")
        assert response.status_code == 200
        user = User.objects.get(username="dept_staff")
        assert user.failed_login_count == attempt
        assert not user.is_locked
    _login(client, "dept_staff", "wrong-password")
    user = User.objects.get(username="dept_staff")
    assert user.is_locked
    assert AuditEvent.objects.filter(kind="locked_out", username="dept_staff").count() == 1
    assert AuditEvent.objects.filter(kind="login_failed", username="dept_staff").count() == 5

    # Locked: even the right password is refused, with a message saying until when.
    response = _login(client, "dept_staff", "Secret#2026")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "locked" in response.content.decode() or "锁定" in response.content.decode()


def test_four_failures_then_success_resets_the_count(world: Any, client: Client) -> None:
    for _ in range(4):
        _login(client, "leader", "nope")
    assert User.objects.get(username="leader").failed_login_count == 4
    assert _login(client, "leader", "Secret#2026").status_code == 302
    assert User.objects.get(username="leader").failed_login_count == 0


def test_the_lock_ends_after_the_lockout_period(world: Any, client: Client) -> None:
    user = world.users["grid_worker"]
    user.failed_login_count = 5
    user.locked_until = timezone.now() - dt.timedelta(seconds=1)
    user.save()
    assert _login(client, "grid_worker", "Secret#2026").status_code == 302


def test_unknown_user_names_are_audited_but_lock_nothing(world: Any, client: Client) -> None:
    _login(client, "nobody", "x")
    event = AuditEvent.objects.get(kind="login_failed")
    assert event.username == "nobody"
    assert event.success is False
    assert event.actor_id is None


def test_integration_accounts_cannot_sign_in_to_pages(world: Any, client: Client) -> None:
    response = _login(client, "integration", "Secret#2026")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(kind="login_failed", username="integration").exists()


def test_logout_is_a_post_and_is_audited(world: Any, client: Client) -> None:
    _login(client, "leader", "Secret#2026")
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert AuditEvent.objects.filter(kind="logout", username="leader").exists()
    assert client.get("/workbench/").status_code == 302


def test_a_session_ends_after_the_idle_timeout(world: Any, client: Client, settings: Any) -> None:
    import time

    from hrbureau.core.middleware import IdleTimeoutMiddleware

    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60
    _login(client, "leader", "Secret#2026")
    assert client.get("/workbench/").status_code == 200
    # Active within the limit: still signed in.
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 30
    session.save()
    assert client.get("/workbench/").status_code == 200
    # Idle past the limit: signed out, back to the login page.
    session = client.session
    session[IdleTimeoutMiddleware.KEY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 1
    session.save()
    response = client.get("/workbench/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_database_forgets_expired_sessions(world: Any, client: Client) -> None:
    from django.contrib.sessions.models import Session

    _login(client, "leader", "Secret#2026")
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    assert client.get("/workbench/").status_code == 302


@pytest.mark.parametrize("path", ["/workbench/", "/dashboard/", "/core/audit/"])
def test_anonymous_visitors_are_sent_to_login_with_next(path: str, db: Any, client: Client) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={path}"
