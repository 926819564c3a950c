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


# --- Applications (快申快享) and no-application grant lists (免申即享) -----------------------------------
# An application is filed complete or asked for a supplement (which pauses the payout clock; the
# resubmission starts it afresh), reviewed at the item's levels — each level by another person, level 1
# by the department's staff, the levels above by its head —, then paid (the grant) or refused; the
# applicant may withdraw it before any decision. A grant list is generated from the data, its entries
# struck out where a reviewer finds cause, confirmed by a department head other than its generator (the
# grants), then announced.

from hrbureau.policies import application_forms as policy_forms  # noqa: E402
from hrbureau.policies.choices import ApplicationState, GrantListState  # noqa: E402
from hrbureau.policies.models import GrantList, PolicyApplication  # noqa: E402

AS = ApplicationState
APPLICATION_WORKFLOW = declare_workflow(
    PolicyApplication,
    states=ApplicationState,
    initial=AS.SUBMITTED,
    todo_states={AS.SUBMITTED, AS.IN_REVIEW, AS.APPROVED},
    final_states={AS.PAID, AS.REFUSED, AS.WITHDRAWN},
    slug="policy-applications",
)
PAYOUT_CLOCK = "payout"


def _level_guard(final: bool) -> Any:
    def guard(application: Any, actor: Any, data: dict[str, Any]) -> Any:
        from hrbureau.policies.applications import approval_refusal

        return approval_refusal(application, actor, final=final)

    return guard


def _not_decided(application: Any, actor: Any, data: dict[str, Any]) -> Any:
    if application.levels_approved:
        return _("A reviewer has already decided on a level; the application can no longer be withdrawn.")
    return None


APPLICATION_WORKFLOW.add(
    "start_review",
    _("Materials complete: start the review"),
    source={AS.SUBMITTED},
    target=AS.IN_REVIEW,
    permission="policies.review_application",
)
APPLICATION_WORKFLOW.add(
    "request_supplement",
    _("Ask for a supplement"),
    source={AS.SUBMITTED, AS.IN_REVIEW},
    target=AS.SUPPLEMENT,
    permission="policies.review_application",
    requires_reason=True,
    button="secondary",
    form=policy_forms.SupplementForm,
)
APPLICATION_WORKFLOW.add(
    "resubmit",
    _("Send the supplement"),
    source={AS.SUPPLEMENT},
    target=AS.SUBMITTED,
    permission="policies.apply",
    area="portal",
    form=policy_forms.ResubmitForm,
)
APPLICATION_WORKFLOW.add(
    "resubmit_at_counter",
    _("Record the supplement brought to the counter"),
    source={AS.SUPPLEMENT},
    target=AS.SUBMITTED,
    permission="policies.review_application",
    form=policy_forms.ResubmitForm,
)
APPLICATION_WORKFLOW.add(
    "approve_level",
    _("Approve this level"),
    source={AS.IN_REVIEW},
    target=None,
    permission="policies.review_application",
    guard=_level_guard(final=False),
    form=policy_forms.ApproveForm,
)
APPLICATION_WORKFLOW.add(
    "approve",
    _("Approve"),
    source={AS.IN_REVIEW},
    target=AS.APPROVED,
    permission="policies.review_application",
    guard=_level_guard(final=True),
    form=policy_forms.ApproveForm,
)
APPLICATION_WORKFLOW.add(
    "pay",
    _("Record the payout"),
    source={AS.APPROVED},
    target=AS.PAID,
    permission="policies.review_application",
    form=policy_forms.PayForm,
)
APPLICATION_WORKFLOW.add(
    "refuse",
    _("Refuse"),
    source={AS.SUBMITTED, AS.IN_REVIEW, AS.APPROVED},
    target=AS.REFUSED,
    permission="policies.review_application",
    requires_reason=True,
    button="danger",
)
APPLICATION_WORKFLOW.add(
    "withdraw",
    _("Withdraw the application"),
    source={AS.SUBMITTED, AS.SUPPLEMENT, AS.IN_REVIEW},
    target=AS.WITHDRAWN,
    permission="policies.apply",
    guard=_not_decided,
    requires_reason=True,
    area="portal",
    button="outline-danger",
)
APPLICATION_WORKFLOW.for_parties(
    states={
        AS.SUBMITTED: _("Received"),
        AS.SUPPLEMENT: _("Supplement needed"),
        AS.IN_REVIEW: _("Being reviewed"),
        AS.APPROVED: _("Approved, to be paid"),
        AS.PAID: _("Paid"),
        AS.REFUSED: _("Refused"),
        AS.WITHDRAWN: _("Withdrawn"),
    },
    told={
        "request_supplement": _("Supplement requested"),
        "resubmit": None,
        "resubmit_at_counter": None,
        "pay": _("Paid"),
        "refuse": _("Refused"),
        "withdraw": None,
    },
    clocks={PAYOUT_CLOCK},
)

GS = GrantListState
GRANTLIST_WORKFLOW = declare_workflow(
    GrantList,
    states=GrantListState,
    initial=GS.GENERATED,
    todo_states={GS.GENERATED, GS.CONFIRMED},
    final_states={GS.ANNOUNCED, GS.CANCELLED},
    slug="grant-lists",
)


def _other_than_generator(grant_list: Any, actor: Any, data: dict[str, Any]) -> Any:
    from hrbureau.policies.grants import generator_id

    if actor is not None and generator_id(grant_list) == actor.pk:
        return _("The list is confirmed by a person other than the one who generated it.")
    return None


GRANTLIST_WORKFLOW.add(
    "strike",
    _("Strike out an entry"),
    source={GS.GENERATED},
    target=None,
    permission="policies.manage_grant",
    button="secondary",
    form=policy_forms.StrikeForm,
)
GRANTLIST_WORKFLOW.add(
    "confirm",
    _("Confirm the list"),
    source={GS.GENERATED},
    target=GS.CONFIRMED,
    permission="policies.confirm_grant",
    guard=_other_than_generator,
)
GRANTLIST_WORKFLOW.add(
    "announce",
    _("Announce"),
    source={GS.CONFIRMED},
    target=GS.ANNOUNCED,
    permission="policies.confirm_grant",
    form=policy_forms.AnnounceForm,
)
GRANTLIST_WORKFLOW.add(
    "cancel",
    _("Cancel the list"),
    source={GS.GENERATED},
    target=GS.CANCELLED,
    permission="policies.manage_grant",
    requires_reason=True,
    button="danger",
)
