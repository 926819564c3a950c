"""Writes on accounts: login outcomes (the lockout itself is ``accounts.lockout``), tokens, language,
organisation units."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from hrbureau.accounts import lockout
from hrbureau.accounts.choices import OrgUnitKind, Role
from hrbureau.accounts.models import ApiToken, OrgUnit, User
from hrbureau.core.audit import audit_record
from hrbureau.core.choices import AuditKind


def login_success_register(*, user: User, request: HttpRequest | None) -> None:
    lockout.login_success_register(username=user.get_username(), request=request)
    audit_record(kind=AuditKind.LOGIN, request=request, actor=user)


def user_unlock(*, user: User, actor: User) -> None:
    """Lift an administrator's lock and every run of failed sign-ins of the account's user name."""
    if user.locked_until is not None:
        user.locked_until = None
        user.save(update_fields=["locked_until"])
    lockout.login_lock_lift(username=user.get_username(), actor=actor)


def user_set_language(*, user: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise ValueError(f"unknown language {language!r}")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def password_changed_register(*, user: User, request: HttpRequest | None, kind: str) -> None:
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password_changed_at"])
    # Whoever set the new password may sign in with it from here; strangers' runs elsewhere stand, and
    # so does an administrator's lock.
    lockout.login_success_register(username=user.get_username(), request=request)
    audit_record(kind=kind, request=request, actor=user)


def api_token_create(*, user: User, name: str = "", actor: User | None = None) -> str:
    """Create a token for an integration account and return it; only its digest is kept."""
    if user.role != Role.INTEGRATION:
        raise ValueError(f"{user.username} is not an integration account (role {user.role})")
    secret = ApiToken.new_secret()
    ApiToken.objects.create(
        user=user, name=name, key_prefix=secret[: len(ApiToken.PREFIX) + 4], digest=ApiToken.digest_of(secret)
    )
    audit_record(
        kind=AuditKind.API_TOKEN_CREATED, actor=actor, username=user.username, target=user, reason=name
    )
    return secret


def api_token_authenticate(*, secret: str) -> User | None:
    """The integration user a token belongs to, or None; marks when the token was last used."""
    if not secret.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=ApiToken.digest_of(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active or token.user.role != Role.INTEGRATION:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def orgunit_create(
    *, kind: str, code: str, name: str, parent: OrgUnit | None, name_en: str = "", sort_order: int = 0
) -> OrgUnit:
    allowed_parent = {
        OrgUnitKind.BUREAU: None,
        OrgUnitKind.DISTRICT: None,
        OrgUnitKind.DEPARTMENT: OrgUnitKind.BUREAU,
        OrgUnitKind.STREET: OrgUnitKind.DISTRICT,
        OrgUnitKind.COMMUNITY: OrgUnitKind.STREET,
        OrgUnitKind.GRID: OrgUnitKind.COMMUNITY,
    }[OrgUnitKind(kind)]
    if (parent.kind if parent else None) != allowed_parent:
        raise ValueError(f"a {kind} must sit under a {allowed_parent or 'nothing'}, not {parent}")
    with transaction.atomic():
        unit = OrgUnit.objects.create(
            kind=kind,
            code=code,
            name=name,
            name_en=name_en,
            parent=parent,
            sort_order=sort_order,
            depth=(parent.depth + 1) if parent else 0,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk:08d}/"
        unit.save(update_fields=["path"])
    return unit
