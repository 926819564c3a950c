"""The work-order loop through the workflow core: transitions, concurrency, clocks and the ladder."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections

from hrbureau.core import clocks
from hrbureau.core.clocks import sweep_deadlines
from hrbureau.core.models import CaseEvent, Clock, Notification, NotificationRead
from hrbureau.core.notifications import inbox_for, notification_mark_read
from hrbureau.core.workflow import ChangedMeanwhile, TransitionError, transition
from hrbureau.petitions import services
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


def test_the_whole_loop_with_a_dissatisfied_rating_and_rework(world: Any, office: dict[str, Any]) -> None:
    staff, street = office["staff"], world.users["street_staff"]
    # Given a citizen's wage complaint about an enterprise in street A
    order = make_order(
        actor=world.users["individual"],
        category=office["categories"]["wages"],
        person=world.people["a1"],
        enterprise=world.enterprises["a1"],
    )
    assert order.state == "registered"
    assert order.assigned_unit == office["unit"]
    assert order.street == world.units["street-a"]  # from the enterprise
    # When the office dispatches it (the suggestion is the enterprise's street) and the street signs and replies
    from hrbureau.petitions.rules import suggest_unit

    assert suggest_unit(order) == world.units["street-a"]
    services.workorder_dispatch(actor=staff, order=order, unit=world.units["street-a"])
    assert order.state == "dispatched"
    assert order.assigned_unit == world.units["street-a"]
    services.workorder_sign(actor=street, order=order)
    services.workorder_reply(actor=street, order=order, reply="已责令企业于一周内支付。")
    assert order.state == "replied"
    assert order.replied_on_time is True
    # And the citizen rates it dissatisfied
    services.workorder_rate(
        actor=world.users["individual"],
        order=order,
        satisfaction="dissatisfied",
        reason="工资仍未到账",
        by_citizen=True,
    )
    # Then it goes back to the street for rework with a fresh handling period
    order.refresh_from_db()
    assert order.state == "handling"
    assert order.assigned_unit == world.units["street-a"]
    assert order.rework_count == 1
    services.workorder_reply(actor=street, order=order, reply="工资已于今日足额支付。")
    services.workorder_rate(
        actor=world.users["individual"], order=order, satisfaction="satisfied", by_citizen=True
    )
    order.refresh_from_db()
    assert order.state == "closed"
    assert order.satisfaction == "satisfied"
    assert order.closed_at is not None
    names = list(
        CaseEvent.objects.filter(case_type="petitions.workorder", case_id=order.pk).values_list(
            "name", flat=True
        )
    )
    assert names == ["create", "dispatch", "sign", "reply", "rate_rework", "reply", "rate"]


def test_an_outsider_and_the_wrong_unit_are_refused(world: Any, office: dict[str, Any]) -> None:
    order = make_order(category=office["categories"]["wages"], street=world.units["street-b"])
    # A street user of another street cannot even see it, so cannot act on it.
    with pytest.raises(PermissionDenied):
        services.workorder_dispatch(
            actor=world.users["street_staff"], order=order, unit=world.units["street-a"]
        )
    # A labour-relations officer sees it but may not dispatch (the petitions office does).
    with pytest.raises(PermissionDenied):
        services.workorder_dispatch(
            actor=world.users["dept_staff"], order=order, unit=world.units["street-b"]
        )
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["labour_relations"])
    # Only the unit it was dispatched to may sign: street A's worker is refused by the guard.
    order2 = make_order(category=office["categories"]["wages"], street=world.units["street-a"])
    services.workorder_dispatch(actor=office["staff"], order=order2, unit=world.units["labour_relations"])
    with pytest.raises(TransitionError, match="Only the unit"):
        services.workorder_sign(actor=world.users["street_staff"], order=order2)
    assert WorkOrder.objects.get(pk=order2.pk).state == "dispatched"


def test_a_reason_is_required_and_a_wrong_state_is_explained(world: Any, office: dict[str, Any]) -> None:
    order = make_order(category=office["categories"]["wages"])
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    with pytest.raises(TransitionError, match="needs a reason"):
        services.workorder_return(actor=world.users["street_staff"], order=order, reason="  ")
    with pytest.raises(TransitionError, match="not possible"):
        services.workorder_reply(actor=world.users["street_staff"], order=order, reply="x")


def test_of_two_people_acting_at_once_exactly_one_succeeds(world: Any, office: dict[str, Any]) -> None:
    # Given two officers who both loaded the same registered order
    order = make_order(category=office["categories"]["wages"])
    first, second = WorkOrder.objects.get(pk=order.pk), WorkOrder.objects.get(pk=order.pk)
    other_staff = office["head"]
    # When both dispatch it
    services.workorder_dispatch(actor=office["staff"], order=first, unit=world.units["street-a"])
    # Then the second is told it changed meanwhile, and nothing of theirs was written
    with pytest.raises(ChangedMeanwhile, match="changed by someone else"):
        transition(second, "merge", actor=other_staff, reason="dup")  # from its stale "registered"
    with pytest.raises(ChangedMeanwhile):
        services.workorder_dispatch(actor=other_staff, order=second, unit=world.units["street-b"])
    fresh = WorkOrder.objects.get(pk=order.pk)
    assert fresh.state == "dispatched"
    assert fresh.assigned_unit == world.units["street-a"]
    assert fresh.version == 1
    assert CaseEvent.objects.filter(case_id=order.pk, name="dispatch").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_real_connections_racing_on_postgresql(world: Any, office: dict[str, Any]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "two concurrent write transactions need PostgreSQL; SQLite is covered by the stale-read test"
        )
    order = make_order(category=office["categories"]["wages"])
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(unit_key: str) -> None:
        try:
            mine = WorkOrder.objects.get(pk=order.pk)  # each thread has its own connection
            barrier.wait(timeout=10)
            services.workorder_dispatch(actor=office["staff"], order=mine, unit=world.units[unit_key])
            outcomes.append("ok")
        except ChangedMeanwhile:
            outcomes.append("changed")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=act, args=(key,)) for key in ("street-a", "street-b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["changed", "ok"]
    assert CaseEvent.objects.filter(case_id=order.pk, name="dispatch").count() == 1


def test_return_twice_then_a_ruling_names_the_unit(world: Any, office: dict[str, Any]) -> None:
    order = make_order(category=office["categories"]["wages"], street=world.units["street-a"])
    for _attempt in range(2):
        services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
        services.workorder_return(actor=world.users["street_staff"], order=order, reason="不属于本街道")
    assert order.state == "returned"
    assert order.bounces == 2
    with pytest.raises(TransitionError, match="returned twice"):
        services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["labour_relations"])
    with pytest.raises(PermissionDenied):  # the ruling is the office head's
        services.workorder_dispatch(
            actor=office["staff"], order=order, unit=world.units["street-a"], reason="属地", ruling=True
        )
    services.workorder_dispatch(
        actor=office["head"],
        order=order,
        unit=world.units["street-a"],
        reason="属地管理，由东湖街道办理",
        ruling=True,
    )
    assert order.state == "dispatched"
    assert order.bounces == 0


def test_return_is_refused_after_the_return_window(
    world: Any, office: dict[str, Any], monkeypatch: Any
) -> None:
    order = make_order(category=office["categories"]["wages"])
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    due = clocks.clock_of(order, "sign").due_on
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: due + dt.timedelta(days=1))
    with pytest.raises(TransitionError, match="return window"):
        services.workorder_return(actor=world.users["street_staff"], order=order, reason="不属于本街道")


def test_the_ladder_climbs_once_per_step_and_a_second_sweep_sends_nothing(
    world: Any, office: dict[str, Any]
) -> None:
    # Given an enquiry (2 working days) received Monday 2026-03-02 → due Wednesday 4 March
    order = make_order(category=office["categories"]["enquiry"], day=dt.date(2026, 3, 2))
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["talent"])
    handling = clocks.clock_of(order, "handling")
    assert handling.due_on == dt.date(2026, 3, 4)
    Clock.objects.filter(name="sign").update(stopped_on=dt.date(2026, 3, 2))  # signed in time
    talent = world.units["talent"]

    def notices(**where: Any) -> int:
        return Notification.objects.filter(case_id=order.pk, title__contains=order.number, **where).count()

    # Day before due: a reminder to the unit, once
    assert sweep_deadlines(today=dt.date(2026, 3, 3)).steps["reminder"] == 1
    assert sweep_deadlines(today=dt.date(2026, 3, 3)).notices == 0
    # Due day: nothing new, not overdue
    assert sweep_deadlines(today=dt.date(2026, 3, 4)).notices == 0
    assert not Clock.objects.get(pk=handling.pk).overdue
    # Day after: overdue and a formal reminder (催办)
    result = sweep_deadlines(today=dt.date(2026, 3, 5))
    assert result.marked_overdue == 1
    assert result.steps["urge"] == 1
    # Four days after: supervision (督办), the unit told of the case and leadership by the day's digest
    result = sweep_deadlines(today=dt.date(2026, 3, 8))
    assert result.steps == {"supervise": 1, "urge": 0, "reminder": 0}
    supervision = Notification.objects.get(case_id=order.pk, recipient_unit=talent, title__contains="督办")
    assert supervision.title == f"Supervision (督办): {order} is overdue since 2026-03-04; leadership is told"
    assert supervision.body == "Handling"
    assert supervision.url == order.get_absolute_url()
    digest = Notification.objects.get(recipient_role="leader")
    assert digest.title == "Supervision digest 2026-03-08: 1 case went under supervision (督办)"
    assert digest.url == "/core/supervision/?day=2026-03-08"
    assert str(order) in digest.body
    # The unit got the dispatch notice and the three rungs of the ladder, one each.
    assert notices(recipient_unit=talent) == 4
    assert sweep_deadlines(today=dt.date(2026, 3, 9)).notices == 0
    # The leader reads it in their inbox
    leader = world.users["leader"]
    assert list(inbox_for(leader)) == [digest]
    notification_mark_read(user=leader)
    assert NotificationRead.objects.filter(user=leader).count() == 1


def test_a_clock_first_seen_late_gets_only_the_highest_step(world: Any, office: dict[str, Any]) -> None:
    order = make_order(category=office["categories"]["enquiry"], day=dt.date(2026, 3, 2))
    result = sweep_deadlines(today=dt.date(2026, 3, 20))
    assert result.steps["supervise"] == 1
    assert result.steps["urge"] == 0
    assert result.steps["reminder"] == 0
    assert Notification.objects.filter(case_id=order.pk, recipient_unit=office["unit"]).count() == 1


def test_a_sweep_in_small_chunks_notifies_every_late_clock_exactly_once(
    world: Any, office: dict[str, Any]
) -> None:
    orders = [make_order(category=office["categories"]["enquiry"], day=dt.date(2026, 3, 2)) for _ in range(7)]
    result = sweep_deadlines(today=dt.date(2026, 3, 20), chunk=3)
    assert result.steps["supervise"] == 7
    per_order = Notification.objects.filter(
        case_id__in=[o.pk for o in orders], recipient_unit=office["unit"]
    ).values_list("case_id", flat=True)
    assert sorted(per_order) == sorted(o.pk for o in orders)
    assert sweep_deadlines(today=dt.date(2026, 3, 20), chunk=3).notices == 0


def test_petition_extension_once_with_reason_told_to_the_petitioner(
    world: Any, office: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from hrbureau.core.models import OutboxMessage

    order = make_order(category=office["categories"]["wages"], channel="letter")
    assert order.track == "petition"
    assert clocks.clock_of(order, "acceptance").period_days == 15
    services.workorder_accept(actor=office["staff"], order=order)
    handling = clocks.clock_of(order, "handling")
    assert handling.period_days == 60
    assert clocks.clock_of(order, "acceptance").stopped_on is not None
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=order)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.workorder_extend(actor=office["head"], order=order, days=31, reason="案情复杂")
    with pytest.raises(PermissionDenied):
        services.workorder_extend(actor=office["staff"], order=order, days=30, reason="案情复杂")
    with django_capture_on_commit_callbacks(execute=True):
        services.workorder_extend(actor=office["head"], order=order, days=30, reason="案情复杂")
    assert (
        clocks.clock_of(order, "handling").due_on
        == clocks.derive(day_kind="calendar", events=[("start", handling.started_on, 90)]).due_on
    )
    assert OutboxMessage.objects.filter(channel="sms", to="13800138000", body__contains="30").exists()
    with pytest.raises(TransitionError, match="only once"):
        services.workorder_extend(actor=office["head"], order=order, days=5, reason="再延")


def test_the_navigation_counts_the_to_do_and_follows_ones_own_action(
    world: Any, office: dict[str, Any], client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    order = make_order(category=office["categories"]["wages"])
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    street = world.users["street_staff"]
    client.force_login(street)
    page = client.get("/workbench/").content.decode()
    assert 'data-testid="nav-count-todo">1<' in page
    # Returning it takes it out of the street's to-do, and the actor's badge follows at once.
    with django_capture_on_commit_callbacks(execute=True):
        services.workorder_return(actor=street, order=order, reason="不属于本街道")
    page = client.get("/workbench/").content.decode()
    assert 'data-testid="nav-count-todo"' not in page


def test_a_refused_transition_leaves_no_attachment_row_and_the_orphan_file_is_purged(
    world: Any, office: dict[str, Any], settings: Any
) -> None:
    import os
    from io import StringIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from hrbureau.core.attachments import root
    from hrbureau.core.models import CaseAttachment

    order = make_order(category=office["categories"]["wages"])
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=order)

    def reply_then_fail() -> None:
        from django.db import transaction

        upload = SimpleUploadedFile("答复.txt", "答复内容".encode())
        with transaction.atomic():
            services.workorder_reply(
                actor=world.users["street_staff"], order=order, reply="答复", attachment=upload
            )
            raise RuntimeError("the gateway fell over")

    # Something failing after the file was stored rolls the whole step back.
    with pytest.raises(RuntimeError):
        reply_then_fail()
    assert CaseAttachment.objects.count() == 0
    assert WorkOrder.objects.get(pk=order.pk).state == "handling"
    files = [p for p in root().rglob("*") if p.is_file()]
    assert len(files) == 1
    kept = make_order(category=office["categories"]["enquiry"])
    from hrbureau.core.attachments import attachment_add

    attachment_add(case=kept, upload=SimpleUploadedFile("说明.txt", "说明".encode()), actor=None)
    for path in root().rglob("*"):
        if path.is_file():
            os.utime(path, (0, 0))  # both old enough
    out = StringIO()
    call_command("purge_orphan_files", stdout=out)
    assert "removed 1" in out.getvalue()
    remaining = [p for p in root().rglob("*") if p.is_file()]
    assert [p.relative_to(root()).as_posix() for p in remaining] == [CaseAttachment.objects.get().stored_name]
