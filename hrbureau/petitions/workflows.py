"""The work-order workflow: every state and transition in one place (DOMAIN.md §3).

The effects registered here run inside the transition's transaction: they start, stop and restart
the clocks and route notices; after commit, the citizen is told by SMS.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from hrbureau.core import clocks
from hrbureau.core.notifications import notify
from hrbureau.core.workflow import TransitionContext, declare_workflow
from hrbureau.petitions import forms as F
from hrbureau.petitions.choices import Satisfaction, Track
from hrbureau.petitions.choices import TimeLimitKey as K
from hrbureau.petitions.choices import WorkOrderState as S
from hrbureau.petitions.models import WorkOrder
from hrbureau.petitions.rules import (
    CLOCK_ACCEPTANCE,
    CLOCK_HANDLING,
    CLOCK_REVIEW,
    CLOCK_SIGN,
    answer_awaiting_receipt,
    limit_in_force,
    rereview_window_open,
    review_window_open,
)

WORKFLOW = declare_workflow(
    WorkOrder,
    states=S,
    initial=S.REGISTERED,
    todo_states={
        S.REGISTERED,
        S.ACCEPTED,
        S.DISPATCHED,
        S.HANDLING,
        S.RETURNED,
        S.REPLIED,
        S.REVIEW,
        S.REREVIEW,
    },
    final_states={S.CLOSED, S.MERGED, S.REDIRECTED},
)


# --- guards: None when allowed, else the translated reason -------------------------------------------


def _own_unit(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    if actor is None or actor.org_unit_id is None or actor.org_unit_id != case.assigned_unit_id:
        return _("Only the unit the order is dispatched to can do this.")
    return None


def _petition_only(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    return None if case.track == Track.PETITION else _("Only petitions are accepted this way.")


def _ready_to_dispatch(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    if case.track == Track.PETITION and case.accepted_on is None:
        return _("Tell the petitioner the petition is accepted before dispatching it.")
    if case.bounces >= 2:
        return _("This order was returned twice: the petitions office must rule on the responsible unit.")
    return None


def _within_return_window(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    refusal = _own_unit(case, actor, data)
    if refusal:
        return refusal
    clock = clocks.clock_of(case, CLOCK_SIGN)
    if clock is not None and clock.due_on is not None and timezone.localdate() > clock.due_on:
        return _("The return window ended on %(due)s; the order must be handled.") % {"due": clock.due_on}
    return None


def _needs_ruling(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    return None if case.bounces >= 2 else _("A ruling is needed only after the order was returned twice.")


def _can_extend(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    if case.track != Track.PETITION:
        return _("Only a petition's handling period can be extended.")
    if case.extended:
        return _("A petition can be extended only once.")
    return None


def _review_open(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    return review_window_open(case, today=timezone.localdate())


def _rereview_open(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    return rereview_window_open(case, today=timezone.localdate())


def _answer_to_receive(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    if answer_awaiting_receipt(case) is None:
        return _("No written answer of this petition waits for its receipt to be recorded.")
    return None


def _repeat_of_final(case: WorkOrder, actor: Any, data: dict[str, Any]) -> str | None:
    refusal = _petition_only(case, actor, data)
    if refusal:
        return refusal
    if case.repeat_of_id is None:
        return _("This petition does not repeat a matter whose re-review was final.")
    return None


# --- transitions --------------------------------------------------------------------------------------

add = WORKFLOW.add
add(
    "accept",
    gettext_lazy("Accept (tell the petitioner)"),
    source={S.REGISTERED},
    target=S.ACCEPTED,
    permission="petitions.dispatch_workorder",
    guard=_petition_only,
)
add(
    "decline",
    gettext_lazy("Do not accept"),
    source={S.REGISTERED},
    target=S.CLOSED,
    permission="petitions.dispatch_workorder",
    guard=_petition_only,
    requires_reason=True,
    button="outline-danger",
)
add(
    "decline_repeat",
    gettext_lazy("Not accepted again: the re-review was final"),
    source={S.REGISTERED},
    target=S.CLOSED,
    permission="petitions.dispatch_workorder",
    guard=_repeat_of_final,
    requires_reason=True,
    form=F.RepeatDeclineForm,
)
add(
    "dispatch",
    gettext_lazy("Dispatch"),
    source={S.REGISTERED, S.ACCEPTED, S.RETURNED},
    target=S.DISPATCHED,
    permission="petitions.dispatch_workorder",
    guard=_ready_to_dispatch,
    form=F.DispatchForm,
)
add(
    "rule",
    gettext_lazy("Rule on the responsible unit"),
    source={S.RETURNED},
    target=S.DISPATCHED,
    permission="petitions.rule_workorder",
    guard=_needs_ruling,
    requires_reason=True,
    form=F.DispatchForm,
)
add(
    "sign",
    gettext_lazy("Sign for it"),
    source={S.DISPATCHED},
    target=S.HANDLING,
    permission="petitions.handle_workorder",
    guard=_own_unit,
)
add(
    "return",
    gettext_lazy("Return (not ours)"),
    source={S.DISPATCHED},
    target=S.RETURNED,
    permission="petitions.handle_workorder",
    guard=_within_return_window,
    requires_reason=True,
    button="outline-danger",
)
add(
    "reply",
    gettext_lazy("Reply"),
    source={S.HANDLING},
    target=S.REPLIED,
    permission="petitions.handle_workorder",
    guard=_own_unit,
    form=F.ReplyForm,
)
add(
    "extend",
    gettext_lazy("Approve an extension"),
    source={S.HANDLING},
    target=S.HANDLING,
    permission="petitions.extend_workorder",
    guard=_can_extend,
    requires_reason=True,
    button="outline-primary",
    form=F.ExtendForm,
)
add(
    "visit",
    gettext_lazy("Record the return visit"),
    source={S.REPLIED},
    target=S.CLOSED,
    permission="petitions.visit_workorder",
    form=F.VisitForm,
)
add(
    "visit_rework",
    gettext_lazy("Return visit: dissatisfied, rework"),
    source={S.REPLIED},
    target=S.HANDLING,
    permission="petitions.visit_workorder",
    requires_reason=True,
    button="outline-danger",
    form=F.ReworkForm,
)
add(
    "rate",
    gettext_lazy("Rate the handling"),
    source={S.REPLIED},
    target=S.CLOSED,
    permission="petitions.rate_workorder",
    area="portal",
    form=F.VisitForm,
)
add(
    "rate_rework",
    gettext_lazy("Dissatisfied: ask for rework"),
    source={S.REPLIED},
    target=S.HANDLING,
    permission="petitions.rate_workorder",
    requires_reason=True,
    area="portal",
    button="outline-danger",
    form=F.ReworkForm,
)
add(
    "merge",
    gettext_lazy("Merge into another order"),
    source={S.REGISTERED, S.ACCEPTED, S.RETURNED},
    target=S.MERGED,
    permission="petitions.dispatch_workorder",
    requires_reason=True,
    button="outline-secondary",
    form=F.MergeForm,
)
add(
    "redirect",
    gettext_lazy("Redirect to arbitration or court"),
    source={S.REGISTERED, S.ACCEPTED, S.RETURNED},
    target=S.REDIRECTED,
    permission="petitions.dispatch_workorder",
    requires_reason=True,
    button="outline-secondary",
    form=F.RedirectForm,
)
# The petitioner received the written reply (or the review opinion): the review window runs from that day.
add(
    "record_receipt",
    gettext_lazy("Record when the petitioner received the answer"),
    source={S.REPLIED, S.CLOSED},
    target=None,
    permission="petitions.dispatch_workorder",
    guard=_answer_to_receive,
    button="outline-primary",
    form=F.ReceiptForm,
)
add(
    "sign_answer",
    gettext_lazy("Sign for the written answer"),
    source={S.REPLIED, S.CLOSED},
    target=None,
    permission="petitions.sign_answer",
    guard=_answer_to_receive,
    area="portal",
    button="outline-primary",
)
# A review may be asked for as soon as the reply is there, before the return visit closes the order.
add(
    "request_review",
    gettext_lazy("Request a review"),
    source={S.REPLIED, S.CLOSED},
    target=S.REVIEW,
    permission="petitions.review_workorder",
    guard=_review_open,
    requires_reason=True,
    area="portal",
)
add(
    "request_review_for",
    gettext_lazy("Register a review request"),
    source={S.REPLIED, S.CLOSED},
    target=S.REVIEW,
    permission="petitions.dispatch_workorder",
    guard=_review_open,
    requires_reason=True,
    button="outline-secondary",
)
add(
    "request_rereview",
    gettext_lazy("Request a re-review"),
    source={S.CLOSED},
    target=S.REREVIEW,
    permission="petitions.review_workorder",
    guard=_rereview_open,
    requires_reason=True,
    area="portal",
)
add(
    "request_rereview_for",
    gettext_lazy("Register a re-review request"),
    source={S.CLOSED},
    target=S.REREVIEW,
    permission="petitions.dispatch_workorder",
    guard=_rereview_open,
    requires_reason=True,
    button="outline-secondary",
)
add(
    "answer_review",
    gettext_lazy("Answer the review"),
    source={S.REVIEW},
    target=S.CLOSED,
    permission="petitions.answer_review",
    requires_reason=True,
    form=F.AnswerReviewForm,
)
add(
    "answer_rereview",
    gettext_lazy("Answer the re-review"),
    source={S.REREVIEW},
    target=S.CLOSED,
    permission="petitions.answer_review",
    requires_reason=True,
    form=F.AnswerReviewForm,
)


# What the one who raised it reads on the portal, in plain words: dispatching, returning and signing
# between units is one step, "being handled"; the unit's reasons for a return stay inside. Told with
# their reasons: a refusal, a redirection, an extension (信访工作条例: the reason is told), the answers
# to reviews, and their own rating and requests.
BEING_HANDLED = gettext_lazy("Being handled")
WORKFLOW.for_parties(
    states={
        S.REGISTERED: pgettext_lazy("plain state", "Received"),
        S.ACCEPTED: gettext_lazy("Accepted"),
        S.DISPATCHED: BEING_HANDLED,
        S.RETURNED: BEING_HANDLED,
        S.HANDLING: BEING_HANDLED,
        S.REPLIED: gettext_lazy("Answered"),
        S.MERGED: gettext_lazy("Handled together with the same matter raised earlier"),
        S.REDIRECTED: gettext_lazy("To be decided by arbitration or a court"),
    },
    told={
        "decline": gettext_lazy("Not accepted"),
        "redirect": None,
        "extend": gettext_lazy("The handling period is extended"),
        "reply": None,
        "rate_rework": gettext_lazy("You asked for it to be handled again"),
        "visit_rework": gettext_lazy("To be handled again after the return visit"),
        "request_review": None,
        "request_review_for": None,
        "request_rereview": None,
        "request_rereview_for": None,
        "answer_review": None,
        "answer_rereview": None,
    },
    clocks={CLOCK_ACCEPTANCE, CLOCK_HANDLING, CLOCK_REVIEW},
)


# --- effects -----------------------------------------------------------------------------------------


def _today() -> Any:
    return timezone.localdate()


@WORKFLOW.effect("accept")
def _accepted(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    clocks.clock_stop(case=order, name=CLOCK_ACCEPTANCE, on=_today(), actor=ctx.actor)
    limit = limit_in_force(K.PETITION_HANDLING, order.accepted_on or _today())
    clocks.clock_start(
        case=order,
        name=CLOCK_HANDLING,
        label=gettext_lazy("Handling"),
        days=limit.days,
        day_kind=limit.day_kind,
        on=order.accepted_on or _today(),
        unit=order.assigned_unit,
        actor=ctx.actor,
    )


@WORKFLOW.effect("decline", "decline_repeat", "merge", "redirect")
def _ended_without_handling(ctx: TransitionContext) -> None:
    for name in (CLOCK_ACCEPTANCE, CLOCK_HANDLING, CLOCK_SIGN):
        clocks.clock_stop(case=ctx.case, name=name, on=_today(), actor=ctx.actor)


@WORKFLOW.effect("dispatch", "rule")
def _dispatched(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    today = _today()
    if order.track == Track.PETITION:
        clocks.clock_stop(case=order, name=CLOCK_ACCEPTANCE, on=today, actor=ctx.actor)
    window = limit_in_force(K.RETURN, today)
    clocks.clock_start(
        case=order,
        name=CLOCK_SIGN,
        label=gettext_lazy("Sign for or return"),
        days=window.days,
        day_kind=window.day_kind,
        on=today,
        unit=order.assigned_unit,
        actor=ctx.actor,
    )
    clocks.clocks_reassign(case=order, unit=order.assigned_unit)
    notify(
        title=_("New work order for your unit: %(order)s") % {"order": order},
        url=order.get_absolute_url(),
        unit=order.assigned_unit,
        case=order,
    )


@WORKFLOW.effect("sign")
def _signed(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_SIGN, on=_today(), actor=ctx.actor)


@WORKFLOW.effect("return")
def _returned(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    clocks.clock_stop(case=order, name=CLOCK_SIGN, on=_today(), actor=ctx.actor)
    clocks.clocks_reassign(case=order, unit=order.assigned_unit)
    notify(
        title=_("Work order returned: %(order)s") % {"order": order},
        body=ctx.reason,
        url=order.get_absolute_url(),
        unit=order.assigned_unit,
        case=order,
    )


@WORKFLOW.effect("extend")
def _extended(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    days = int(ctx.data["days"])
    clocks.clock_extend(
        case=order, name=CLOCK_HANDLING, days=days, on=_today(), reason=ctx.reason, actor=ctx.actor
    )


@WORKFLOW.on_commit("extend")
def _tell_extension(ctx: TransitionContext) -> None:
    # 信访工作条例: the reason for an extension is told to the petitioner.
    order: WorkOrder = ctx.case
    _tell_petitioner(
        order,
        _("Your petition %(number)s was extended by %(days)s days: %(reason)s")
        % {"number": order.number, "days": ctx.data["days"], "reason": ctx.reason},
    )


@WORKFLOW.effect("reply")
def _replied(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_HANDLING, on=_today(), actor=ctx.actor)


@WORKFLOW.on_commit("decline", "decline_repeat")
def _tell_not_accepted(ctx: TransitionContext) -> None:
    # 信访工作条例 Art.24: a petition not accepted is answered with the reason.
    order: WorkOrder = ctx.case
    _tell_petitioner(
        order,
        _("Your petition %(number)s is not accepted: %(reason)s")
        % {"number": order.number, "reason": ctx.reason},
    )


@WORKFLOW.on_commit("reply", "answer_review", "answer_rereview", "redirect")
def _tell_reply(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    _tell_petitioner(
        order,
        _("Your matter %(number)s has an answer. Follow it on the portal with its number and your phone.")
        % {"number": order.number},
    )


@WORKFLOW.effect("visit_rework", "rate_rework")
def _rework(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    # A dissatisfied rating sends the order back to the unit with a fresh handling period.
    clocks.clock_restart(case=order, name=CLOCK_HANDLING, on=_today(), reason=ctx.reason, actor=ctx.actor)
    clocks.clocks_reassign(case=order, unit=order.assigned_unit)
    notify(
        title=_("Rework requested: %(order)s") % {"order": order},
        body=ctx.reason,
        url=order.get_absolute_url(),
        unit=order.assigned_unit,
        case=order,
    )


@WORKFLOW.effect("request_review", "request_review_for", "request_rereview", "request_rereview_for")
def _review_requested(ctx: TransitionContext) -> None:
    order: WorkOrder = ctx.case
    key = K.REVIEW_ANSWER if ctx.transition.target == S.REVIEW else K.REREVIEW_ANSWER
    limit = limit_in_force(key, _today())
    clocks.clock_start(
        case=order,
        name=CLOCK_REVIEW,
        label=K(key).label,
        days=limit.days,
        day_kind=limit.day_kind,
        on=_today(),
        unit=order.assigned_unit,
        actor=ctx.actor,
    )


@WORKFLOW.effect("answer_review", "answer_rereview")
def _review_answered(ctx: TransitionContext) -> None:
    clocks.clock_stop(case=ctx.case, name=CLOCK_REVIEW, on=_today(), actor=ctx.actor)


def _tell_petitioner(order: WorkOrder, text: str) -> None:
    from django.db import transaction

    from hrbureau.accounts.selectors import portal_users_of

    # Whoever raised the matter: the citizen, or the enterprise that filed it on the portal (never the
    # enterprise it is about — 信访工作条例 keeps complaint material from the party complained about).
    with transaction.atomic():
        notify(
            title=text,
            url=order.get_absolute_url(),
            users=portal_users_of(person_id=order.person_id, enterprise_id=order.filer_enterprise_id),
            sms_to=[order.petitioner_phone],
            case=order,
        )


SATISFIED = {Satisfaction.SATISFIED, Satisfaction.BASIC}
