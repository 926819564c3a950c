"""What the case page shows, for any case type: the timeline of events, comments and attachments, the
deadline clocks, and the actions the reader may take (DESIGN.md mechanism 1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import calendar
from hrbureau.core import clocks as clocks_module
from hrbureau.core.models import CaseAttachment, CaseComment, CaseEvent, Clock
from hrbureau.core.recent import recent_visit_record
from hrbureau.core.scoping import get_for_user_or_404
from hrbureau.core.tables import Column
from hrbureau.core.workflow import workflow_for


@dataclass(frozen=True)
class TimelineRow:
    at: dt.datetime
    kind: str  # "event" | "comment" | "attachment"
    title: str
    actor: str
    text: str = ""
    attachment: CaseAttachment | None = None


def _key(case: Any) -> dict[str, Any]:
    return {"case_type": case._meta.label_lower, "case_id": case.pk}


def case_panel(*, case: Any, user: Any, area: str = "workbench", internal: bool = True) -> dict[str, Any]:
    """Context for ``core/_case_panel.html``. ``internal`` False is a party's view on the portal: the
    plain-language progress the workflow declares for the parties (``Workflow.for_parties``), no staff
    comments or names, and only the files the party may open (``party_may_open``)."""
    workflow = workflow_for(case)
    states = workflow.states
    events = list(CaseEvent.objects.filter(**_key(case)).order_by("created_at", "id"))
    attachments = list(CaseAttachment.objects.filter(**_key(case)).order_by("created_at", "id"))
    if not internal:
        return _party_panel(case, user, workflow, events, attachments, area=area)
    by_event: dict[int, list[CaseAttachment]] = {}
    for attachment in attachments:
        if attachment.event_id is not None:
            by_event.setdefault(attachment.event_id, []).append(attachment)
    labels = {t.name: str(t.label) for t in workflow.transitions.values()}
    rows: list[TimelineRow] = []
    for event in events:
        title = labels.get(event.name, event.name)
        if event.name == "create":
            title = str(states(event.to_state).label)
        if event.name != "create" and event.from_state != event.to_state:
            title = f"{title} → {states(event.to_state).label}"
        on = (event.data or {}).get("on")
        if on and on != timezone.localtime(event.created_at).date().isoformat():
            # An act recorded on a later day than it happened (a clerk entering yesterday's acceptance).
            title = _("%(title)s (on %(day)s)") % {"title": title, "day": on}
        rows.append(
            TimelineRow(
                at=event.created_at, kind="event", title=title, actor=event.actor_name, text=event.reason
            )
        )
        for attachment in by_event.get(event.pk, []):
            rows.append(
                TimelineRow(
                    at=attachment.created_at,
                    kind="attachment",
                    title=attachment.original_name,
                    actor=event.actor_name,
                    attachment=attachment,
                )
            )
    for attachment in attachments:
        if attachment.event_id is None:
            rows.append(
                TimelineRow(
                    at=attachment.created_at,
                    kind="attachment",
                    title=attachment.original_name,
                    actor=str(attachment.uploaded_by or ""),
                    attachment=attachment,
                )
            )
    if internal:
        for comment in CaseComment.objects.filter(**_key(case)).select_related("author"):
            rows.append(
                TimelineRow(
                    at=comment.created_at,
                    kind="comment",
                    title="",
                    actor=str(comment.author),
                    text=comment.body,
                )
            )
    rows.sort(key=lambda row: row.at)
    return {
        "case": case,
        "case_type": workflow.label,
        "state_label": states(case.state).label,
        "timeline": rows,
        "clocks": _clock_rows(list(Clock.objects.filter(**_key(case)).order_by("id"))),
        **action_panel(case, user, area=area),
    }


def action_panel(case: Any, user: Any, *, area: str) -> dict[str, Any]:
    """The actions part of the case page (``core/_actions.html``)."""
    from hrbureau.core.actions import offers

    offered = offers(case, user, area=area)
    return {
        "actions": [offer.transition for offer in offered],
        "offers": offered,
        "primary_offers": [offer for offer in offered if offer.primary],
        "more_offers": [offer for offer in offered if not offer.primary],
    }


@dataclass(frozen=True)
class RecordActions:
    """A record inside a case (a hearing of a dispute) with the actions the reader may take on it, for
    ``core/_record_actions.html`` on its parent's case page."""

    record: Any
    case_type: str
    offers: list[Any]
    # The record's steps after its creation (who postponed a hearing, when and why), when asked for.
    steps: list[CaseEvent] = field(default_factory=list)

    @property
    def last_step(self) -> CaseEvent | None:
        return self.steps[-1] if self.steps else None


def record_actions(
    records: Iterable[Any], user: Any, *, area: str = "workbench", steps: bool = False
) -> list[RecordActions]:
    """The actions ``user`` may take on each of ``records`` — sub-records with a workflow of their own,
    shown on their parent's case page — in the records' order. The states, permissions and guards are
    read from the records as given (load what the guards read with them); ``steps`` adds each record's
    steps after its creation, all in one query."""
    from hrbureau.core.actions import offers

    records = list(records)
    by_record: dict[tuple[str, int], list[CaseEvent]] = {}
    if steps and records:
        labels = {workflow_for(record).label for record in records}
        events = (
            CaseEvent.objects.filter(case_type__in=labels, case_id__in=[r.pk for r in records])
            .exclude(name="create")
            .order_by("created_at", "id")
        )
        for event in events:
            by_record.setdefault((event.case_type, event.case_id), []).append(event)
    result = []
    for record in records:
        label = workflow_for(record).label
        result.append(
            RecordActions(
                record=record,
                case_type=label,
                offers=offers(record, user, area=area),
                steps=by_record.get((label, record.pk), []),
            )
        )
    return result


def _clock_rows(clocks: list[Clock]) -> list[dict[str, Any]]:
    today = timezone.localdate()
    return [
        {
            "clock": clock,
            "label": clocks_module.display_label(clock),
            "overdue": clock.running and clock.due_on is not None and clock.due_on < today,
            "estimate": clock.due_on is not None and calendar.uses_fallback(clock.started_on, clock.due_on),
        }
        for clock in clocks
    ]


def _party_panel(
    case: Any,
    user: Any,
    workflow: Any,
    events: list[CaseEvent],
    attachments: list[CaseAttachment],
    *,
    area: str,
) -> dict[str, Any]:
    """The case as a party follows it: a step whenever its plain state changes or something they are
    told of happens (with its reason and files); internal routing, staff names and comments left out."""
    from hrbureau.core.attachments import party_files

    view = workflow.parties_view
    told: dict[str, Any] = view.told if view is not None else {}
    shown = {
        a.pk
        for a in party_files(case, user, attachments, told_events={e.pk for e in events if e.name in told})
    }
    by_event: dict[int, list[CaseAttachment]] = {}
    for attachment in attachments:
        if attachment.event_id is not None and attachment.pk in shown:
            by_event.setdefault(attachment.event_id, []).append(attachment)
    rows: list[TimelineRow] = []
    last = ""
    for event in events:
        plain = workflow.party_state_label(event.to_state)
        if event.name in told or plain != last:
            title = str(told.get(event.name) or plain)
            rows.append(
                TimelineRow(
                    at=event.created_at,
                    kind="event",
                    title=title,
                    actor="",
                    text=event.reason if event.name in told else "",
                )
            )
        last = plain
        for attachment in by_event.get(event.pk, []):
            rows.append(
                TimelineRow(
                    at=attachment.created_at,
                    kind="attachment",
                    title=attachment.original_name,
                    actor="",
                    attachment=attachment,
                )
            )
    for attachment in attachments:
        if attachment.event_id is None and attachment.pk in shown:
            rows.append(
                TimelineRow(
                    at=attachment.created_at,
                    kind="attachment",
                    title=attachment.original_name,
                    actor="",
                    attachment=attachment,
                )
            )
    rows.sort(key=lambda row: row.at)
    clocks = [
        c for c in Clock.objects.filter(**_key(case)).order_by("id") if view is None or c.name in view.clocks
    ]
    return {
        "case": case,
        "case_type": workflow.label,
        "state_label": workflow.party_state_label(case.state),
        "timeline": rows,
        "clocks": _clock_rows(clocks),
        **action_panel(case, user, area=area),
        "party_view": True,
    }


@dataclass(frozen=True)
class CasePage:
    """A case type's page, declared (DESIGN.md mechanism 1): the case's model (a reader opens what their
    permission and scope allow: 403, audited, for a case outside them), what the summary shows (``fields``, the columns of ``core.tables`` read as "label: value"),
    and the heading; core gives the page — summary, time limits, actions, timeline, comments and files —
    through ``view``. A case type whose page needs more (a dispute's parties and claims) keeps its own
    view and template and includes ``core/_case_panel.html``; ``template`` may also extend
    ``core/case_page.html`` and fill its ``side`` block."""

    kind: Any  # what the case is called, above its heading ("Demand")
    permission: str
    model: type[Model]
    heading: Callable[[Any], Any]
    fields: Sequence[Column] = ()
    related: Sequence[str] = ()  # what the summary reads, loaded with the case (select_related)
    template: str = "core/case_page.html"

    def context(self, *, case: Any, user: Any) -> dict[str, Any]:
        return {
            "case_page": self,
            "summary": [(column.label, column.page_cell(case)) for column in self.fields],
            "heading": self.heading(case),
            **case_panel(case=case, user=user),
        }

    def view(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        from hrbureau.core.views import AREA_PERMISSIONS

        # The staff's page: a portal account holding the view permission (an enterprise, its own
        # records) follows its case on the portal's page, never here.
        if not any(request.user.has_perm(p) for p in AREA_PERMISSIONS["workbench"]):
            raise PermissionDenied("workbench")
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        rows = self.model._default_manager.select_related(*self.related)
        case = get_for_user_or_404(rows, request.user, pk=pk)
        recent_visit_record(user=request.user, target=case, label=str(case), url=request.path)
        return render(request, self.template, self.context(case=case, user=request.user))
