"""Login, lockout after 5 failures, the audit of every outcome, API-only accounts (DOMAIN.md §6)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth.hashers import MD5PasswordHasher
from django.db.models import F
from django.test import Client
from django.utils import timezone

from hrbureau.accounts import lockout, services
from hrbureau.accounts.models import LoginFailureTally
from hrbureau.core.models import AuditEvent

LOGIN = "/accounts/login/"
OFFICE = "192.0.2.10"  # the real user's address
STRANGER = "203.0.113.66"  # someone else's


def _login(client: Client, username: str, password: str, address: str = "127.0.0.1") -> Any:
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def _error(response: Any) -> str:
    """The login page's error message."""
    match = re.search(r'data-testid="login-error">(.*?)</div>', response.content.decode(), re.S)
    assert match is not None, response.content.decode()[:2000]
    return match.group(1)


def _no_times(message: str) -> str:
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "<time>", message)


def _tally(username: str, address: str) -> LoginFailureTally:
    return LoginFailureTally.objects.get(username=username, address=address)


def test_a_correct_login_signs_in_and_is_audited(world: Any, client: Client) -> None:
    response = _login(client, "street_staff", "Secret#2026")
    assert response.status_code == 302
    assert response["Location"] == "/"
    event = AuditEvent.objects.get(kind="login")
    assert event.username == "street_staff"
    assert event.actor_id == world.users["street_staff"].pk
    assert event.success is True


def test_five_failures_lock_the_name_from_that_address_only(
    world: Any, client: Client, settings: Any
) -> None:
    # Given a stranger guessing the department clerk's password from their own address
    settings.LOGIN_MAX_FAILURES = 5
    for attempt in range(1, 5):
        response = _login(client, "dept_staff", "wrong-password", STRANGER)
        assert response.status_code == 200
        assert _tally("dept_staff", STRANGER).failures == attempt
        assert _tally("dept_staff", STRANGER).locked_until is None
    # When the fifth guess fails
    response = _login(client, "dept_staff", "wrong-password", STRANGER)
    # Then the name is locked from that address, even with the right password…
    assert _tally("dept_staff", STRANGER).locked_until is not None
    assert "锁定" in _error(response) or "until" in _error(response)
    refused = _login(client, "dept_staff", "Secret#2026", STRANGER)
    assert "_auth_user_id" not in client.session
    assert _error(refused) == _error(response)
    assert AuditEvent.objects.filter(kind="locked_out", username="dept_staff").count() == 1
    # …and the real user still signs in from their own address.
    assert _login(client, "dept_staff", "Secret#2026", OFFICE).status_code == 302


def test_a_success_ends_the_run_of_failures(world: Any, client: Client) -> None:
    for _ in range(4):
        _login(client, "leader", "nope", OFFICE)
    assert _tally("leader", OFFICE).failures == 4
    assert _login(client, "leader", "Secret#2026", OFFICE).status_code == 302
    assert not LoginFailureTally.objects.filter(username="leader").exists()
    client.post("/accounts/logout/")
    for _ in range(4):
        _login(client, "leader", "nope", OFFICE)
    assert _tally("leader", OFFICE).locked_until is None


def test_the_count_starts_again_when_the_lock_ends(world: Any, client: Client) -> None:
    # Given a name locked from an address, whose lock has just ended
    for _ in range(5):
        _login(client, "grid_worker", "nope", OFFICE)
    LoginFailureTally.objects.update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    # When one more wrong guess comes
    response = _login(client, "grid_worker", "nope", OFFICE)
    # Then it is the first of a new run, not a new lock
    assert _tally("grid_worker", OFFICE).failures == 1
    assert _tally("grid_worker", OFFICE).locked_until is None
    assert "wrong" in _error(response) or "错误" in _error(response)
    assert _login(client, "grid_worker", "Secret#2026", OFFICE).status_code == 302


def test_a_run_lapses_after_the_lockout_period_without_failures(
    world: Any, client: Client, settings: Any
) -> None:
    for _ in range(4):
        _login(client, "leader", "nope", OFFICE)
    LoginFailureTally.objects.update(
        last_failed_at=timezone.now() - dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1)
    )
    _login(client, "leader", "nope", OFFICE)
    assert _tally("leader", OFFICE).failures == 1


def test_unknown_and_real_names_get_the_same_answers(world: Any, client: Client) -> None:
    # The same guesses at a real name and at a name no account has, from two addresses: every answer
    # is the same, through the lock and after it (the real user's right password included).
    real = [_error(_login(client, "dept_staff", "wrong", "203.0.113.1")) for _ in range(7)]
    real.append(_error(_login(client, "dept_staff", "Secret#2026", "203.0.113.1")))
    unknown = [_error(_login(client, "nobody", "wrong", "203.0.113.2")) for _ in range(8)]
    assert [_no_times(a) for a in real] == [_no_times(a) for a in unknown]
    assert len(set(real)) == 2  # "wrong", then "locked until…"


class CountingHasher(MD5PasswordHasher):
    """The test hasher, counting how often a password is hashed."""

    calls = 0

    def encode(self, password: str, salt: str) -> str:
        CountingHasher.calls += 1
        return super().encode(password, salt)


def test_every_answer_costs_the_same_hashing_whatever_the_name(
    world: Any, client: Client, settings: Any
) -> None:
    settings.PASSWORD_HASHERS = ["hrbureau.accounts.tests.test_login.CountingHasher"]

    def hashes(username: str, address: str) -> list[int]:
        counts = []
        for _ in range(7):
            CountingHasher.calls = 0
            _login(client, username, "wrong", address)
            counts.append(CountingHasher.calls)
        return counts

    # Checked attempts hash once (the backend hashes for unknown names too); refused ones never.
    assert hashes("dept_staff", "203.0.113.1") == hashes("nobody", "203.0.113.2") == [1, 1, 1, 1, 1, 0, 0]


def test_failed_logins_are_counted_not_listed(world: Any, client: Client) -> None:
    # Given 60 guesses at one name from one address
    for _ in range(60):
        _login(client, "leader", "wrong", STRANGER)
    # Then the audit log holds the run's first failure and its lock, and the tally the rest
    assert AuditEvent.objects.filter(kind="login_failed").count() == 1
    assert AuditEvent.objects.filter(kind="locked_out").count() == 1
    tally = _tally("leader", STRANGER)
    assert (tally.failures, tally.refused) == (5, 55)
    # When the lock has ended, the periodic job writes the run's totals and forgets it
    LoginFailureTally.objects.update(locked_until=timezone.now() - dt.timedelta(seconds=1))
    assert lockout.purge_lapsed() == "1 lapsed runs of failed logins closed"
    total = AuditEvent.objects.filter(kind="login_failed").order_by("-id").first()
    assert total is not None
    assert total.detail["failures"] == 5
    assert total.detail["refused"] == 55
    assert not LoginFailureTally.objects.exists()
    assert lockout.purge_lapsed() is None


def test_the_periodic_sweep_closes_lapsed_runs() -> None:
    from hrbureau.core import periodic

    assert periodic._JOBS["failed logins"] is lockout.purge_lapsed


def test_spraying_names_from_one_address_makes_it_wait(world: Any, client: Client, settings: Any) -> None:
    settings.LOGIN_ADDRESS_MAX_FAILURES = 10
    # Given a browser where the leader signed in before, behind the same address as a sprayer
    known = Client()
    assert _login(known, "leader", "Secret#2026", STRANGER).status_code == 302
    known.post("/accounts/logout/")
    # When the sprayer has tried ten names once each
    for n in range(10):
        _login(client, f"user{n}", "Spring2026!", STRANGER)
    # Then the address waits, for any name, real or not, whatever the password…
    for name, password in (("user99", "x"), ("dept_staff", "Secret#2026")):
        response = _login(client, name, password, STRANGER)
        assert "_auth_user_id" not in client.session
        assert "network" in _error(response) or "网络" in _error(response)
    assert AuditEvent.objects.filter(kind="login_failed").count() == 10
    assert AuditEvent.objects.filter(kind="locked_out", detail__ceiling="address").count() == 1
    # …while other addresses and the known browser are not held up.
    assert _login(Client(), "dept_staff", "Secret#2026", OFFICE).status_code == 302
    assert _login(known, "leader", "Secret#2026", STRANGER).status_code == 302


def test_guessing_from_many_addresses_slows_the_name_but_not_its_known_browser(
    world: Any, client: Client, settings: Any
) -> None:
    settings.LOGIN_ACCOUNT_MAX_FAILURES = 12
    settings.LOGIN_ACCOUNT_SLOWDOWN_SECONDS = 60
    known = Client()
    assert _login(known, "leader", "Secret#2026", OFFICE).status_code == 302
    known.post("/accounts/logout/")
    # Given 4 guesses (one fewer than the lock) from each of 3 addresses
    for host in range(3):
        for _ in range(4):
            _login(client, "leader", "wrong", f"198.51.100.{host}")
    # Then a new address is turned away unchecked, whatever the password…
    slowed = _login(client, "leader", "Secret#2026", "198.51.100.50")
    assert "_auth_user_id" not in client.session
    assert "60" in _error(slowed)
    assert AuditEvent.objects.filter(kind="locked_out", detail__ceiling="account").count() == 1
    # …until the pause has passed, when one attempt is checked again
    LoginFailureTally.objects.update(last_failed_at=F("last_failed_at") - dt.timedelta(seconds=61))
    assert _login(client, "leader", "wrong", "198.51.100.51").status_code == 200
    assert _tally("leader", "198.51.100.51").failures == 1
    assert _error(_login(client, "leader", "wrong", "198.51.100.52")) == _error(slowed)
    # The browser the leader used before signs in at once.
    assert _login(known, "leader", "Secret#2026", OFFICE).status_code == 302


def test_a_forged_known_browser_cookie_counts_for_nothing(world: Any, client: Client, settings: Any) -> None:
    settings.LOGIN_ADDRESS_MAX_FAILURES = 2
    for n in range(2):
        _login(client, f"user{n}", "x", STRANGER)
    client.cookies[lockout.KNOWN_BROWSER_COOKIE] = "0123456789abcdef"
    response = _login(client, "leader", "Secret#2026", STRANGER)
    assert "_auth_user_id" not in client.session
    assert "network" in _error(response) or "网络" in _error(response)


def test_an_administrator_lifts_the_lock(world: Any, client: Client, client_for: Any) -> None:
    for _ in range(5):
        _login(client, "dept_staff", "wrong", OFFICE)
    admin = client_for("sysadmin")
    tally = _tally("dept_staff", OFFICE)
    assert admin.get("/admin/accounts/loginfailuretally/").status_code == 200
    response = admin.post(
        "/admin/accounts/loginfailuretally/", {"action": "lift", "_selected_action": [tally.pk]}
    )
    assert response.status_code == 302
    assert not LoginFailureTally.objects.exists()
    lifted = AuditEvent.objects.filter(kind="login_failed", detail__ended="lifted by sysadmin")
    assert lifted.count() == 1
    admin.post("/accounts/logout/")
    assert _login(client, "dept_staff", "Secret#2026", OFFICE).status_code == 302


def test_unlocking_a_user_lifts_an_administrators_lock_and_the_failures(world: Any, client: Client) -> None:
    user = world.users["grid_worker"]
    user.locked_until = timezone.now() + dt.timedelta(days=1)
    user.save()
    # An administrator's lock keeps the account out, answered like any wrong password.
    locked_out = _login(client, "grid_worker", "Secret#2026", OFFICE)
    assert _no_times(_error(locked_out)) == _no_times(_error(_login(client, "nobody", "x", STRANGER)))
    services.user_unlock(user=user, actor=world.users["sysadmin"])
    user.refresh_from_db()
    assert user.locked_until is None
    assert not LoginFailureTally.objects.filter(username="grid_worker").exists()
    assert _login(client, "grid_worker", "Secret#2026", OFFICE).status_code == 302


def test_unknown_user_names_are_audited_and_counted_like_real_ones(world: Any, client: Client) -> None:
    _login(client, "nobody", "x")
    event = AuditEvent.objects.get(kind="login_failed")
    assert event.username == "nobody"
    assert event.success is False
    assert event.actor_id is None
    assert _tally("nobody", "127.0.0.1").failures == 1


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
