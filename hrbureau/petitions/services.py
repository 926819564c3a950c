"""Writes on work orders: intake from every channel and every step of the loop. Each step is one
function that goes through ``core.workflow.transition``; views, the API, the import and the tests call
these and nothing else."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.core import clocks
from hrbureau.core.identifiers import normalize_phone
from hrbureau.core.workflow import CaseEvent, create_case, transition
from hrbureau.petitions import rules
from hrbureau.petitions.choices import PETITION_CHANNELS, Channel, RedirectTarget, Satisfaction, Track
from hrbureau.petitions.choices import TimeLimitKey as K
from hrbureau.petitions.models import Category, WorkOrder
from hrbureau.petitions.workflows import WORKFLOW

INTAKE_FIELDS = (
    "channel",
    "category",
    "title",
    "content",
    "petitioner_name",
    "petitioner_phone",
    "person",
    "filer_enterprise",
    "enterprise",
    "street",
    "external_no",
    "received_at",
    "track",
)


def _office() -> Any:
    from hrbureau.accounts.choices import Department, OrgUnitKind
    from hrbureau.accounts.models import OrgUnit

    office = OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT, code=Department.PETITIONS).first()
    if office is None:
        raise ValidationError(_("The petitions office is not set up in the organisation tree."))
    return office


def clean_intake(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(INTAKE_FIELDS)
    if unknown:
        raise ValueError(f"unknown work-order fields: {sorted(unknown)}")
    cleaned = dict(data)
    errors: dict[str, list[str]] = {}
    for key in ("title", "content", "petitioner_name"):
        cleaned[key] = (
            " ".join(str(cleaned.get(key) or "").split())
            if key != "content"
            else str(cleaned.get(key) or "").strip()
        )
        if not cleaned[key]:
            errors.setdefault(key, []).append(_("This field is required."))
    if len(cleaned.get("title", "")) > 200:
        errors.setdefault("title", []).append(_("At most 200 characters."))
    try:
        cleaned["petitioner_phone"] = normalize_phone(str(cleaned.get("petitioner_phone") or ""))
    except ValidationError as error:
        errors.setdefault("petitioner_phone", []).extend(error.messages)
    if cleaned.get("channel") not in Channel.values:
        errors.setdefault("channel", []).append(_("Choose a channel."))
    category = cleaned.get("category")
    if not isinstance(category, Category) or not category.active:
        errors.setdefault("category", []).append(_("Choose an active category."))
    cleaned["external_no"] = str(cleaned.get("external_no") or "").strip()
    received = cleaned.get("received_at") or timezone.now()
    if timezone.is_naive(received):
        received = timezone.make_aware(received)
    if received > timezone.now() + dt.timedelta(minutes=5):
        errors.setdefault("received_at", []).append(_("The receipt time cannot be in the future."))
    cleaned["received_at"] = received
    if not cleaned.get("track"):
        cleaned["track"] = Track.PETITION if cleaned.get("channel") in PETITION_CHANNELS else Track.HOTLINE
    if errors:
        raise ValidationError(errors)
    if cleaned.get("street") is None:
        for record in (cleaned.get("enterprise"), cleaned.get("filer_enterprise"), cleaned.get("person")):
            if record is not None and getattr(record, "street_id", None):
                cleaned["street"] = record.street
                break
    return cleaned


def workorder_create(*, actor: Any, data: dict[str, Any]) -> WorkOrder:
    """Register a work order from any channel; it waits for the petitions office, its first clock
    running (the 12345 handling limit from receipt, or the petition acceptance limit)."""
    cleaned = clean_intake(data)
    office = _office()
    with transaction.atomic():
        order = WorkOrder(
            **cleaned,
            assigned_unit=office,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        create_case(order, actor=actor, data={"channel": order.channel})
        order.number = f"{order.received_at:%Y%m%d}{order.pk:07d}"
        if order.track == Track.PETITION:
            # The same matter after a final re-review is recognised however late it comes back.
            order.repeat_of = rules.final_rereview_of(order)
        WorkOrder.objects.filter(pk=order.pk).update(number=order.number, repeat_of=order.repeat_of)
        name, limit = rules.first_limit(order)
        label = gettext_lazy("Acceptance") if name == rules.CLOCK_ACCEPTANCE else gettext_lazy("Handling")
        clocks.clock_start(
            case=order,
            name=name,
            label=label,
            days=limit.days,
            day_kind=limit.day_kind,
            on=order.received_at.date(),
            unit=office,
            actor=actor,
        )
    return order


def workorder_receive(*, actor: Any, data: dict[str, Any]) -> tuple[WorkOrder, bool]:
    """Intake from the city platform: idempotent on (channel, external order number). Returns the order
    and whether it was created now (False: the same order was sent before; nothing changes)."""
    external_no = str(data.get("external_no") or "").strip()
    if not external_no:
        raise ValidationError({"external_no": [_("The external order number is required.")]})
    channel = data.get("channel") or Channel.HOTLINE
    existing = WorkOrder.objects.filter(channel=channel, external_no=external_no).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return workorder_create(
                actor=actor, data={**data, "channel": channel, "external_no": external_no}
            ), True
    except IntegrityError:
        # Two deliveries of the same order at once: the other one won; this one is the resend.
        existing = WorkOrder.objects.filter(channel=channel, external_no=external_no).first()
        if existing is None:
            raise
        return existing, False


@WORKFLOW.performs("accept", case="order")
def workorder_accept(*, actor: Any, order: WorkOrder) -> CaseEvent:
    return transition(order, "accept", actor=actor, fields={"accepted_on": timezone.localdate()})


@WORKFLOW.performs("decline", case="order")
def workorder_decline(*, actor: Any, order: WorkOrder, reason: str) -> CaseEvent:
    return transition(
        order,
        "decline",
        actor=actor,
        reason=reason,
        fields={"closed_at": timezone.now(), "assigned_unit": None},
    )


@WORKFLOW.performs("decline_repeat", case="order")
def workorder_decline_repeat(*, actor: Any, order: WorkOrder, reason: str = "") -> CaseEvent:
    """Answer a petition that repeats a matter whose re-review was final: not accepted again, with the
    reason (by default the standard one naming the earlier petition)."""
    reason = (reason or "").strip()
    if not reason and order.repeat_of is not None:
        reason = rules.not_accepted_again_reason(order.repeat_of)
    return transition(
        order,
        "decline_repeat",
        actor=actor,
        reason=reason,
        data={"repeat_of": order.repeat_of.number if order.repeat_of else ""},
        fields={"closed_at": timezone.now(), "assigned_unit": None},
    )


@WORKFLOW.performs("record_receipt", case="order", by_petitioner=False)
@WORKFLOW.performs("sign_answer", case="order", by_petitioner=True)
def workorder_record_receipt(
    *, actor: Any, order: WorkOrder, on: dt.date | None = None, by_petitioner: bool
) -> CaseEvent:
    """Record the day the petitioner received the written answer (the reply, or the review opinion): the
    petitioner signing for it on the portal (today), or staff entering the date of service."""
    name = "sign_answer" if by_petitioner else "record_receipt"
    answer = rules.answer_awaiting_receipt(order)
    if answer is None:
        return transition(order, name, actor=actor)  # refused, with the reason
    today = timezone.localdate()
    on = today if by_petitioner or on is None else on
    sent = order.replied_at if answer == "reply" else order.closed_at
    if on > today:
        raise ValidationError({"on": [_("The day of receipt cannot be in the future.")]})
    if sent is not None and on < timezone.localtime(sent).date():
        raise ValidationError({"on": [_("The answer cannot be received before it was sent.")]})
    field = "review_received_on" if answer == "review" else "reply_received_on"
    return transition(
        order,
        name,
        actor=actor,
        data={"answer": answer, "on": on},
        fields={field: on},
    )


@WORKFLOW.performs("dispatch", case="order")
@WORKFLOW.performs("rule", case="order", ruling=True)
def workorder_dispatch(
    *, actor: Any, order: WorkOrder, unit: Any, reason: str = "", ruling: bool = False
) -> CaseEvent:
    from hrbureau.accounts.choices import OrgUnitKind

    if unit is None or unit.kind not in (OrgUnitKind.DEPARTMENT, OrgUnitKind.STREET) or not unit.is_active:
        raise ValidationError({"unit": [_("Dispatch to a department or a street.")]})
    fields: dict[str, Any] = {"assigned_unit": unit, "handling_unit": unit, "assigned_user": None}
    if unit.kind == OrgUnitKind.STREET:
        fields["street"] = unit
    if ruling:
        # The ruling settles the bouncing: the unit named must handle it.
        fields["bounces"] = 0
    return transition(
        order,
        "rule" if ruling else "dispatch",
        actor=actor,
        reason=reason,
        data={"unit": unit.pk, "unit_name": unit.name},
        fields=fields,
    )


@WORKFLOW.performs("sign", case="order")
def workorder_sign(*, actor: Any, order: WorkOrder) -> CaseEvent:
    return transition(order, "sign", actor=actor, fields={"assigned_user": actor})


@WORKFLOW.performs("return", case="order")
def workorder_return(*, actor: Any, order: WorkOrder, reason: str) -> CaseEvent:
    return transition(
        order,
        "return",
        actor=actor,
        reason=reason,
        fields={"assigned_unit": _office(), "assigned_user": None, "bounces": order.bounces + 1},
    )


@WORKFLOW.performs("reply", case="order")
def workorder_reply(*, actor: Any, order: WorkOrder, reply: str, attachment: Any = None) -> CaseEvent:
    reply = (reply or "").strip()
    if not reply:
        raise ValidationError({"reply": [_("Write the reply.")]})
    clock = clocks.clock_of(order, rules.CLOCK_HANDLING)
    today = timezone.localdate()
    on_time = clock is None or clock.due_on is None or today <= clock.due_on
    return transition(
        order,
        "reply",
        actor=actor,
        data={"on_time": on_time},
        attachment=attachment,
        fields={
            "reply": reply,
            "replied_at": timezone.now(),
            # A new reply (after rework) is received anew: the review window waits for its receipt.
            "reply_received_on": None,
            "replied_on_time": on_time,
            "assigned_unit": _office(),
            "assigned_user": None,
        },
    )


@WORKFLOW.performs("extend", case="order")
def workorder_extend(*, actor: Any, order: WorkOrder, days: int, reason: str) -> CaseEvent:
    longest = rules.limit_in_force(K.PETITION_EXTENSION, timezone.localdate()).days
    if not 1 <= days <= longest:
        raise ValidationError({"days": [_("An extension is 1 to %(max)d days.") % {"max": longest}]})
    return transition(
        order, "extend", actor=actor, reason=reason, data={"days": days}, fields={"extended": True}
    )


@WORKFLOW.performs("visit", case="order", by_citizen=False)
@WORKFLOW.performs("visit_rework", case="order", by_citizen=False, satisfaction=Satisfaction.DISSATISFIED)
@WORKFLOW.performs("rate", case="order", by_citizen=True)
@WORKFLOW.performs("rate_rework", case="order", by_citizen=True, satisfaction=Satisfaction.DISSATISFIED)
def workorder_rate(
    *, actor: Any, order: WorkOrder, satisfaction: str, reason: str = "", by_citizen: bool
) -> CaseEvent:
    """The citizen's rating (portal) or the return visit (staff); dissatisfied sends it back for rework."""
    if satisfaction not in Satisfaction.values:
        raise ValidationError({"satisfaction": [_("Choose satisfied, basically satisfied or dissatisfied.")]})
    fields: dict[str, Any]
    if satisfaction == Satisfaction.DISSATISFIED:
        name = "rate_rework" if by_citizen else "visit_rework"
        fields = {
            "satisfaction": satisfaction,
            "assigned_unit": order.handling_unit,
            "rework_count": order.rework_count + 1,
        }
    else:
        name = "rate" if by_citizen else "visit"
        fields = {
            "satisfaction": satisfaction,
            "closed_at": timezone.now(),
            "assigned_unit": None,
            "assigned_user": None,
        }
    return transition(
        order, name, actor=actor, reason=reason, data={"satisfaction": satisfaction}, fields=fields
    )


@WORKFLOW.performs("merge", case="order")
def workorder_merge(*, actor: Any, order: WorkOrder, into: WorkOrder, reason: str) -> CaseEvent:
    if into.pk == order.pk or into.merged_into_id is not None:
        raise ValidationError({"into": [_("Merge into a different order that is not itself merged.")]})
    return transition(
        order,
        "merge",
        actor=actor,
        reason=reason,
        data={"into": into.number},
        fields={"merged_into": into, "closed_at": timezone.now(), "assigned_unit": None},
    )


@WORKFLOW.performs("redirect", case="order")
def workorder_redirect(*, actor: Any, order: WorkOrder, target: str, reason: str) -> CaseEvent:
    if target not in RedirectTarget.values:
        raise ValidationError({"target": [_("Choose arbitration or court.")]})
    return transition(
        order,
        "redirect",
        actor=actor,
        reason=reason,
        data={"target": target},
        fields={"redirected_to": target, "closed_at": timezone.now(), "assigned_unit": None},
    )


@WORKFLOW.performs("request_review", "request_rereview", case="order", by_citizen=True)
@WORKFLOW.performs("request_review_for", "request_rereview_for", case="order", by_citizen=False)
def workorder_request_review(*, actor: Any, order: WorkOrder, reason: str, by_citizen: bool) -> CaseEvent:
    rereview = order.reviews >= 1
    name = ("request_rereview" if rereview else "request_review") + ("" if by_citizen else "_for")
    return transition(
        order,
        name,
        actor=actor,
        reason=reason,
        fields={"reviews": order.reviews + 1, "assigned_unit": _office()},
    )


@WORKFLOW.performs("answer_review", "answer_rereview", case="order")
def workorder_answer_review(*, actor: Any, order: WorkOrder, answer: str) -> CaseEvent:
    name = "answer_rereview" if order.state == "rereview" else "answer_review"
    return transition(
        order, name, actor=actor, reason=answer, fields={"closed_at": timezone.now(), "assigned_unit": None}
    )
