"""Reviews of petitions (DOMAIN.md §3, 信访工作条例 Art.35): the 30 days run from the day the petitioner
*received* the written answer; a review may be asked for as soon as the reply is there; after a final
re-review the same matter is recognised whenever it comes back and answered as not accepted again."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from hrbureau.core.models import OutboxMessage
from hrbureau.core.workflow import TransitionError
from hrbureau.petitions import services
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.rules import review_window_open
from hrbureau.petitions.tests.factories import make_order, received

pytestmark = pytest.mark.django_db

REPLY_DAY = dt.date(2026, 3, 2)


def _on(monkeypatch: Any, day: dt.date) -> None:
    """Make ``day`` today for the services, the guards and the clocks (the clock time stays real: the
    signed-in sessions follow it)."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: day)


def _dated(order: WorkOrder, field: str, day: dt.date) -> None:
    """Put the time an answer was written (``replied_at``, ``closed_at``) on ``day``."""
    WorkOrder.objects.filter(pk=order.pk).update(**{field: received(day)})
    order.refresh_from_db()


def _replied_petition(world: Any, office: dict[str, Any], monkeypatch: Any, **extra: Any) -> WorkOrder:
    """A letter of citizen A1 on wage arrears, accepted, handled by labour relations and replied on
    REPLY_DAY."""
    _on(monkeypatch, REPLY_DAY - dt.timedelta(days=20))
    order = make_order(
        category=office["categories"]["wages"],
        channel="letter",
        person=world.people["a1"],
        day=REPLY_DAY - dt.timedelta(days=20),
        **extra,
    )
    services.workorder_accept(actor=office["staff"], order=order)
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["labour_relations"])
    services.workorder_sign(actor=world.users["dept_staff"], order=order)
    _on(monkeypatch, REPLY_DAY)
    services.workorder_reply(actor=world.users["dept_staff"], order=order, reply="经核查，已责令企业支付。")
    _dated(order, "replied_at", REPLY_DAY)
    return order


def test_the_review_window_runs_from_the_day_the_reply_was_received(
    world: Any, office: dict[str, Any], monkeypatch: Any
) -> None:
    # Given a reply sent on 2 March that the petitioner received only on 16 March (the proof of service)
    order = _replied_petition(world, office, monkeypatch)
    _on(monkeypatch, dt.date(2026, 3, 17))
    services.workorder_record_receipt(
        actor=office["staff"], order=order, on=dt.date(2026, 3, 16), by_petitioner=False
    )
    assert order.reply_received_on == dt.date(2026, 3, 16)
    assert order.review_last_day == dt.date(2026, 4, 15)
    # Then a review asked for on 15 April (30 days after receipt, 44 after sending) is in time
    assert review_window_open(order, today=dt.date(2026, 4, 15)) is None
    # and on 16 April it is late, with the last day named.
    refusal = review_window_open(order, today=dt.date(2026, 4, 16)) or ""
    assert "had to be requested by 2026-04-15" in refusal
    _on(monkeypatch, dt.date(2026, 4, 15))
    services.workorder_request_review(
        actor=world.users["individual"], order=order, reason="对答复不服", by_citizen=True
    )
    assert order.state == "review"


def test_a_review_can_be_asked_for_before_the_return_visit_closes_the_order(
    world: Any, office: dict[str, Any], monkeypatch: Any, client_for: Any
) -> None:
    # Given a replied petition whose return visit has not happened
    order = _replied_petition(world, office, monkeypatch)
    assert order.state == "replied"
    client = client_for("individual")
    # The petitioner signs for the reply on the portal on 5 March
    _on(monkeypatch, dt.date(2026, 3, 5))
    page = client.get(f"/petitions/mine/{order.pk}/").content.decode()
    assert 'data-action="sign_answer"' in page
    assert 'data-action="request_review"' in page
    client.post(f"/core/cases/petitions.workorder/{order.pk}/actions/sign_answer/")
    order.refresh_from_db()
    assert order.reply_received_on == dt.date(2026, 3, 5)
    # and, the visit still not made, asks for a review on day 34 after the reply (29 after receipt)
    _on(monkeypatch, dt.date(2026, 4, 3))
    response = client.post(
        f"/core/cases/petitions.workorder/{order.pk}/actions/request_review/", {"reason": "答复未解决欠薪"}
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.state == "review"
    assert order.reviews == 1
    assert order.assigned_unit == office["unit"]
    # The head of the office answers it, the petitioner receives the opinion on 20 April,
    _on(monkeypatch, dt.date(2026, 4, 15))
    services.workorder_answer_review(actor=office["head"], order=order, answer="维持原答复意见")
    _dated(order, "closed_at", dt.date(2026, 4, 15))
    _on(monkeypatch, dt.date(2026, 4, 20))
    services.workorder_record_receipt(
        actor=office["staff"], order=order, on=dt.date(2026, 4, 20), by_petitioner=False
    )
    assert order.review_received_on == dt.date(2026, 4, 20)
    # and the re-review window runs 30 days from that receipt, not from the answer.
    assert order.review_last_day == dt.date(2026, 5, 20)
    _on(monkeypatch, dt.date(2026, 5, 20))
    services.workorder_request_review(
        actor=world.users["individual"], order=order, reason="请求复核", by_citizen=True
    )
    assert order.state == "rereview"


def test_receipt_is_recorded_once_for_an_existing_answer_and_only_by_its_people(
    world: Any, office: dict[str, Any], monkeypatch: Any
) -> None:
    order = _replied_petition(world, office, monkeypatch)
    _on(monkeypatch, dt.date(2026, 3, 6))
    # A day in the future, or before the reply was sent, is refused.
    with pytest.raises(ValidationError):
        services.workorder_record_receipt(
            actor=office["staff"], order=order, on=dt.date(2026, 3, 7), by_petitioner=False
        )
    with pytest.raises(ValidationError):
        services.workorder_record_receipt(
            actor=office["staff"], order=order, on=dt.date(2026, 3, 1), by_petitioner=False
        )
    # Only the petitioner signs for it on the portal; another citizen cannot even see the order.
    with pytest.raises(PermissionDenied):
        services.workorder_record_receipt(actor=world.users["enterprise"], order=order, by_petitioner=True)
    services.workorder_record_receipt(actor=world.users["individual"], order=order, by_petitioner=True)
    assert order.reply_received_on == dt.date(2026, 3, 6)
    with pytest.raises(TransitionError, match="No written answer"):
        services.workorder_record_receipt(
            actor=office["staff"], order=order, on=dt.date(2026, 3, 6), by_petitioner=False
        )
    # A 12345 order has no review, so nothing to sign for.
    hotline = make_order(category=office["categories"]["enquiry"])
    with pytest.raises(TransitionError):
        services.workorder_record_receipt(
            actor=office["staff"], order=hotline, on=dt.date(2026, 3, 6), by_petitioner=False
        )


def _rereviewed(world: Any, office: dict[str, Any], monkeypatch: Any) -> WorkOrder:
    order = _replied_petition(world, office, monkeypatch)
    services.workorder_request_review(
        actor=world.users["individual"], order=order, reason="不服", by_citizen=True
    )
    services.workorder_answer_review(actor=office["head"], order=order, answer="维持")
    services.workorder_request_review(
        actor=world.users["individual"], order=order, reason="请求复核", by_citizen=True
    )
    services.workorder_answer_review(actor=office["head"], order=order, answer="复核维持")
    order.refresh_from_db()
    assert (order.state, order.reviews) == ("closed", 2)
    return order


def test_the_same_matter_after_a_final_rereview_is_recognised_whenever_it_comes(
    world: Any,
    office: dict[str, Any],
    monkeypatch: Any,
    client_for: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    earlier = _rereviewed(world, office, monkeypatch)
    # Given a new letter of the same petitioner on the same matter, 200 days later (far past any window)
    later_day = REPLY_DAY + dt.timedelta(days=200)
    _on(monkeypatch, later_day)
    again = make_order(
        category=office["categories"]["wages"],
        channel="letter",
        person=world.people["a1"],
        petitioner_phone="13900000000",  # another phone: the resident ID still tells who it is
        day=later_day,
    )
    # Then it is recognised as the same matter
    assert again.repeat_of == earlier
    # and a letter of the same person on another matter, or a 12345 call, is not.
    other = make_order(
        category=office["categories"]["help"], channel="letter", person=world.people["a1"], day=later_day
    )
    assert other.repeat_of is None
    call = make_order(category=office["categories"]["wages"], person=world.people["a1"], day=later_day)
    assert call.repeat_of is None
    # The office sees why, with the answer written for it
    client = client_for("dept_staff")
    client.force_login(office["staff"])
    client.cookies["hrbureau_language"] = "en"
    page = client.get(f"/petitions/{again.pk}/").content.decode()
    assert 'data-testid="repeat-of"' in page
    assert 'data-action="decline_repeat"' in page
    assert earlier.number in page
    # and answering it closes it as not accepted, telling the petitioner the reason.
    with django_capture_on_commit_callbacks(execute=True):
        services.workorder_decline_repeat(actor=office["staff"], order=again)
    again.refresh_from_db()
    assert again.state == "closed"
    sms = OutboxMessage.objects.filter(channel="sms", to="13900000000").get()
    assert "not accepted" in sms.body
    assert earlier.number in sms.body
    assert "Article 35" in sms.body
    # An order that repeats nothing cannot be answered this way.
    with pytest.raises(TransitionError, match="does not repeat"):
        services.workorder_decline_repeat(actor=office["staff"], order=other, reason="不予受理")


def test_a_declined_petition_tells_the_petitioner_the_reason(
    world: Any, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    order = make_order(category=office["categories"]["wages"], channel="letter")
    with django_capture_on_commit_callbacks(execute=True):
        services.workorder_decline(actor=office["staff"], order=order, reason="不属于本机关职权范围")
    assert OutboxMessage.objects.filter(channel="sms", body__contains="不属于本机关职权范围").exists()


def test_a_new_reply_after_rework_is_received_anew(
    world: Any, office: dict[str, Any], monkeypatch: Any
) -> None:
    order = _replied_petition(world, office, monkeypatch)
    services.workorder_record_receipt(actor=world.users["individual"], order=order, by_petitioner=True)
    assert order.reply_received_on == REPLY_DAY
    # Dissatisfied, the petitioner sends it back; the unit replies again on 20 March
    services.workorder_rate(
        actor=world.users["individual"],
        order=order,
        satisfaction="dissatisfied",
        reason="仍未支付",
        by_citizen=True,
    )
    _on(monkeypatch, dt.date(2026, 3, 20))
    services.workorder_reply(actor=world.users["dept_staff"], order=order, reply="已全额支付。")
    # The 30 days wait for the receipt of this reply, not the first one.
    assert order.reply_received_on is None
    assert order.review_last_day is None
    assert review_window_open(order, today=dt.date(2026, 4, 30)) is None
