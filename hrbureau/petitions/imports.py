"""Import of a 12345 platform export through the generic import (DESIGN.md mechanism 5).

The channel and the external order number are the key (a number is unique only within its channel, as
the API's idempotency has it): an order received before is matched, and either rejected or — when the
upload says so — its title, content and caller details corrected (the clocks and steps of an order
already received are never restarted by an import)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.accounts.places import UnitIndex
from hrbureau.core.history import record_edit, snapshot
from hrbureau.core.imports import spec as imports
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec, spellings
from hrbureau.petitions import services
from hrbureau.petitions.choices import Channel
from hrbureau.petitions.models import Category, WorkOrder

CORRECTABLE = ("title", "content", "petitioner_name", "petitioner_phone")


class WorkOrderImportContext(UnitIndex):
    def __init__(self, actor: Any) -> None:
        super().__init__(actor)
        self.categories: dict[str, Category] = {}
        for category in Category.objects.filter(active=True):
            for label in (category.code, category.name):
                self.categories[label.strip().lower()] = category


def _clean(values: dict[str, Any], context: WorkOrderImportContext) -> dict[str, Any]:
    data = dict(values)
    errors: dict[str, list[str]] = {}
    category_name = str(data.pop("category", "") or "").strip()
    category = context.categories.get(category_name.lower())
    if category is None:
        errors["category"] = [_("Unknown category: %(name)s.") % {"name": category_name or "—"}]
    street_name = str(data.pop("street", "") or "").strip()
    street = None
    if street_name:
        try:
            street = context.place(street=street_name, community="", grid="")["street"]
        except ValidationError as error:
            errors.update(error.message_dict)
    received = data.pop("received_on", None)
    received_at = (
        timezone.make_aware(dt.datetime.combine(received, dt.time(9))) if received else timezone.now()
    )
    if errors:
        raise ValidationError(errors)
    cleaned = services.clean_intake(
        {
            "channel": data.get("channel") or Channel.HOTLINE,
            "category": category,
            "title": data.get("title"),
            "content": data.get("content"),
            "petitioner_name": data.get("petitioner_name"),
            "petitioner_phone": data.get("petitioner_phone"),
            "street": street,
            "external_no": data.get("external_no"),
            "received_at": received_at,
        }
    )
    if not cleaned["external_no"]:
        raise ValidationError({"external_no": [_("The external order number is required.")]})
    return cleaned


# A row's key: its channel and its number, joined by a character no number holds.
KEY_SEPARATOR = "\x1f"


def _key(cleaned: dict[str, Any]) -> str:
    return f"{cleaned['channel']}{KEY_SEPARATOR}{cleaned['external_no']}"


def _existing(keys: Sequence[str]) -> dict[str, int]:
    """{channel + number: id} of the orders already received under those keys."""
    wanted = {tuple(key.split(KEY_SEPARATOR, 1)) for key in keys}
    numbers = {number for _channel, number in wanted}
    found = WorkOrder.objects.filter(external_no__in=numbers).values_list("channel", "external_no", "pk")
    return {
        f"{channel}{KEY_SEPARATOR}{number}": pk
        for channel, number, pk in found
        if (channel, number) in wanted
    }


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    for data in creates:
        services.workorder_create(actor=actor, data=data)
    orders = WorkOrder.objects.in_bulk([pk for pk, _data in updates])
    for pk, data in updates:
        order = orders[pk]
        before = snapshot(order, CORRECTABLE)
        for field in CORRECTABLE:
            setattr(order, field, data[field])
        order.save(update_fields=[*CORRECTABLE, "updated_at"])
        record_edit(
            target=order,
            actor=actor,
            source="import",
            before=before,
            after=snapshot(order, CORRECTABLE),
            reference=reference,
        )
    return BatchResult(created=len(creates), updated=len(updates))


imports.register(
    ImportSpec(
        key="workorders",
        title=gettext_lazy("12345 work orders"),
        permission="petitions.import_workorder",
        columns=(
            Column(
                "external_no",
                gettext_lazy("External order number"),
                (
                    "工单编号",
                    "工单号",
                    "编号",
                    "12345工单编号",
                    "工单流水号",
                    "受理编号",
                    "事项编号",
                    "来电编号",
                    "诉求编号",
                    "order number",
                ),
                required=True,
                kind="code",
            ),
            Column(
                "channel",
                gettext_lazy("Channel"),
                ("来源渠道", "渠道", "来源", "诉求来源", "工单来源", "受理渠道", "来电渠道"),
                kind="choice",
                choices={
                    **spellings(Channel.choices),
                    **dict.fromkeys(
                        (
                            "12345",
                            "热线",
                            "12345热线",
                            "市民热线",
                            "政务服务便民热线",
                            "12345政务服务便民热线",
                            "电话",
                        ),
                        "hotline",
                    ),
                    **dict.fromkeys(("国家满意度调查", "满意度调查", "国家调查"), "national_survey"),
                    **dict.fromkeys(("来信", "信件", "信访来信"), "letter"),
                    **dict.fromkeys(("来访", "走访", "信访来访"), "visit"),
                    **dict.fromkeys(("网上", "网站", "网上信访", "微信", "小程序", "门户", "网络"), "online"),
                    **dict.fromkeys(("转办", "部门转办", "交办"), "transfer"),
                },
                options=tuple(Channel.choices),
            ),
            Column(
                "category",
                gettext_lazy("Category"),
                ("诉求分类", "分类", "事项分类", "业务分类", "诉求类型", "问题分类", "事项类型", "工单类型"),
                required=True,
            ),
            Column(
                "title",
                gettext_lazy("Title"),
                ("工单标题", "标题", "诉求标题", "事项标题", "主题"),
                required=True,
            ),
            Column(
                "content",
                gettext_lazy("Content"),
                ("诉求内容", "内容", "来电内容", "工单内容", "问题描述", "诉求描述", "反映内容", "事项内容"),
                required=True,
            ),
            Column(
                "petitioner_name",
                gettext_lazy("Name"),
                ("来电人", "诉求人", "姓名", "来电人姓名", "反映人", "诉求人姓名", "市民姓名"),
                required=True,
            ),
            Column(
                "petitioner_phone",
                gettext_lazy("Phone"),
                (
                    "联系电话",
                    "来电号码",
                    "电话",
                    "手机号码",
                    "联系方式",
                    "来电人电话",
                    "诉求人电话",
                    "回复电话",
                ),
                required=True,
                kind="code",
            ),
            Column(
                "street",
                gettext_lazy("Street"),
                ("所属街道", "街道", "属地", "所属镇街", "事发街道", "发生地街道"),
            ),
            Column(
                "received_on",
                gettext_lazy("Received"),
                ("受理时间", "来电时间", "登记时间", "受理日期", "来电日期", "诉求时间", "接收时间"),
                kind="date",
            ),
        ),
        key_column="external_no",
        row_key=_key,
        clean=_clean,
        context=WorkOrderImportContext,
        existing=_existing,
        write=_write,
        list_url_name="petitions:list",
    )
)
