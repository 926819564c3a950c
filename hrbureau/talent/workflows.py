"""The talent line's workflows on the workflow core, one block per part."""

from __future__ import annotations

# --- subsidies ---
# A subsidy application (补贴申请) is submitted by the person on the portal or by staff at the counter;
# where the scheme asks, the employer confirms it first (level 0) — else it goes to the first level at
# once; each of the scheme's levels is decided by a holder of its role, never by the filer nor by
# anyone who decided another level (maker ≠ checker); staff may return it for a supplement, which the
# applicant sends back; after the last level it goes on public notice (公示) for the scheme's working
# days where it asks, and is approved when the notice ends with no objection open (an upheld objection
# refuses it); approval writes the instalments. The applicant may withdraw it before approval.
from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.workflow import declare_workflow
from hrbureau.talent import subsidy_forms as SF
from hrbureau.talent.choices import ApplicationState
from hrbureau.talent.models import SubsidyApplication

AS = ApplicationState
SUBSIDY_WORKFLOW = declare_workflow(
    SubsidyApplication,
    states=ApplicationState,
    initial=AS.SUBMITTED,
    todo_states={AS.IN_REVIEW, AS.ON_NOTICE},
    final_states={AS.COMPLETED, AS.REFUSED, AS.WITHDRAWN},
    slug="subsidy-applications",
)


def _guard(name: str) -> Any:
    def guard(application: Any, actor: Any, data: dict[str, Any]) -> Any:
        from hrbureau.talent import subsidy_applications as svc

        return getattr(svc, name)(application, actor)

    return guard


# Without employer confirmation the application reaches the first level as it is filed.
SUBSIDY_WORKFLOW.add(
    "receive",
    _("To the first level"),
    source={AS.SUBMITTED},
    target=AS.IN_REVIEW,
    permission=None,
    offered=False,
)
SUBSIDY_WORKFLOW.add(
    "employer_confirm",
    _("Confirm as the employer"),
    source={AS.SUBMITTED},
    target=AS.IN_REVIEW,
    permission="talent.confirm_subsidy",
    guard=_guard("employer_refusal"),
    area="portal",
    form=SF.ConfirmForm,
)
SUBSIDY_WORKFLOW.add(
    "employer_decline",
    _("Decline as the employer"),
    source={AS.SUBMITTED},
    target=AS.REFUSED,
    permission="talent.confirm_subsidy",
    guard=_guard("employer_refusal"),
    requires_reason=True,
    area="portal",
    button="danger",
)
SUBSIDY_WORKFLOW.add(
    "approve_level",
    _("Approve this level"),
    source={AS.IN_REVIEW},
    target=None,
    permission="talent.review_subsidy",
    guard=_guard("level_refusal"),
    form=SF.DecisionForm,
)
SUBSIDY_WORKFLOW.add(
    "approve",
    _("Approve"),
    source={AS.IN_REVIEW},
    target=AS.APPROVED,
    permission="talent.review_subsidy",
    guard=_guard("final_refusal"),
    form=SF.DecisionForm,
)
SUBSIDY_WORKFLOW.add(
    "approve_to_notice",
    _("Approve and publish the notice"),
    source={AS.IN_REVIEW},
    target=AS.ON_NOTICE,
    permission="talent.review_subsidy",
    guard=_guard("notice_refusal"),
    form=SF.DecisionForm,
)
SUBSIDY_WORKFLOW.add(
    "request_supplement",
    _("Return for a supplement"),
    source={AS.IN_REVIEW},
    target=AS.SUPPLEMENT,
    permission="talent.review_subsidy",
    guard=_guard("decider_refusal"),
    requires_reason=True,
    button="secondary",
    form=SF.SupplementForm,
)
SUBSIDY_WORKFLOW.add(
    "resubmit",
    _("Send the supplement"),
    source={AS.SUPPLEMENT},
    target=AS.IN_REVIEW,
    permission="talent.apply_subsidy",
    area="portal",
    form=SF.ResubmitForm,
)
SUBSIDY_WORKFLOW.add(
    "refuse",
    _("Refuse"),
    source={AS.IN_REVIEW, AS.SUPPLEMENT},
    target=AS.REFUSED,
    permission="talent.review_subsidy",
    guard=_guard("decider_refusal"),
    requires_reason=True,
    button="danger",
)
SUBSIDY_WORKFLOW.add(
    "withdraw",
    _("Withdraw the application"),
    source={AS.SUBMITTED, AS.IN_REVIEW, AS.SUPPLEMENT},
    target=AS.WITHDRAWN,
    permission="talent.apply_subsidy",
    requires_reason=True,
    area="portal",
    button="outline-danger",
)
SUBSIDY_WORKFLOW.add(
    "record_objection",
    _("Record an objection"),
    source={AS.ON_NOTICE},
    target=None,
    permission="talent.review_subsidy",
    button="secondary",
    form=SF.ObjectionForm,
)
SUBSIDY_WORKFLOW.add(
    "dismiss_objection",
    _("Dismiss an objection"),
    source={AS.ON_NOTICE},
    target=None,
    permission="talent.review_subsidy",
    guard=_guard("open_objection_refusal"),
    button="secondary",
    form=SF.AnswerForm,
)
SUBSIDY_WORKFLOW.add(
    "uphold_objection",
    _("Uphold an objection and refuse"),
    source={AS.ON_NOTICE},
    target=AS.REFUSED,
    permission="talent.review_subsidy",
    guard=_guard("open_objection_refusal"),
    button="danger",
    form=SF.AnswerForm,
)
SUBSIDY_WORKFLOW.add(
    "end_notice",
    _("End the notice and approve"),
    source={AS.ON_NOTICE},
    target=AS.APPROVED,
    permission="talent.review_subsidy",
    guard=_guard("end_notice_refusal"),
)
# The periodic sweep's own step when a notice ends with no objection open.
SUBSIDY_WORKFLOW.add(
    "notice_ended",
    _("Notice ended without objection"),
    source={AS.ON_NOTICE},
    target=AS.APPROVED,
    permission=None,
    guard=_guard("end_notice_refusal"),
    offered=False,
)
SUBSIDY_WORKFLOW.add(
    "complete",
    _("Complete"),
    source={AS.APPROVED},
    target=AS.COMPLETED,
    permission=None,
    offered=False,
)
SUBSIDY_WORKFLOW.for_parties(
    states={
        # (held only while the employer is asked to confirm; the page says so, naming the employer)
        AS.SUBMITTED: _("Submitted"),
        AS.IN_REVIEW: _("Being reviewed"),
        AS.SUPPLEMENT: _("Supplement needed"),
        AS.ON_NOTICE: _("On public notice"),
        AS.APPROVED: _("Approved"),
        AS.COMPLETED: _("Completed"),
        AS.REFUSED: _("Refused"),
        AS.WITHDRAWN: _("Withdrawn"),
    },
    told={
        "employer_decline": _("The employer declined"),
        "request_supplement": _("Supplement requested"),
        "resubmit": None,
        "approve": _("Approved"),
        "approve_to_notice": _("On public notice"),
        "end_notice": _("Approved"),
        "notice_ended": _("Approved"),
        "refuse": _("Refused"),
        "uphold_objection": _("Refused after an objection"),
        "withdraw": None,
    },
    clocks=set(),
)
