"""Writes and reads of the policy library: documents, packages and items — a draft written and edited by
the department, reviewed and published by another person (maker ≠ checker), withdrawn with a reason and
expired by the nightly sweep when its validity ends — and the authoring preview: who qualifies now, a
sample of them, and each condition in plain language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import rules
from hrbureau.core.workflow import SYSTEM, create_case, transition
from hrbureau.policies.choices import Beneficiary, ItemState
from hrbureau.policies.item_forms import subject_of
from hrbureau.policies.models import PolicyDocument, PolicyItem, PolicyPackage
from hrbureau.policies.workflows import ITEM_WORKFLOW

EDITABLE = [
    "number",
    "title",
    "package",
    "document",
    "beneficiary",
    "kind",
    "department",
    "benefit",
    "amount_rule",
    "amount",
    "amount_cap",
    "grant_period",
    "approval_levels",
    "eligibility",
    "guide_materials",
    "guide_steps",
    "guide_where",
    "guide_contact",
    "valid_from",
    "valid_to",
]
SAMPLE_SIZE = 20


def _require(actor: Any, permission: str) -> None:
    if actor is None or not actor.has_perm(permission):
        raise PermissionDenied(permission)


def eligibility_of(item: PolicyItem) -> dict[str, Any]:
    """The item's condition, validated; an empty one holds for everyone."""
    return rules.validate(item.subject_key, item.eligibility or {"all": []})


def _checked(values: dict[str, Any]) -> dict[str, Any]:
    values = dict(values)
    subject_key = subject_of(values.get("beneficiary") or Beneficiary.ENTERPRISE)
    eligibility = values.get("eligibility") or {}
    if eligibility:
        try:
            values["eligibility"] = rules.validate(subject_key, eligibility)
        except ValidationError as error:
            raise ValidationError({"eligibility": error.messages}) from None
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        raise ValidationError({"valid_to": [_("The validity cannot end before it starts.")]})
    if not str(values.get("number") or "").strip():
        raise ValidationError({"number": [_("Give the item's number.")]})
    if not str(values.get("title") or "").strip():
        raise ValidationError({"title": [_("Give the item's title.")]})
    return values


def item_create(*, actor: Any, **values: Any) -> PolicyItem:
    """A new draft written by ``actor`` (who may then not review or publish it)."""
    _require(actor, "policies.manage_item")
    values = _checked(values)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise TypeError(f"unknown fields {sorted(unknown)}")
    item = PolicyItem(**values, edited_by=actor)
    try:
        with transaction.atomic():
            create_case(item, actor=actor, data={"number": item.number})
    except IntegrityError:
        raise ValidationError({"number": [_("This number is already used by another item.")]}) from None
    return item


def item_update(*, actor: Any, item: PolicyItem, **values: Any) -> PolicyItem:
    """A draft edited; its editor becomes the one who may not review or publish it."""
    _require(actor, "policies.manage_item")
    if item.state != ItemState.DRAFTED:
        raise ValidationError(_("Only a draft can be edited; send it back to the drafter first."))
    values = _checked(values)
    changed = (
        PolicyItem.objects.filter(pk=item.pk, version=item.version, state=ItemState.DRAFTED).update(
            **{k: v for k, v in values.items() if k in EDITABLE},
            edited_by=actor,
            updated_at=timezone.now(),
        )
        if values
        else 0
    )
    if changed != 1:
        raise ValidationError(_("This item was changed by someone else meanwhile. Reload it and try again."))
    item.refresh_from_db()
    return item


@ITEM_WORKFLOW.performs("review", case="item")
def item_review(*, actor: Any, item: PolicyItem, note: str = "") -> Any:
    return transition(item, "review", actor=actor, data={"note": note} if note else {})


@ITEM_WORKFLOW.performs("send_back", case="item")
def item_send_back(*, actor: Any, item: PolicyItem, reason: str) -> Any:
    return transition(item, "send_back", actor=actor, reason=reason)


@ITEM_WORKFLOW.performs("publish", case="item")
def item_publish(*, actor: Any, item: PolicyItem, on: dt.date | None = None) -> Any:
    on = on or timezone.localdate()
    return transition(item, "publish", actor=actor, data={"on": on}, fields={"published_on": on})


@ITEM_WORKFLOW.performs("withdraw", case="item")
def item_withdraw(*, actor: Any, item: PolicyItem, reason: str) -> Any:
    return transition(item, "withdraw", actor=actor, reason=reason)


@ITEM_WORKFLOW.performs("expire", case="item")
def item_expire(*, actor: Any, item: PolicyItem, on: dt.date | None = None) -> Any:
    return transition(item, "expire", actor=actor, data={"on": on or timezone.localdate()})


def expire_due(today: dt.date) -> str | None:
    """The sweep's job: published items whose validity ended before ``today`` expire, each through the
    workflow (one event each, by the platform)."""
    due = list(PolicyItem.objects.filter(state=ItemState.PUBLISHED, valid_to__lt=today).order_by("id"))
    for item in due:
        item_expire(actor=SYSTEM, item=item, on=today)
    return _("%(count)d policy items expired") % {"count": len(due)} if due else None


def document_create(*, actor: Any, **values: Any) -> PolicyDocument:
    _require(actor, "policies.manage_item")
    document = PolicyDocument(**values)
    document.full_clean()
    document.save()
    return document


def package_create(*, actor: Any, **values: Any) -> PolicyPackage:
    _require(actor, "policies.manage_item")
    package = PolicyPackage(**values)
    package.full_clean()
    package.save()
    return package


# --- reads ------------------------------------------------------------------------------------------


@dataclass
class Preview:
    """Who the item's eligibility finds now: how many, a sample, and the conditions in words."""

    subject_key: str
    count: int
    sample: list[Any]
    lines: list[dict[str, Any]]
    error: str = ""


def preview(item: PolicyItem, *, condition: dict[str, Any] | None = None, user: Any = None) -> Preview:
    """The authoring preview of ``item`` (or of ``condition`` for it, as the edit form holds it): among
    the enterprises or people ``user`` may see (all of them without a user)."""
    subject_key = item.subject_key
    model = rules.subject(subject_key).model
    rows = model._default_manager.for_user(user) if user is not None else None  # type: ignore[attr-defined]
    try:
        valid = rules.validate(
            subject_key, condition if condition is not None else item.eligibility or {"all": []}
        )
    except ValidationError as error:
        return Preview(subject_key, 0, [], [], error="; ".join(error.messages))
    matching = rules.matching(subject_key, valid, rows)
    return Preview(
        subject_key=subject_key,
        count=matching.count(),
        sample=list(matching.order_by("pk")[:SAMPLE_SIZE]),
        lines=rules.describe(subject_key, valid) if valid != {"all": []} else [],
    )


def published_items() -> Any:
    """What the public library shows: published items only, with their packages."""
    return PolicyItem.objects.filter(state=ItemState.PUBLISHED).select_related("package", "department")
