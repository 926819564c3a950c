"""The petitioner's pages on the portal: plain-language progress, their own name and phone on the form,
and only the files meant for them."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core.attachments import attachment_add
from hrbureau.petitions import services
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


def _in_english(client: Any) -> Any:
    client.cookies["hrbureau_language"] = "en"
    return client


def _bounced_and_answered(world: Any, office: dict[str, Any]) -> Any:
    order = make_order(
        actor=world.users["individual"],
        category=office["categories"]["wages"],
        person=world.people["a1"],
        channel="online",
    )
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    services.workorder_return(
        actor=world.users["street_staff"], order=order, reason="非本街道职责，应由劳动关系科办理"
    )
    return order


def test_the_petitioner_reads_plain_progress_not_the_routing_between_units(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    # Given an order a street returned as not theirs (an internal step, with an internal reason)
    order = _bounced_and_answered(world, office)
    client = _in_english(client_for("individual"))
    for url in (f"/petitions/mine/{order.pk}/", f"/petitions/track/?number={order.number}&phone=13800138000"):
        page = client.get(url).content.decode()
        # Then the petitioner sees it "being handled", not "returned (not ours)" nor the unit's reason
        assert "Being handled" in page
        assert "Return (not ours)" not in page
        assert "Returned" not in page
        assert "非本街道职责" not in page
        assert "street_staff" not in page  # no staff names
        assert "Sign for or return" not in page  # nor the unit's internal time limit
    assert "Being handled" in client.get("/petitions/mine/").content.decode()
    # While staff see every step as it was.
    staff_page = _in_english(client_for("street_staff")).get(f"/petitions/{order.pk}/").content.decode()
    assert "Return (not ours)" in staff_page
    assert "非本街道职责" in staff_page

    # When the department replies with a file and the office extends nothing: the answer is told
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["labour_relations"])
    services.workorder_sign(actor=world.users["dept_staff"], order=order)
    reply_file = SimpleUploadedFile("答复意见书.txt", "已责令企业支付".encode())
    services.workorder_reply(
        actor=world.users["dept_staff"], order=order, reply="已责令企业于一周内支付。", attachment=reply_file
    )
    page = _in_english(client_for("individual")).get(f"/petitions/mine/{order.pk}/").content.decode()
    assert "Answered" in page
    assert "答复意见书.txt" in page


def test_the_petitioner_opens_the_reply_file_but_not_the_units_own_papers(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    order = _bounced_and_answered(world, office)
    internal = attachment_add(
        case=order,
        upload=SimpleUploadedFile("内部请示.txt", "内部意见".encode()),
        actor=world.users["street_staff"],
    )
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["street-a"])
    services.workorder_sign(actor=world.users["street_staff"], order=order)
    event = services.workorder_reply(
        actor=world.users["street_staff"],
        order=order,
        reply="已处理。",
        attachment=SimpleUploadedFile("答复.txt", "答复".encode()),
    )
    from hrbureau.core.models import CaseAttachment

    reply = CaseAttachment.objects.get(event=event)
    client = _in_english(client_for("individual"))
    page = client.get(f"/petitions/mine/{order.pk}/").content.decode()
    assert "答复.txt" in page
    assert "内部请示.txt" not in page
    assert client.get(f"/core/attachments/{reply.pk}/").status_code == 200
    # The unit's own paper is refused (and audited), though its number is easy to guess.
    assert client.get(f"/core/attachments/{internal.pk}/").status_code == 403
    assert client_for("street_staff").get(f"/core/attachments/{internal.pk}/").status_code == 200


def test_the_filing_form_is_prefilled_from_the_person_record(
    world: Any, office: dict[str, Any], client_for: Any
) -> None:
    person = world.people["a1"]
    person.phone = "13712345678"
    person.save()
    user = world.users["individual"]
    assert user.full_name != person.name  # the account's display name is not the person's name
    form = client_for("individual").get("/petitions/mine/new/").context["form"]
    assert form["petitioner_name"].value() == person.name
    assert form["petitioner_phone"].value() == "13712345678"
