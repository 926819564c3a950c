"""Grants (兑现) and 免申即享 grant lists (DOMAIN.md §5).

One grant per enterprise (or person) per item per period, whatever the channel — an application's
payout, a confirmed grant list, an import: every channel writes through ``grant_record`` /
``grants_write``, which check first (a translated refusal) and leave the database's unique constraint as
the last word (two writers at once: the second is refused the same way, nothing half-written).

A grant list is generated from the data in one pass: the enterprises the item's eligibility matches
(``rules.matching``, one query), minus those granted the item this period or on another open list of it,
each with the item's amount (Decimal, to the fen), inserted in bulk; confirmed by a department head
other than its generator, which writes its grants in bulk; then announced, when each enterprise sees its
own grant on the portal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import counters, rules
from hrbureau.core.forms import clean_amount
from hrbureau.core.models import CaseEvent
from hrbureau.core.money import to_fen
from hrbureau.core.workflow import create_case, transition
from hrbureau.enterprises.models import Enterprise
from hrbureau.policies.choices import (
    Beneficiary,
    DeliveryKind,
    GrantChannel,
    GrantListState,
    GrantPeriod,
    ItemState,
)
from hrbureau.policies.models import Grant, GrantList, GrantListEntry, PolicyItem
from hrbureau.policies.rules import ENTERPRISE_SUBJECT
from hrbureau.policies.workflows import GRANTLIST_WORKFLOW

BATCH = 2000


def already_granted(*, item: PolicyItem, period: str, enterprise: Any = None, person: Any = None) -> bool:
    rows = Grant.objects.filter(item=item, period=period)
    if enterprise is not None:
        return rows.filter(enterprise=enterprise).exists()
    return rows.filter(person=person).exists()


def _twice() -> ValidationError:
    return ValidationError(
        _("This beneficiary has already been granted this policy for this period (one grant per period).")
    )


def grant_record(
    *,
    item: PolicyItem,
    period: str,
    amount: Decimal | None,
    granted_on: dt.date,
    channel: str,
    enterprise: Any = None,
    person: Any = None,
    street_id: int | None = None,
    application: Any = None,
    grant_list: Any = None,
) -> Grant:
    """Write one grant; a second of the same item and period for the beneficiary is refused."""
    if already_granted(item=item, period=period, enterprise=enterprise, person=person):
        raise _twice()
    try:
        with transaction.atomic():
            return Grant.objects.create(
                item=item,
                enterprise=enterprise,
                person=person,
                street_id=street_id,
                period=period,
                amount=None if amount is None else to_fen(amount),
                granted_on=granted_on,
                channel=channel,
                application=application,
                grant_list=grant_list,
            )
    except IntegrityError:  # written meanwhile by another channel
        raise _twice() from None


def grants_write(rows: list[Grant], *, checked: bool = False) -> None:
    """Write several grants of one channel at once, all or none: refused (nothing written) when any
    beneficiary already holds the item for the period or appears twice. ``checked``: the caller has
    already asked the database in one query (a grant list's entries); the constraint still guards."""
    seen: set[tuple[int, int | None, int | None, str]] = set()
    for row in rows:
        key = (row.item_id, row.enterprise_id, row.person_id, row.period)
        if key in seen:
            raise _twice()
        seen.add(key)
    for start in range(0, 0 if checked else len(rows), 500):
        part = rows[start : start + 500]
        q = Q(pk__in=[])
        for row in part:
            field = "enterprise_id" if row.enterprise_id is not None else "person_id"
            q |= Q(item_id=row.item_id, period=row.period, **{field: getattr(row, field)})
        if Grant.objects.filter(q).exists():
            raise _twice()
    try:
        with transaction.atomic():
            for start in range(0, len(rows), BATCH):
                Grant.objects.bulk_create(rows[start : start + BATCH])
    except IntegrityError:
        raise _twice() from None


# --- Import ------------------------------------------------------------------------------------------


def grant_import(*, actor: Any, rows: Iterable[dict[str, Any]]) -> int:
    """Grants made outside the platform (a department's earlier payouts), from rows of ``item`` (the
    item's number), ``uscc``, ``period`` (a year, or empty for the item's current period), ``amount`` and
    ``granted_on``. Every row is checked first; any error — an unknown item or enterprise, a bad
    amount, a grant the beneficiary already holds — refuses the whole import with each row's problem,
    and nothing is written. Returns the number of grants written."""
    rows = list(rows)
    errors: list[str] = []
    items = {
        i.number: i for i in PolicyItem.objects.filter(number__in={str(r.get("item", "")) for r in rows})
    }
    ucss = {str(r.get("uscc", "")).strip().upper() for r in rows}
    enterprises = {e.uscc: e for e in Enterprise.objects.filter(uscc__in=ucss)}
    grants: list[Grant] = []
    for number, row in enumerate(rows, start=1):
        problems: dict[str, list[str]] = {}
        item = items.get(str(row.get("item", "")))
        enterprise = enterprises.get(str(row.get("uscc", "")).strip().upper())
        amount = clean_amount(row.get("amount"), "amount", problems)
        given = row.get("granted_on") or timezone.localdate()
        granted_on: dt.date = timezone.localdate()
        if isinstance(given, dt.date):
            granted_on = given
        else:
            try:
                granted_on = dt.date.fromisoformat(str(given).strip())
            except ValueError:
                problems.setdefault("granted_on", []).append(_("not a date"))
        if item is None:
            problems.setdefault("item", []).append(_("no such policy item"))
        if enterprise is None:
            problems.setdefault("uscc", []).append(_("no enterprise with this USCC"))
        if problems:
            messages = "; ".join(m for ms in problems.values() for m in ms)
            errors.append(_("Row %(row)d: %(problems)s") % {"row": number, "problems": messages})
            continue
        if item is None or enterprise is None:  # reported just above
            continue
        period = str(row.get("period") or "").strip() or (
            GrantPeriod.ONCE.value if item.grant_period == GrantPeriod.ONCE else str(granted_on.year)
        )
        grants.append(
            Grant(
                item=item,
                enterprise=enterprise,
                street_id=enterprise.street_id,
                period=period,
                amount=amount,
                granted_on=granted_on,
                channel=GrantChannel.IMPORT,
            )
        )
    if errors:
        raise ValidationError(errors)
    grants_write(grants)
    return len(grants)


# --- Grant lists (免申即享) ------------------------------------------------------------------------------


def generator_id(grant_list: GrantList) -> int | None:
    """Who generated the list (its creation event's actor)."""
    return (
        CaseEvent.objects.filter(case_type="policies.grantlist", case_id=grant_list.pk, name="create")
        .values_list("actor_id", flat=True)
        .first()
    )


def grantlist_generate(
    *, actor: Any, item: PolicyItem, year: int | None = None, on: dt.date | None = None
) -> GrantList:
    """Generate the grant list of a published 免申即享 ``item`` for a period from the data, set-based."""
    on = on or timezone.localdate()
    if item.state != ItemState.PUBLISHED or item.kind != DeliveryKind.EXEMPT:
        raise ValidationError(_("A grant list is generated only for a published no-application policy."))
    if item.beneficiary != Beneficiary.ENTERPRISE:
        raise ValidationError(_("Grant lists are generated for enterprise policies."))
    period = GrantPeriod.ONCE.value if item.grant_period == GrantPeriod.ONCE else str(year or on.year)
    condition = rules.validate(ENTERPRISE_SUBJECT, item.eligibility or {"all": []})
    with transaction.atomic():
        # One list being prepared per item and period at a time (the item's row serialises generators).
        PolicyItem.objects.select_for_update().filter(pk=item.pk).first()
        if GrantList.objects.filter(item=item, period=period, state=GrantListState.GENERATED).exists():
            raise ValidationError(
                _("A list of this policy for this period is already waiting to be confirmed.")
            )
        granted = Grant.objects.filter(item=item, period=period, enterprise__isnull=False).values(
            "enterprise_id"
        )
        qualifying = (
            rules.matching(ENTERPRISE_SUBJECT, condition, Enterprise.objects.all())
            .exclude(pk__in=granted)
            .order_by("pk")
            .values_list("pk", "employees")
        )
        number = counters.next_value(f"grant-list-{on.year}")
        grant_list = GrantList(
            number=f"MS{on.year}{number:05d}",
            item=item,
            period=period,
            generated_on=on,
            assigned_unit=item.department,
        )
        create_case(grant_list, actor=actor, data={"period": period})
        total = Decimal("0.00")
        batch: list[GrantListEntry] = []
        for enterprise_id, employees in qualifying.iterator(chunk_size=BATCH):
            due = item.amount_for(employees=employees)
            amount = None if due is None else to_fen(due)
            total += amount or 0
            batch.append(GrantListEntry(grant_list=grant_list, enterprise_id=enterprise_id, amount=amount))
            if len(batch) >= BATCH:
                GrantListEntry.objects.bulk_create(batch)
                batch = []
        GrantListEntry.objects.bulk_create(batch)
        GrantList.objects.filter(pk=grant_list.pk).update(total_amount=total)
        grant_list.total_amount = total
    return grant_list


def _list_total(grant_list: GrantList) -> Decimal:
    total = grant_list.entries.filter(excluded=False).aggregate(total=Sum("amount"))["total"]
    return to_fen(total)


@GRANTLIST_WORKFLOW.performs("strike", case="grant_list")
def grantlist_strike(*, actor: Any, grant_list: GrantList, entry: GrantListEntry, reason: str) -> Any:
    """Strike an entry out of a list being reviewed, with the reason; the total follows."""
    if entry.grant_list_id != grant_list.pk or entry.excluded:
        raise ValidationError({"entry": [_("Choose an entry of this list that is not struck out.")]})
    if not (reason or "").strip():
        raise ValidationError({"reason": [_("Say why the entry is struck out.")]})
    with transaction.atomic():
        GrantListEntry.objects.filter(pk=entry.pk).update(excluded=True, exclude_reason=reason.strip()[:300])
        total = _list_total(grant_list)
        return transition(
            grant_list,
            "strike",
            actor=actor,
            reason=reason,
            data={"entry": entry.pk, "enterprise": entry.enterprise_id},
            fields={"total_amount": total},
        )


@GRANTLIST_WORKFLOW.performs("confirm", case="grant_list")
def grantlist_confirm(*, actor: Any, grant_list: GrantList, on: dt.date | None = None) -> Any:
    """Confirm the list: its entries not struck out become grants, in bulk; refused with nothing written
    when one of them was granted the item this period meanwhile (strike it out first)."""
    on = on or timezone.localdate()
    entries = grant_list.entries.filter(excluded=False)
    with transaction.atomic():
        clashes = entries.filter(
            enterprise_id__in=Grant.objects.filter(
                item_id=grant_list.item_id, period=grant_list.period
            ).values("enterprise_id")
        )
        clash_names = list(clashes.values_list("enterprise__name", flat=True)[:5])
        if clash_names:
            raise ValidationError(
                _("Already granted this period by another channel: %(names)s. Strike them out first.")
                % {"names": "、".join(clash_names)}
            )
        event = transition(grant_list, "confirm", actor=actor, data={"on": on}, fields={"confirmed_on": on})
        kept = entries.order_by("id").values_list("enterprise_id", "enterprise__street_id", "amount")
        grants_write(
            [
                Grant(
                    item_id=grant_list.item_id,
                    enterprise_id=enterprise_id,
                    street_id=street_id,
                    period=grant_list.period,
                    amount=amount,
                    granted_on=on,
                    channel=GrantChannel.EXEMPT_LIST,
                    grant_list=grant_list,
                )
                for enterprise_id, street_id, amount in kept.iterator(chunk_size=BATCH)
            ],
            checked=True,
        )
    return event


@GRANTLIST_WORKFLOW.performs("announce", case="grant_list")
def grantlist_announce(*, actor: Any, grant_list: GrantList, on: dt.date | None = None) -> Any:
    on = on or timezone.localdate()
    return transition(grant_list, "announce", actor=actor, data={"on": on}, fields={"announced_on": on})


@GRANTLIST_WORKFLOW.performs("cancel", case="grant_list")
def grantlist_cancel(*, actor: Any, grant_list: GrantList, reason: str) -> Any:
    return transition(grant_list, "cancel", actor=actor, reason=reason)


def visible_grants(user: Any) -> Any:
    """The grants ``user`` may see: staff in their scope; an enterprise or a person its own, those of a
    no-application list once the list is announced."""
    rows = Grant.objects.for_user(user)
    if getattr(user, "is_portal_role", False):
        rows = rows.filter(Q(grant_list__isnull=True) | Q(grant_list__announced_on__isnull=False))
    return rows
