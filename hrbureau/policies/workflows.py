"""The policy line's workflows on the workflow core: a policy item's publication (drafted → reviewed →
published → expired / withdrawn). Publishing is a reviewed step: a second person reviews a draft, and
an item without its claim guide (办事指南) cannot be reviewed or published."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.workflow import declare_workflow
from hrbureau.policies import item_forms as F
from hrbureau.policies.choices import ItemState
from hrbureau.policies.models import PolicyItem

ITEM_WORKFLOW = declare_workflow(
    PolicyItem,
    states=ItemState,
    initial=ItemState.DRAFTED,
    todo_states={ItemState.DRAFTED, ItemState.REVIEWED},
    final_states={ItemState.EXPIRED, ItemState.WITHDRAWN},
    slug="policy-items",
)


def needs_guide(item: Any, actor: Any, data: dict[str, Any]) -> Any:
    if not item.has_guide:
        return _("The claim guide is not complete: materials, steps, where and contact are all needed.")
    return None


def not_the_drafter(item: Any, actor: Any) -> Any:
    if (
        actor is not None
        and item.edited_by_id is not None
        and item.edited_by_id == getattr(actor, "pk", None)
    ):
        return _("You wrote this draft: another person reviews and publishes it.")
    return None


def review_guard(item: Any, actor: Any, data: dict[str, Any]) -> Any:
    return not_the_drafter(item, actor) or needs_guide(item, actor, data)


ITEM_WORKFLOW.add(
    "review",
    _("Review"),
    source={ItemState.DRAFTED},
    target=ItemState.REVIEWED,
    permission="policies.review_item",
    guard=review_guard,
    form=F.ReviewForm,
)
ITEM_WORKFLOW.add(
    "send_back",
    _("Send back to the drafter"),
    source={ItemState.REVIEWED},
    target=ItemState.DRAFTED,
    permission="policies.review_item",
    requires_reason=True,
    button="secondary",
    form=F.SendBackForm,
)
ITEM_WORKFLOW.add(
    "publish",
    _("Publish"),
    source={ItemState.REVIEWED},
    target=ItemState.PUBLISHED,
    permission="policies.review_item",
    guard=review_guard,
    form=F.PublishForm,
)
ITEM_WORKFLOW.add(
    "withdraw",
    _("Withdraw"),
    source={ItemState.PUBLISHED},
    target=ItemState.WITHDRAWN,
    permission="policies.review_item",
    requires_reason=True,
    button="danger",
    form=F.WithdrawForm,
)
# Taken by the nightly sweep when the item's validity has ended, never by hand.
ITEM_WORKFLOW.add(
    "expire",
    _("Expire"),
    source={ItemState.PUBLISHED},
    target=ItemState.EXPIRED,
    permission=None,
    offered=False,
    form=F.ExpireForm,
)
