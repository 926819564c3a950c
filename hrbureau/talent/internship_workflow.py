"""The internship's workflow on the core (registered → approved → ended, or refused / withdrawn). An
intern found not eligible at registration is refused at once with the reason; approval re-checks
eligibility and opens the internship's subsidy application."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.workflow import declare_workflow
from hrbureau.talent import internship
from hrbureau.talent.internship_choices import InternshipState as S
from hrbureau.talent.models import Internship

INTERNSHIP_WORKFLOW = declare_workflow(
    Internship,
    states=S,
    initial=S.REGISTERED,
    todo_states={S.REGISTERED},
    final_states={S.ENDED, S.REFUSED, S.WITHDRAWN},
    slug="internships",
)


def _eligible(case: Any, actor: Any, data: dict[str, Any]) -> Any:
    found = internship.eligibility(
        person=case.person, starts_on=case.starts_on, graduated_on=case.graduated_on
    )
    return None if found.eligible else found.reason


INTERNSHIP_WORKFLOW.add(
    "approve",
    _("Approve the internship"),
    source={S.REGISTERED},
    target=S.APPROVED,
    permission="talent.manage_internship",
    guard=_eligible,
)
INTERNSHIP_WORKFLOW.add(
    "refuse",
    _("Refuse"),
    source={S.REGISTERED},
    target=S.REFUSED,
    permission="talent.manage_internship",
    requires_reason=True,
    button="danger",
)
INTERNSHIP_WORKFLOW.add(
    "end",
    _("End the internship"),
    source={S.APPROVED},
    target=S.ENDED,
    permission="talent.manage_internship",
    requires_reason=True,
    button="secondary",
)
INTERNSHIP_WORKFLOW.add(
    "withdraw",
    _("Withdraw"),
    source={S.REGISTERED},
    target=S.WITHDRAWN,
    permission="talent.manage_internship",
    requires_reason=True,
    button="outline-danger",
)


@INTERNSHIP_WORKFLOW.performs("approve", case="internship")
def _approve(*, actor: Any, internship: Any, reason: str = "") -> Any:
    from hrbureau.talent.internship import internship_approve

    return internship_approve(actor=actor, internship=internship, reason=reason)


@INTERNSHIP_WORKFLOW.effect("refuse")
def _keep_reason(ctx: Any) -> None:
    if ctx.case.refusal_reason != ctx.reason:
        ctx.case.refusal_reason = ctx.reason
        ctx.case.save(update_fields=["refusal_reason"])


INTERNSHIP_WORKFLOW.performs_plainly("refuse", "end", "withdraw")
