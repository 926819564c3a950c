"""What people are told, and what their badges count: leadership hears of supervision (督办) once a day, by
a digest linking to the list of the cases; the inbox can be marked read at once; the to-do badge counts the
user's own work that they can act on, unread messages apart."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from hrbureau.accounts.choices import Role
from hrbureau.accounts.models import User
from hrbureau.core.clocks import sweep_deadlines
from hrbureau.core.models import Clock, Notification
from hrbureau.core.navigation import counts_for
from hrbureau.core.notifications import inbox_for, notify, unread_count
from hrbureau.core.todo import todo_items
from hrbureau.petitions import services
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


def _late_enquiries(office: dict[str, Any], n: int, day: dt.date) -> list[Any]:
    """``n`` enquiries received on ``day`` (2 working days), signed for in time, never answered."""
    orders = [make_order(category=office["categories"]["enquiry"], day=day) for _ in range(n)]
    Clock.objects.filter(name="sign").update(stopped_on=day)
    return orders


def test_leadership_gets_one_digest_a_day_linking_to_the_cases(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    # Given 25 enquiries received Monday 2 March, due Wednesday 4 March, that nobody answers
    orders = _late_enquiries(office, 25, dt.date(2026, 3, 2))
    leader = world.users["leader"]
    # When the sweep of 8 March puts them all under supervision (督办)
    result = sweep_deadlines(today=dt.date(2026, 3, 8))
    assert result.steps["supervise"] == 25
    assert result.supervised_today == 25
    # Then leadership has one notice, not 25: the day's digest, naming the first cases and linking to all
    notices = list(inbox_for(leader))
    assert len(notices) == 1
    digest = notices[0]
    assert digest.title == "Supervision digest 2026-03-08: 25 cases went under supervision (督办)"
    assert digest.url == "/core/supervision/?day=2026-03-08"
    assert digest.body.count("\n") == 20  # 20 cases by name and the rest counted
    assert "… and 5 more" in digest.body
    # while each responsible unit still hears of each case.
    assert Notification.objects.filter(recipient_unit=office["unit"], title__contains="督办").count() == 25
    # The link opens the list of those 25 cases, each leading to its order
    leader_client = client_for("leader")
    leader_client.cookies["hrbureau_language"] = "en"
    page = leader_client.get(digest.url).content.decode()
    for order in orders:
        assert f'href="{order.get_absolute_url()}"' in page
    # A second sweep the same day changes nothing; the next day's escalations make the next day's digest.
    assert sweep_deadlines(today=dt.date(2026, 3, 8)).notices == 0
    assert unread_count(leader) == 1
    later = _late_enquiries(office, 1, dt.date(2026, 3, 3))  # due 5 March, supervised on the 9th
    sweep_deadlines(today=dt.date(2026, 3, 9))
    assert [n.title for n in inbox_for(leader)] == [
        "Supervision digest 2026-03-09: 1 case went under supervision (督办)",
        digest.title,
    ]
    page = leader_client.get("/core/supervision/?day=2026-03-09").content.decode()
    assert f'href="{later[0].get_absolute_url()}"' in page
    assert f'href="{orders[0].get_absolute_url()}"' not in page


def test_a_later_escalation_the_same_day_rewrites_the_digest_unread(
    world: Any, office: dict[str, Any]
) -> None:
    from hrbureau.core.notifications import notification_mark_read

    leader = world.users["leader"]
    _late_enquiries(office, 2, dt.date(2026, 3, 2))
    sweep_deadlines(today=dt.date(2026, 3, 8))
    notification_mark_read(user=leader)
    assert unread_count(leader) == 0
    # An order registered late that very day, already past its supervision point
    _late_enquiries(office, 1, dt.date(2026, 3, 2))
    sweep_deadlines(today=dt.date(2026, 3, 8))
    assert [n.title for n in inbox_for(leader)] == [
        "Supervision digest 2026-03-08: 3 cases went under supervision (督办)"
    ]
    assert unread_count(leader) == 1


def test_the_dashboard_alerts_leadership_to_the_cases_under_supervision(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    orders = _late_enquiries(office, 3, dt.date(2026, 3, 2))
    sweep_deadlines(today=dt.date(2026, 3, 8))
    # One of them is answered since: it is no longer under supervision
    services.workorder_dispatch(actor=office["staff"], order=orders[0], unit=world.units["talent"])
    Clock.objects.filter(case_id=orders[0].pk, name="handling").update(stopped_on=dt.date(2026, 3, 9))
    client = client_for("leader")
    client.cookies["hrbureau_language"] = "en"
    page = client.get("/dashboard/").content.decode()
    assert 'data-testid="supervision-alert"' in page
    assert '<a class="alert-link" href="/core/supervision/" data-kpi="supervision-open">2 cases' in page
    now = client.get("/core/supervision/").content.decode()
    assert f'href="{orders[1].get_absolute_url()}"' in now
    assert f'href="{orders[0].get_absolute_url()}"' not in now
    # A street's staff member, who reads no dashboard, is refused the list.
    assert client_for("street_staff").get("/core/supervision/").status_code == 403


def test_mark_all_read_clears_every_page_of_the_inbox_and_its_badge(world: Any, client_for: Any) -> None:
    leader = world.users["leader"]
    for number in range(45):  # more than one page of the inbox
        notify(title=f"通知 {number}", role=Role.LEADER)
    notify(title="另一位用户的通知", users=[world.users["dept_staff"]])
    client = client_for("leader")
    page = client.get("/core/inbox/").content.decode()
    assert 'data-testid="nav-count-inbox">45<' in page
    assert 'data-testid="mark-all-read"' in page
    up_to = re.search(r'name="up_to" value="(\d+)"', page)
    assert up_to is not None
    # A notice arriving between reading the page and pressing the button is not marked unseen
    notify(title="刚到的督办通知", role=Role.LEADER)
    response = client.post("/core/inbox/", {"up_to": up_to.group(1)})
    assert response.status_code == 302
    assert [n.title for n in inbox_for(leader).filter(is_read=False)] == ["刚到的督办通知"]
    client.post("/core/inbox/", {"up_to": str(Notification.objects.order_by("-id").first().pk)})
    assert unread_count(leader) == 0
    page = client.get("/core/inbox/").content.decode()
    assert 'data-testid="nav-count-inbox"' not in page
    assert 'data-testid="mark-all-read"' not in page  # nothing left to mark
    # Only the reader's own notices are marked: the other user's stays unread.
    assert unread_count(world.users["dept_staff"]) == 1


def test_the_todo_badge_counts_ones_own_work_one_can_act_on(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    staff, head = office["staff"], office["head"]
    street_a, colleague = (
        world.users["street_staff"],
        User.objects.create_user(
            username="jd_a2", password="Secret#2026", role=Role.STREET_STAFF, org_unit=world.units["street-a"]
        ),
    )
    # A new registration (the office's to dispatch), a petition whose review waits for the head's answer,
    registered = make_order(category=office["categories"]["wages"])
    review = make_order(category=office["categories"]["wages"], channel="letter")
    services.workorder_accept(actor=staff, order=review)
    services.workorder_dispatch(actor=staff, order=review, unit=world.units["street-a"])
    services.workorder_sign(actor=street_a, order=review)
    services.workorder_reply(actor=street_a, order=review, reply="已处理")
    services.workorder_request_review(actor=staff, order=review, reason="信访人不服", by_citizen=False)
    assert review.state == "review"
    # and an order street A's first worker signed for (theirs, not their colleague's).
    signed = make_order(category=office["categories"]["wages"])
    services.workorder_dispatch(actor=staff, order=signed, unit=world.units["street-a"])
    services.workorder_sign(actor=street_a, order=signed)
    # The office's clerk can dispatch the registration but cannot answer the review; the head can do both
    assert counts_for(staff)["todo"] == 1
    assert [item.url for item in todo_items(user=staff)] == [registered.get_absolute_url()]
    assert counts_for(head)["todo"] == 2
    # The worker who signed has it; the colleague does not
    assert counts_for(street_a)["todo"] == 1
    assert counts_for(colleague)["todo"] == 0
    # Unread messages are counted apart, on the inbox's badge.
    notify(title="新工单", unit=world.units["street-a"])
    client = client_for("street_staff")
    page = client.get("/core/todo/").content.decode()
    assert 'data-testid="nav-count-todo">1<' in page
    assert 'data-testid="nav-count-inbox">' in page
    assert f'href="{signed.get_absolute_url()}"' in page  # the list is what the badge counts
    assert f'href="{review.get_absolute_url()}"' not in page


def test_the_supervision_list_shows_only_the_case_types_the_reader_may_see(
    world: Any, office: dict[str, Any]
) -> None:
    from hrbureau.core.clocks import supervision_list

    orders = _late_enquiries(office, 1, dt.date(2026, 3, 2))
    sweep_deadlines(today=dt.date(2026, 3, 8))
    # A dispute's award clock under supervision the same day (the arbitration institute's case)
    Clock.objects.create(
        case_type="arbitration.dispute",
        case_id=990001,
        name="award",
        label="Award",
        title="劳人仲案〔2026〕1号",
        day_kind="calendar",
        period_days=45,
        started_on=dt.date(2026, 1, 2),
        due_on=dt.date(2026, 2, 16),
        overdue=True,
        ladder_level=3,
        supervised_on=dt.date(2026, 3, 8),
    )
    day = dt.date(2026, 3, 8)
    leader = {c.title for c in supervision_list(user=world.users["leader"], day=day)}
    assert leader == {str(orders[0]), "劳人仲案〔2026〕1号"}
    # The labour-relations head reads work orders but not the institute's disputes.
    head = {c.title for c in supervision_list(user=world.users["dept_head"], day=day)}
    assert head == {str(orders[0])}
