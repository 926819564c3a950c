"""Writing audit events (mechanism 7). The only way rows reach ``AuditEvent``."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from hrbureau.core.models import AuditEvent
from hrbureau.core.ratelimit import client_address


def client_ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR, or the address the trusted reverse proxy appended to X-Forwarded-For when
    # TRUSTED_PROXY_COUNT says there is one; never what a client wrote into that header itself.
    return client_address(request)


def audit_record(
    *,
    kind: str,
    actor: Any = None,
    request: HttpRequest | None = None,
    success: bool = True,
    username: str = "",
    target: models.Model | None = None,
    reason: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    user = getattr(request, "user", None)
    if actor is None and user is not None and user.is_authenticated:
        actor = user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        kind=kind,
        success=success,
        actor=actor,
        username=(username or (actor.get_username() if actor is not None else ""))[:150],
        ip_address=client_ip(request),
        method=(request.method or "")[:10] if request is not None else "",
        path=request.get_full_path()[:500] if request is not None else "",
        object_type=target._meta.label if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        reason=reason[:500],
        detail=detail or {},
    )
