"""A complaint about an enterprise is never shown to that enterprise (信访工作条例: complaint material is not
passed to the party complained about; DOMAIN.md §3): an enterprise's or a person's account owns the work
orders it raised, and every page, API, timeline, file and to-do follows that scope."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core.attachments import attachment_add
from hrbureau.core.timeline import timeline_for
from hrbureau.core.todo import todo_items
from hrbureau.petitions import services
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


def _complaint_about(world: Any, office: dict[str, Any]) -> WorkOrder:
    """Citizen A1's wage complaint about enterprise A1 (the enterprise the ``enterprise`` user works for),
    registered by the petitions office and replied, so that a rating would close it."""
    order = make_order(
        actor=office["staff"],
        category=office["categories"]["wages"],
        title="举报企业A1拖欠工资",
        person=world.people["a1"],
        enterprise=world.enterprises["a1"],
    )
    attachment_add(
        case=order,
        upload=SimpleUploadedFile("工资条.txt", "三个月工资条".encode(), content_type="text/plain"),
        actor=office["staff"],
    )
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=order)
    services.workorder_reply(actor=world.users["street_staff"], order=order, reply="已责令企业整改。")
    return order


def test_the_enterprise_complained_about_cannot_read_rate_or_close_the_complaint(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    order = _complaint_about(world, office)
    enterprise_user = world.users["enterprise"]
    assert enterprise_user.enterprise == order.enterprise
    client = client_for("enterprise")
    # Not in its portal list, not on its page, not through the API, not as a file
    assert "举报企业A1拖欠工资" not in client.get("/petitions/mine/").content.decode()
    assert client.get(f"/petitions/mine/{order.pk}/").status_code == 403
    assert client.get(f"/api/v1/workorders/{order.pk}").status_code == 403
    assert _api_ids(client) == []
    attachment = order_attachment(order)
    assert client.get(f"/core/attachments/{attachment}/").status_code == 403
    # It cannot rate it (which would close it), by the portal or by the service
    assert (
        client.post(
            f"/core/cases/petitions.workorder/{order.pk}/actions/rate/", {"satisfaction": "satisfied"}
        ).status_code
        == 403
    )
    with pytest.raises(PermissionDenied):
        services.workorder_rate(actor=enterprise_user, order=order, satisfaction="satisfied", by_citizen=True)
    order.refresh_from_db()
    assert order.state == "replied"
    # Not on its enterprise's timeline, not in its to-do
    assert [
        e for e in timeline_for(user=enterprise_user, record=order.enterprise) if e.icon == "headset"
    ] == []
    assert todo_items(user=enterprise_user) == []
    # while the citizen who raised it reads and rates it,
    citizen = client_for("individual")
    assert citizen.get(f"/petitions/mine/{order.pk}/").status_code == 200
    assert citizen.get(f"/api/v1/workorders/{order.pk}").status_code == 200
    # and staff see it on the enterprise's timeline.
    staff_entries = timeline_for(user=office["staff"], record=order.enterprise)
    assert [e.url for e in staff_entries if e.icon == "headset"] == [order.get_absolute_url()]


def _api_ids(client: Any) -> list[int]:
    return [item["id"] for item in client.get("/api/v1/workorders").json()["items"]]


def order_attachment(order: WorkOrder) -> int:
    from hrbureau.core.models import CaseAttachment

    return CaseAttachment.objects.get(case_type="petitions.workorder", case_id=order.pk).pk


def test_an_enterprise_sees_what_it_raised_itself(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    client = client_for("enterprise")
    response = client.post(
        "/petitions/mine/new/",
        {
            "category": office["categories"]["help"].pk,
            "title": "招聘高级技工求助",
            "content": "希望协助对接技工院校。",
            "petitioner_name": "企业A1人事",
            "petitioner_phone": "13700137001",
        },
    )
    assert response.status_code == 302
    order = WorkOrder.objects.get(title="招聘高级技工求助")
    # It raised it: it is the filer, not the enterprise the matter is about
    assert order.filer_enterprise == world.enterprises["a1"]
    assert order.enterprise is None
    assert order.street == world.units["street-a"]
    assert client.get(f"/petitions/mine/{order.pk}/").status_code == 200
    assert _api_ids(client) == [order.pk]
    # Another enterprise's user does not see it.
    from hrbureau.tests.matrix import complained_about_user

    other = complained_about_user(world)
    assert not WorkOrder.objects.for_user(other).filter(pk=order.pk).exists()
    # Staff find it on the enterprise's timeline as well.
    entries = timeline_for(user=office["staff"], record=world.enterprises["a1"])
    assert order.get_absolute_url() in [e.url for e in entries]


def test_the_enterprises_earlier_filings_are_moved_to_the_filer(world: Any, office: dict[str, Any]) -> None:
    """The data migration: an order an enterprise account filed, stored the old way with the enterprise as
    the one concerned, becomes the enterprise's own filing."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "hrbureau.petitions.migrations.0004_enterprise_filings_are_the_filers"
    )
    own = make_order(
        actor=world.users["enterprise"],
        category=office["categories"]["help"],
        enterprise=world.enterprises["a1"],
    )
    about = make_order(
        actor=office["staff"], category=office["categories"]["wages"], enterprise=world.enterprises["a1"]
    )
    migration.forward(apps, None)
    own.refresh_from_db()
    about.refresh_from_db()
    assert (own.filer_enterprise, own.enterprise) == (world.enterprises["a1"], None)
    assert (about.filer_enterprise, about.enterprise) == (None, world.enterprises["a1"])
    migration.backward(apps, None)
    own.refresh_from_db()
    assert (own.filer_enterprise, own.enterprise) == (None, world.enterprises["a1"])


def test_the_enterprise_that_filed_is_told_and_the_one_complained_about_is_not(
    world: Any, office: dict[str, Any], client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from hrbureau.core.notifications import inbox_for

    # Given a request for help filed by enterprise A1 on its portal, and a complaint about A1 by a citizen
    client = client_for("enterprise")
    client.post(
        "/petitions/mine/new/",
        {
            "category": office["categories"]["help"].pk,
            "title": "招聘高级技工求助",
            "content": "希望协助对接技工院校。",
            "petitioner_name": "企业A1人事",
            "petitioner_phone": "13700137001",
        },
    )
    own = WorkOrder.objects.get(title="招聘高级技工求助")
    with django_capture_on_commit_callbacks(execute=True):
        complaint = _complaint_about(world, office)
        # When both are answered
        services.workorder_dispatch(actor=office["staff"], order=own, unit=world.units["street-a"])
        services.workorder_sign(actor=world.users["street_staff"], order=own)
        services.workorder_reply(actor=world.users["street_staff"], order=own, reply="已联系技工院校。")
    # Then the enterprise's account finds the answer to its own request in its inbox, opening its page,
    enterprise_user = world.users["enterprise"]
    notices = list(inbox_for(enterprise_user))
    assert [(n.case_type, n.case_id) for n in notices] == [("petitions.workorder", own.pk)]
    opened = client.get(f"/core/inbox/{notices[0].pk}/open/")
    assert opened["Location"] == f"/petitions/mine/{own.pk}/"
    assert client.get(opened["Location"]).status_code == 200
    # and nothing of the complaint about it; the citizen who complained is told of that one.
    assert complaint.pk not in [n.case_id for n in notices]
    citizen_cases = [n.case_id for n in inbox_for(world.users["individual"])]
    assert complaint.pk in citizen_cases
