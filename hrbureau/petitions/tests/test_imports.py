"""The 12345 import's rules: an order is matched on its channel and its external number together (the
number is unique only within its channel, as the API's idempotency has it)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hrbureau.core.exports import write_xlsx
from hrbureau.core.imports import services
from hrbureau.core.imports.spec import get_spec
from hrbureau.core.models import ImportJob
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.tests.factories import make_order

HEADER = ["工单编号", "来源渠道", "诉求分类", "工单标题", "诉求内容", "来电人", "联系电话"]


def _import(office: dict[str, Any], rows: list[list[Any]], mode: str = "reject") -> ImportJob:
    buffer = BytesIO()
    write_xlsx(buffer, columns=HEADER, rows=rows, text_columns={0, 6})
    spec = get_spec("workorders")
    assert spec is not None
    job = services.import_job_create(
        actor=office["staff"],
        spec=spec,
        upload=SimpleUploadedFile("12345.xlsx", buffer.getvalue()),
        mode=mode,
    )
    return services.import_job_commit(actor=office["staff"], job=job)


def test_the_same_number_on_another_channel_is_another_order(world: Any, office: dict[str, Any]) -> None:
    wages = office["categories"]["wages"]
    letter = make_order(category=wages, channel="letter", external_no="GD-001", title="来信反映欠薪")
    job = _import(
        office,
        [
            ["GD-001", "12345热线", wages.name, "热线反映欠薪", "拖欠三个月工资", "李四", "13800000002"],
            ["GD-001", "来信", wages.name, "同一封来信", "重复", "张三", "13800000001"],
        ],
    )
    assert job.status == ImportJob.Status.DONE, job.message
    # The hotline's GD-001 is new; the letter's GD-001 is the order already received.
    assert (job.created_count, job.rejected_count) == (1, 1)
    assert WorkOrder.objects.filter(external_no="GD-001").count() == 2
    assert WorkOrder.objects.get(external_no="GD-001", channel="hotline").title == "热线反映欠薪"
    letter.refresh_from_db()
    assert letter.title == "来信反映欠薪"


def test_an_update_corrects_the_order_of_its_own_channel(world: Any, office: dict[str, Any]) -> None:
    wages = office["categories"]["wages"]
    letter = make_order(category=wages, channel="letter", external_no="GD-002", title="旧标题")
    hotline = make_order(category=wages, channel="hotline", external_no="GD-002", title="热线标题")
    job = _import(
        office,
        [["GD-002", "来信", wages.name, "更正后的标题", "内容", "张三", "13800000001"]],
        mode="update",
    )
    assert (job.created_count, job.updated_count) == (0, 1)
    letter.refresh_from_db()
    hotline.refresh_from_db()
    assert (letter.title, hotline.title) == ("更正后的标题", "热线标题")
