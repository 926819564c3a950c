"""Password rules (≥ 8 characters, 3 of 4 classes), change and reset, each audited."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from hrbureau.accounts.validators import character_classes
from hrbureau.core.models import AuditEvent


@pytest.mark.parametrize(
    ("password", "classes"),
    [("abcdefgh", 1), ("abcdEFGH", 2), ("abcdEF12", 3), ("abC1#xyz", 4), ("密码abc123", 3)],
)
def test_character_classes(password: str, classes: int) -> None:
    assert character_classes(password) == classes


@pytest.mark.parametrize("password", ["Ab1#xyz", "abcdefgh12", "ABCDEFGH!!", "password1"])
def test_weak_passwords_are_refused(password: str, db: Any) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize("password", ["Kx9#mq2w", "tiger-Lily-42", "Shifan2026!"])
def test_strong_passwords_pass(password: str, db: Any) -> None:
    validate_password(password)


def test_password_change_enforces_the_rules_and_is_audited(world: Any, client_for: Any) -> None:
    client = client_for("dept_staff")
    weak = client.post(
        "/accounts/password/change/",
        {"old_password": "Secret#2026", "new_password1": "abcdefgh", "new_password2": "abcdefgh"},
    )
    assert weak.status_code == 200
    assert not AuditEvent.objects.filter(kind="password_changed").exists()
    ok = client.post(
        "/accounts/password/change/",
        {"old_password": "Secret#2026", "new_password1": "Nw7#river", "new_password2": "Nw7#river"},
    )
    assert ok.status_code == 302
    user = world.users["dept_staff"]
    user.refresh_from_db()
    assert user.check_password("Nw7#river")
    assert user.password_changed_at is not None
    assert AuditEvent.objects.filter(kind="password_changed", actor=user).exists()


def test_password_reset_by_email_sets_a_new_password(world: Any, client: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "leader@example.test"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(kind="password_reset_requested").exists()
    link = re.search(r"http://testserver(/accounts/password/reset/[^\s]+)", mail.outbox[0].body)
    assert link is not None
    page = client.get(link.group(1), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client.post(form_url, {"new_password1": "Fresh#Start9", "new_password2": "Fresh#Start9"})
    assert done.status_code == 302
    user = world.users["leader"]
    user.refresh_from_db()
    assert user.check_password("Fresh#Start9")
    assert AuditEvent.objects.filter(kind="password_reset", actor=user).exists()


def test_password_reset_for_an_unknown_address_reveals_nothing(world: Any, client: Client) -> None:
    response = client.post("/accounts/password/reset/", {"email": "stranger@example.test"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []
