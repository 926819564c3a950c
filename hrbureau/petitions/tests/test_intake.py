"""Intake from every channel: the API (idempotent), the portal, the public follow-up, the xlsx import,
and the time limit each order starts with (DOMAIN.md §3)."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.accounts import services as account_services
from hrbureau.core import clocks
from hrbureau.core.exports import write_xlsx
from hrbureau.petitions.models import TimeLimit, WorkOrder
from hrbureau.petitions.tests.factories import make_order

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "day", "due"),
    [
        ("enquiry", dt.date(2026, 9, 30), dt.date(2026, 10, 9)),  # 2 working days across National Day
        (
            "help",
            dt.date(2026, 2, 13),
            dt.date(2026, 3, 5),
        ),  # 10 working days; make-up Sat 14 and 28 Feb count
        ("wages", dt.date(2026, 3, 2), dt.date(2026, 3, 23)),  # complaint: 15 working days
        ("report", dt.date(2026, 3, 2), dt.date(2026, 3, 23)),  # report: 15 working days
    ],
)
def test_12345_limits_by_kind_in_working_days(
    world: Any, office: dict[str, Any], category: str, day: dt.date, due: dt.date
) -> None:
    order = make_order(category=office["categories"][category], day=day)
    assert order.track == "hotline"
    assert order.due_on == due


def test_petition_acceptance_limit_is_15_calendar_days(world: Any, office: dict[str, Any]) -> None:
    # 2026-09-16 + 15 = 2026-10-01, in the National Day holiday → 2026-10-08 (DOMAIN.md §1 example)
    order = make_order(category=office["categories"]["wages"], channel="visit", day=dt.date(2026, 9, 16))
    assert order.track == "petition"
    assert clocks.clock_of(order, "acceptance").due_on == dt.date(2026, 10, 8)


def test_a_changed_limit_applies_from_its_date_only(world: Any, office: dict[str, Any]) -> None:
    TimeLimit.objects.create(
        key="hotline.enquiry", days=1, day_kind="working", valid_from=dt.date(2026, 6, 1)
    )
    before = make_order(category=office["categories"]["enquiry"], day=dt.date(2026, 5, 29))
    after = make_order(category=office["categories"]["enquiry"], day=dt.date(2026, 6, 1))
    assert clocks.clock_of(before, "handling").period_days == 2
    assert clocks.clock_of(after, "handling").period_days == 1


def test_review_within_30_days_then_rereview_then_final(world: Any, office: dict[str, Any]) -> None:
    from hrbureau.core.workflow import TransitionError
    from hrbureau.petitions import services

    order = make_order(category=office["categories"]["wages"], channel="letter", person=world.people["a1"])
    services.workorder_accept(actor=office["staff"], order=order)
    services.workorder_dispatch(actor=office["staff"], order=order, unit=world.units["labour_relations"])
    services.workorder_sign(actor=world.users["dept_staff"], order=order)
    services.workorder_reply(actor=world.users["dept_staff"], order=order, reply="答复意见")
    services.workorder_rate(
        actor=world.users["individual"], order=order, satisfaction="basic", by_citizen=True
    )
    citizen = world.users["individual"]
    services.workorder_request_review(actor=citizen, order=order, reason="对答复不服", by_citizen=True)
    assert order.state == "review"
    assert clocks.clock_of(order, "review").period_days == 30
    services.workorder_answer_review(actor=office["head"], order=order, answer="维持原答复")
    services.workorder_request_review(actor=citizen, order=order, reason="请求复核", by_citizen=True)
    assert order.state == "rereview"
    services.workorder_answer_review(actor=office["head"], order=order, answer="复核维持")
    with pytest.raises(TransitionError):
        services.workorder_request_review(actor=citizen, order=order, reason="再次请求", by_citizen=True)


def test_api_intake_is_idempotent_on_the_external_number(
    world: Any, office: dict[str, Any], client: Any
) -> None:
    token = account_services.api_token_create(user=world.users["integration"])
    headers = {"Authorization": f"Bearer {token}"}
    body = {
        "external_no": "GD-2026-0001",
        "category": "wages",
        "title": "欠薪",
        "content": "内容",
        "petitioner_name": "王五",
        "petitioner_phone": "139 0013 9000",
        "street_id": world.units["street-b"].pk,
    }
    first = client.post("/api/v1/workorders", data=body, content_type="application/json", headers=headers)
    assert first.status_code == 201, first.content
    again = client.post("/api/v1/workorders", data=body, content_type="application/json", headers=headers)
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    assert WorkOrder.objects.filter(external_no="GD-2026-0001").count() == 1
    order = WorkOrder.objects.get()
    assert order.petitioner_phone == "13900139000"
    assert order.street == world.units["street-b"]
    bad = client.post(
        "/api/v1/workorders",
        data={**body, "external_no": "GD-2", "petitioner_phone": "12"},
        content_type="application/json",
        headers=headers,
    )
    assert bad.status_code == 422
    assert WorkOrder.objects.count() == 1


def test_portal_filing_and_public_follow_up(world: Any, office: dict[str, Any], client_for: Any) -> None:
    client = client_for("individual")
    response = client.post(
        "/petitions/mine/new/",
        {
            "category": office["categories"]["help"].pk,
            "title": "求职帮扶",
            "content": "希望推荐岗位",
            "petitioner_name": "居民A1",
            "petitioner_phone": "13700137000",
        },
    )
    assert response.status_code == 302
    order = WorkOrder.objects.get(title="求职帮扶")
    assert order.person == world.people["a1"]
    assert order.channel == "online"
    client.logout()
    found = client.get("/petitions/track/", {"number": order.number, "phone": "13700137000"})
    assert found.status_code == 200
    assert "求职帮扶" in found.content.decode()
    wrong = client.get("/petitions/track/", {"number": order.number, "phone": "13700137001"})
    assert "求职帮扶" not in wrong.content.decode()


def test_import_of_a_12345_export_with_dirty_rows(world: Any, office: dict[str, Any]) -> None:
    from hrbureau.core.imports import engine
    from hrbureau.core.imports.services import import_job_create
    from hrbureau.core.imports.spec import get_spec

    buffer = BytesIO()
    write_xlsx(
        buffer,
        columns=[
            "工单编号",
            "诉求分类",
            "工单标题",
            "诉求内容",
            "来电人",
            "联系电话",
            "所属街道",
            "受理时间",
        ],
        rows=[
            [
                "GD-1",
                "欠薪投诉",
                " 拖欠工资 ",
                "内容一",
                "甲",
                "138 0013 8000",
                "东湖街道",
                dt.date(2026, 3, 2),
            ],
            ["GD-2", "不存在的分类", "标题", "内容", "乙", "13800138001", "", dt.date(2026, 3, 2)],
            ["GD-3", "政策咨询", "标题", "内容", "丙", "123", "", dt.date(2026, 3, 2)],
            ["GD-1", "欠薪投诉", "重复", "内容", "甲", "13800138000", "", dt.date(2026, 3, 2)],
        ],
        text_columns={0, 5},
    )
    upload = SimpleUploadedFile("12345.xlsx", buffer.getvalue())
    job = import_job_create(actor=office["staff"], spec=get_spec("workorders"), upload=upload, mode="reject")
    engine.run(job.pk)
    job.refresh_from_db()
    assert (job.total_rows, job.created_count, job.updated_count, job.rejected_count) == (4, 1, 0, 3)
    order = WorkOrder.objects.get(external_no="GD-1")
    assert order.title == "拖欠工资"
    assert order.street == world.units["street-a"]
    assert order.due_on == dt.date(2026, 3, 23)


def test_intake_refuses_bad_input_and_writes_nothing(world: Any, office: dict[str, Any]) -> None:
    with pytest.raises(ValidationError) as error:
        make_order(category=office["categories"]["wages"], title=" ", petitioner_phone="abc")
    assert set(error.value.message_dict) >= {"title", "petitioner_phone"}
    assert WorkOrder.objects.count() == 0
