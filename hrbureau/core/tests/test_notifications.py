"""The outbox: messages queued with the change, sent after commit, their status kept, failures retried."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from hrbureau.core import sms
from hrbureau.core.models import Notification, OutboxMessage
from hrbureau.core.notifications import deliver_outbox, inbox_for, notify, unread_count

pytestmark = pytest.mark.django_db


def test_messages_go_out_after_commit_and_a_failed_one_is_retried(
    world: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    sms.outbox.clear()
    # Given a gateway that is down
    settings.SMS_BACKEND = "broken"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(
            title="工单已答复",
            sms_to=["13800138000"],
            email_to=["a@example.test"],
            unit=world.units["street-a"],
        )
        # Nothing is sent before the transaction commits.
        assert OutboxMessage.objects.filter(status="pending").count() == 2
    assert len(callbacks) == 1
    sms_message = OutboxMessage.objects.get(channel="sms")
    assert (sms_message.status, sms_message.attempts) == ("failed", 1)
    assert "broken" in sms_message.error
    assert OutboxMessage.objects.get(channel="email").status == "sent"
    assert len(mail.outbox) == 1
    # When the gateway is back, the next sweep's delivery sends it
    settings.SMS_BACKEND = "memory"
    assert deliver_outbox() == {"sent": 1, "failed": 0}
    sms_message.refresh_from_db()
    assert (sms_message.status, sms_message.attempts) == ("sent", 2)
    assert sms.outbox == [("13800138000", "工单已答复")]
    # and a second delivery sends nothing again.
    assert deliver_outbox() == {"sent": 0, "failed": 0}


def test_a_waiting_message_is_left_to_its_task_for_a_while(world: Any, settings: Any) -> None:
    settings.SMS_BACKEND = "memory"
    notify(title="提醒", sms_to=["13800138000"])
    assert deliver_outbox() == {"sent": 0, "failed": 0}
    OutboxMessage.objects.update(created_at=timezone.now() - dt.timedelta(minutes=11))
    assert deliver_outbox() == {"sent": 1, "failed": 0}


def test_unit_and_role_notices_reach_their_members_and_are_read_per_person(world: Any) -> None:
    notify(title="东湖街道通知", unit=world.units["street-a"])
    notify(title="领导通知", role="leader")
    street, leader, other = world.users["street_staff"], world.users["leader"], world.users["dept_staff"]
    assert [n.title for n in inbox_for(street)] == ["东湖街道通知"]
    assert [n.title for n in inbox_for(leader)] == ["领导通知"]
    assert unread_count(other) == 0
    from hrbureau.core.notifications import notification_mark_read

    assert notification_mark_read(user=street) == 1
    assert unread_count(street) == 0
    assert Notification.objects.count() == 2
