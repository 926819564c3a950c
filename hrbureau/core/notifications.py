"""Notifications (DESIGN.md mechanism 8): the in-app inbox, and the outbox of SMS and e-mail.

``notify(...)`` writes inbox rows and outbox messages in the caller's transaction; the messages are
sent after that transaction commits, by a background task, through the configured backends
(``core.sms`` and Django's e-mail backend). Each outbox message keeps its delivery status, so a failed
gateway is visible and ``deliver_outbox`` can be run again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hrbureau.core import sms
from hrbureau.core.models import Notification, NotificationRead, OutboxMessage

MAX_ATTEMPTS = 5
# A waiting message is left to its own task this long before the sweep sends it instead.
RETRY_AFTER = dt.timedelta(minutes=10)


def notify(
    *,
    title: str,
    body: str = "",
    url: str = "",
    users: Iterable[Any] = (),
    unit: Any = None,
    role: str = "",
    case: Any = None,
    sms_to: Iterable[str] = (),
    email_to: Iterable[str] = (),
) -> list[OutboxMessage]:
    """Put a notice in the inboxes of ``users``, of every member of ``unit`` and of everyone in ``role``;
    queue SMS to ``sms_to`` and e-mail to ``email_to``. Returns the queued outbox messages."""
    case_fields: dict[str, Any] = {}
    if case is not None:
        case_fields = {"case_type": case._meta.label_lower, "case_id": case.pk}
    common = {"title": title[:200], "body": body, "url": url, **case_fields}
    rows = [Notification(recipient=user, **common) for user in users]
    if unit is not None:
        rows.append(Notification(recipient_unit=unit, **common))
    if role:
        rows.append(Notification(recipient_role=role, **common))
    Notification.objects.bulk_create(rows)
    text = f"{title}\n{body}".strip()
    messages = [
        OutboxMessage(channel=OutboxMessage.Channel.SMS, to=to, body=text)
        for to in dict.fromkeys(sms_to)
        if to
    ]
    messages += [
        OutboxMessage(channel=OutboxMessage.Channel.EMAIL, to=to, subject=title[:200], body=text)
        for to in dict.fromkeys(email_to)
        if to
    ]
    if messages:
        created = OutboxMessage.objects.bulk_create(messages)
        ids = [m.pk for m in created if m.pk is not None]
        transaction.on_commit(lambda: _enqueue_delivery(ids))
        return created
    return []


def _enqueue_delivery(ids: list[int]) -> None:
    from hrbureau.core.tasks import deliver_outbox_task

    deliver_outbox_task.enqueue(ids=ids)


def deliver_outbox(*, ids: Iterable[int] | None = None) -> dict[str, int]:
    """Send the named waiting messages (the after-commit task), or — with no ids, from the periodic
    sweep — retry failed ones and those whose task never ran (waiting for more than RETRY_AFTER); record
    sent or failed on each."""
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    if ids is not None:
        queryset = pending.filter(pk__in=list(ids))
    else:
        stale = pending.filter(created_at__lt=timezone.now() - RETRY_AFTER)
        failed = OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED, attempts__lt=MAX_ATTEMPTS)
        queryset = stale | failed
    counts = {"sent": 0, "failed": 0}
    for message in queryset.order_by("id"):
        message.attempts += 1
        try:
            if message.channel == OutboxMessage.Channel.SMS:
                sms.send_sms(to=message.to, body=message.body)
            else:
                send_mail(message.subject, message.body, None, [message.to])
        except Exception as error:
            message.status = OutboxMessage.Status.FAILED
            message.error = str(error)[:500]
            counts["failed"] += 1
        else:
            message.status = OutboxMessage.Status.SENT
            message.sent_at = timezone.now()
            message.error = ""
            counts["sent"] += 1
        message.save(update_fields=["attempts", "status", "error", "sent_at"])
    return counts


def inbox_for(user: Any) -> QuerySet[Notification]:
    """The notices addressed to ``user``: to them, to their unit, or to their role; with ``is_read``."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    condition = Q(recipient=user) | Q(recipient_role=user.role)
    if user.org_unit_id is not None:
        condition |= Q(recipient_unit_id=user.org_unit_id)
    read = NotificationRead.objects.filter(notification=OuterRef("pk"), user=user)
    return (
        Notification.objects.filter(condition).annotate(is_read=Exists(read)).order_by("-created_at", "-id")
    )


def unread_count(user: Any) -> int:
    return inbox_for(user).filter(is_read=False).count()  # type: ignore[misc]


def notification_mark_read(*, user: Any, ids: Iterable[int] | None = None, up_to: int | None = None) -> int:
    """Mark the named notices — or all of the user's ("mark all as read"), up to the notice ``up_to`` when
    given (the newest the reader saw) — read; only notices addressed to the user count."""
    unread = inbox_for(user).filter(is_read=False)  # type: ignore[misc]
    if ids is not None:
        unread = unread.filter(pk__in=list(ids))
    if up_to is not None:
        unread = unread.filter(pk__lte=up_to)
    rows = [NotificationRead(notification_id=pk, user=user) for pk in unread.values_list("pk", flat=True)]
    NotificationRead.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    from hrbureau.core.navigation import forget_counts

    forget_counts(user)
    return len(rows)
