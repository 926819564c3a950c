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

RESET = "/accounts/password/reset/"


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefgh", 1),
        ("abcdEFGH", 2),
        ("abcdEF12", 3),
        ("abC1#xyz", 4),
        # A Chinese character is no class: it is neither a letter with a case, a digit nor a symbol.
        ("密码abc123", 2),
        ("人力资源局2026", 1),
        ("密码Abc123", 3),
        # Full-width digits and punctuation, and the space, are digits and symbols like their ASCII kin.
        ("密码ａｂｃ１２３", 2),
        ("密码abc，123", 3),
        ("tiger lily 42", 3),
        ("ÉcoleÀ2026", 3),
    ],
)
def test_character_classes(password: str, classes: int) -> None:
    assert character_classes(password) == classes


@pytest.mark.parametrize(
    "password", ["Ab1#xyz", "abcdefgh12", "ABCDEFGH!!", "password1", "人力资源局密码2026", "密码abcd1234"]
)
def test_weak_passwords_are_refused(password: str, db: Any) -> None:
    with pytest.raises(ValidationError):
        validate_password(password)


@pytest.mark.parametrize(
    "password", ["Kx9#mq2w", "tiger-Lily-42", "Shifan2026!", "人社局Hr2026", "密码！abc2026"]
)
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


def test_password_reset_mails_are_throttled_per_address_and_per_account(
    world: Any, client: Client, settings: Any
) -> None:
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "password-reset-address": "5/h",
        "password-reset-account": "2/h",
    }
    # Given twenty requests for the leader's address in a row, as an attacker would send them
    answers = [client.post(RESET, {"email": "leader@example.test"}) for _ in range(20)]
    # Then two mails go out, and the rest are refused with 429 and a Chinese message
    assert len(mail.outbox) == 2
    assert [a.status_code for a in answers] == [302, 302] + [429] * 18
    assert "密码重置" in answers[2].content.decode()
    assert int(answers[2]["Retry-After"]) > 0
    assert AuditEvent.objects.filter(kind="password_reset_requested").count() == 2
    # Another address for the same account is refused too (per account), with the same answer for an
    # e-mail address no account has: nothing tells which addresses exist.
    other = Client(REMOTE_ADDR="198.51.100.7")
    assert other.post(RESET, {"email": "LEADER@example.test"}).status_code == 429
    unknown = [other.post(RESET, {"email": "stranger@example.test"}).status_code for _ in range(3)]
    assert unknown == [302, 302, 429]
    # One address asking for many accounts is stopped per address.
    sprayer = Client(REMOTE_ADDR="198.51.100.8")
    sent = [sprayer.post(RESET, {"email": f"{key}@example.test"}).status_code for key in world.users]
    assert sent.count(302) == 5
    assert len(mail.outbox) == 2 + 5


def test_guessing_the_old_password_on_the_change_page_is_limited(world: Any, client_for: Any) -> None:
    # Given someone at a signed-in session who does not know the password
    client = client_for("dept_staff")
    answers = [
        client.post(
            "/accounts/password/change/",
            {
                "old_password": f"Guess#{n}2026",
                "new_password1": "Nieuw#2026x",
                "new_password2": "Nieuw#2026x",
            },
        ).status_code
        for n in range(7)
    ]
    # Then five guesses are checked and the rest refused (429) without checking,
    assert answers == [200] * 5 + [429] * 2
    refused = client.post(
        "/accounts/password/change/",
        {"old_password": "Secret#2026", "new_password1": "Nieuw#2026x", "new_password2": "Nieuw#2026x"},
    )
    assert refused.status_code == 429
    world.users["dept_staff"].refresh_from_db()
    assert world.users["dept_staff"].check_password("Secret#2026")
    # while another user's allowance is their own.
    other = client_for("dept_head")
    done = other.post(
        "/accounts/password/change/",
        {"old_password": "Secret#2026", "new_password1": "Nieuw#2026x", "new_password2": "Nieuw#2026x"},
    )
    assert done.status_code == 302
