"""The yearly employer evaluation and its honest employer list as a workflow (DOMAIN.md §5): graded →
public notice → published. Every step — grading again, the notice, each objection and its decision, the
publication — is a version-checked transition with its event, so the case page shows who did what, and
who published the list."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hrbureau.compliance import forms as F
from hrbureau.compliance.choices import EvaluationState as S
from hrbureau.compliance.choices import ObjectionDecision
from hrbureau.compliance.models import Evaluation, Objection
from hrbureau.core.workflow import declare_workflow

WORKFLOW = declare_workflow(
    Evaluation,
    states=S,
    initial=S.DRAFT,
    final_states={S.PUBLISHED},
    slug="employer-evaluations",
)

PERMISSION = "compliance.evaluate_employers"


def publish_refusal(case: Evaluation, actor: Any, data: dict[str, Any]) -> str | None:
    """A list is published once its notice is over and every objection is decided."""
    if case.notice_to is None:
        return _("A list is published after its public notice.")
    if timezone.localdate() <= case.notice_to:
        return _("The notice runs until %(day)s.") % {"day": case.notice_to.isoformat()}
    pending = Objection.objects.filter(grade__evaluation=case, decision=ObjectionDecision.PENDING).count()
    if pending:
        return _("Decide the %(n)d pending objection(s) first.") % {"n": pending}
    return None


def _objection_pending(case: Evaluation, actor: Any, data: dict[str, Any]) -> str | None:
    if not Objection.objects.filter(grade__evaluation=case, decision=ObjectionDecision.PENDING).exists():
        return _("No objection waits for a decision.")
    return None


add = WORKFLOW.add
add(
    "notice",
    gettext_lazy("Put the list on public notice"),
    source={S.DRAFT},
    target=S.NOTICE,
    permission=PERMISSION,
    form=F.NoticeForm,
)
add(
    "regrade",
    gettext_lazy("Grade the year again"),
    source={S.DRAFT},
    target=None,
    permission=PERMISSION,
    button="outline-primary",
)
add(
    "object",
    gettext_lazy("Record an objection"),
    source={S.NOTICE},
    target=None,
    permission=PERMISSION,
    button="outline-primary",
    form=F.ObjectionForm,
)
add(
    "decide",
    gettext_lazy("Decide an objection"),
    source={S.NOTICE},
    target=None,
    permission=PERMISSION,
    guard=_objection_pending,
    form=F.DecideForm,
)
add(
    "publish",
    gettext_lazy("Publish the list"),
    source={S.NOTICE},
    target=S.PUBLISHED,
    permission=PERMISSION,
    guard=publish_refusal,
)
