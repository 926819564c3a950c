"""Grants made outside the platform, imported from a spreadsheet through the platform's import
(``core.imports``): one row per grant — the item's number, the enterprise's USCC, the period, the amount
and the day. A grant the enterprise already holds for the item and period (whatever the channel) is
refused: rejected as existing in the "reject" mode, and in the "update" mode the whole import is refused
(a grant is never overwritten), nothing written."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core.forms import clean_amount
from hrbureau.core.identifiers import to_half_width
from hrbureau.core.imports.spec import BatchResult, Column, ImportSpec, register
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies import grants
from hrbureau.policies.choices import GrantChannel, GrantPeriod
from hrbureau.policies.models import Grant, PolicyItem


def _context(actor: Any) -> dict[str, Any]:
    return {"items": {}, "enterprises": {}}


def _clean(values: dict[str, Any], context: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    number = str(values.get("item") or "").strip()
    items = context["items"]
    if number not in items:
        items[number] = PolicyItem.objects.filter(number=number).first()
    item = items[number]
    if item is None:
        errors["item"] = [_("no such policy item")]
    uscc = to_half_width(str(values.get("uscc") or "")).strip().upper()
    enterprises = context["enterprises"]
    if uscc not in enterprises:
        enterprises[uscc] = Enterprise.objects.filter(uscc=uscc).values_list("pk", "street_id").first()
    enterprise = enterprises[uscc]
    if enterprise is None:
        errors["uscc"] = [_("no enterprise with this USCC")]
    amount = clean_amount(values.get("amount"), "amount", errors)
    granted_on = values.get("granted_on") or timezone.localdate()
    if errors:
        raise ValidationError(errors)
    period = str(values.get("period") or "").strip().removesuffix("年") or (
        GrantPeriod.ONCE.value if item.grant_period == GrantPeriod.ONCE else str(granted_on.year)
    )
    return {
        "item": item.number,
        "item_id": item.pk,
        "uscc": uscc,
        "enterprise_id": enterprise[0],
        "street_id": enterprise[1],
        "period": period,
        "amount": amount,
        "granted_on": granted_on,
    }


def _key(cleaned: dict[str, Any]) -> str:
    return f"{cleaned['item_id']}|{cleaned['enterprise_id']}|{cleaned['period']}"


def _existing(keys: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(keys), 300):
        condition = Q(pk__in=[])
        for key in keys[start : start + 300]:
            item_id, enterprise_id, period = key.split("|", 2)
            condition |= Q(item_id=int(item_id), enterprise_id=int(enterprise_id), period=period)
        for pk, item, enterprise, held in Grant.objects.filter(condition).values_list(
            "pk", "item_id", "enterprise_id", "period"
        ):
            found[f"{item}|{enterprise}|{held}"] = pk
    return found


def _write(
    actor: Any, creates: list[dict[str, Any]], updates: list[tuple[int, dict[str, Any]]], reference: str
) -> BatchResult:
    if updates:
        raise ValidationError(
            _("A grant is never overwritten: this enterprise already holds it for the period.")
        )
    grants.grants_write(
        [
            Grant(
                item_id=row["item_id"],
                enterprise_id=row["enterprise_id"],
                street_id=row["street_id"],
                period=row["period"],
                amount=row["amount"],
                granted_on=row["granted_on"],
                channel=GrantChannel.IMPORT,
            )
            for row in creates
        ]
    )
    return BatchResult(created=len(creates))


GRANT_IMPORT = ImportSpec(
    key="policy-grants",
    title=gettext_lazy("Policy grants"),
    permission="policies.manage_grant",
    columns=(
        Column(
            "item",
            gettext_lazy("Policy item number"),
            ("政策编号", "政策条目编号", "条目编号", "政策代码"),
            required=True,
        ),
        Column(
            "uscc",
            gettext_lazy("Unified social credit code"),
            ("统一社会信用代码", "社会信用代码", "信用代码", "企业代码"),
            required=True,
            kind="code",
        ),
        Column("period", gettext_lazy("Period"), ("兑现年度", "年度", "所属年度", "期次")),
        Column(
            "amount",
            gettext_lazy("Amount (yuan)"),
            ("金额", "兑现金额", "补贴金额", "拨付金额", "金额（元）"),
        ),
        Column("granted_on", gettext_lazy("Granted on"), ("兑现日期", "拨付日期", "发放日期"), kind="date"),
    ),
    key_column="uscc",
    clean=_clean,
    context=_context,
    existing=_existing,
    write=_write,
    list_url_name="policies:grants",
    row_key=_key,
)
register(GRANT_IMPORT)
