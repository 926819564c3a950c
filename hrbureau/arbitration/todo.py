"""Disputes in "my to-do" (``core.todo``): the disputes the user can act on. A dispute is an arbitrator's
own when they preside over it or sit on its tribunal (or it is assigned to them in person); the
institute's disputes assigned to nobody in person follow them, collective cases first in each part."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hrbureau.arbitration.models import Dispute
from hrbureau.arbitration.workflows import WORKFLOW
from hrbureau.core import todo


def mine(user: Any) -> Q:
    """Assigned to the user in person, or a tribunal the user presides over or sits on."""
    panels = Dispute.panel.through.objects.filter(user_id=user.pk).values("dispute_id")
    return Q(assigned_user_id=user.pk) | Q(arbitrator_id=user.pk) | Q(pk__in=panels)


SOURCE = todo.register(todo.case_source(WORKFLOW, mine=mine, title_fields=("number", "case_no")))
