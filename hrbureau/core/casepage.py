"""What the case page shows, for any case type: the timeline of events, comments and attachments, the
deadline clocks, and the actions the reader may take (DESIGN.md mechanism 1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from hrbureau.core import calendar
from hrbureau.core import clocks as clocks_module
from hrbureau.core.models import CaseAttachment, CaseComment, CaseEvent, Clock
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
    """Context for ``core/_case_panel.html``. ``internal`` False hides staff comments (the portal)."""
    workflow = workflow_for(case)
    states = workflow.states
    events = list(CaseEvent.objects.filter(**_key(case)).order_by("created_at", "id"))
    attachments = list(CaseAttachment.objects.filter(**_key(case)).order_by("created_at", "id"))
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
    today = timezone.localdate()
    clocks = list(Clock.objects.filter(**_key(case)).order_by("id"))
    clock_rows = [
        {
            "clock": clock,
            "label": clocks_module.display_label(clock),
            "overdue": clock.running and clock.due_on is not None and clock.due_on < today,
            "estimate": clock.due_on is not None and calendar.uses_fallback(clock.started_on, clock.due_on),
        }
        for clock in clocks
    ]
    return {
        "case": case,
        "case_type": workflow.label,
        "state_label": states(case.state).label,
        "timeline": rows,
        "clocks": clock_rows,
        "actions": workflow.available(case, user, area=area),
    }
