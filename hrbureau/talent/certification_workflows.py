"""The workflows of talent intake (``talent-intakes``) and high-level talent certification
(``talent-certifications``) on the workflow core.

An intake application is reviewed by the department's staff, approved by its head — never the one who
reviewed it —, and registered when the public-security side accepts the household move (its date and
number); staff may ask for a supplement (the person resubmits), or refuse with a reason; the person may
withdraw it before the approval.

A certification's criteria are checked by the rules when staff send it on: failing, it is refused with
the conditions it fails in plain words (no override); meeting them, it goes to the experts the category
asks for. Each expert scores it once; with the last score the mean is compared with the category's pass
mark. A department head who neither sent it on nor scored it decides: certified (certificate number and
validity) or refused, with a reason. The nightly sweep expires a certificate when its validity ends.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from hrbureau.core.workflow import declare_workflow
from hrbureau.talent import certification_forms as F
from hrbureau.talent.certification_choices import CertificationState, IntakeState
from hrbureau.talent.certification_models import Certification, IntakeApplication

IS = IntakeState
INTAKE_WORKFLOW = declare_workflow(
    IntakeApplication,
    states=IntakeState,
    initial=IS.SUBMITTED,
    todo_states={IS.SUBMITTED, IS.REVIEWED, IS.APPROVED},
    final_states={IS.REGISTERED, IS.REFUSED, IS.WITHDRAWN},
    slug="talent-intakes",
)


def _not_the_reviewer(application: Any, actor: Any, data: dict[str, Any]) -> Any:
    if (
        actor is not None
        and application.reviewed_by_id is not None
        and application.reviewed_by_id == actor.pk
    ):
        return _("You reviewed this application; another person approves it.")
    if actor is not None and application.filed_by_id is not None and application.filed_by_id == actor.pk:
        return _("You filed this application; another person approves it.")
    return None


INTAKE_WORKFLOW.add(
    "review",
    _("Review: materials in order"),
    source={IS.SUBMITTED},
    target=IS.REVIEWED,
    permission="talent.review_intake",
    form=F.OpinionForm,
)
INTAKE_WORKFLOW.add(
    "approve",
    _("Approve"),
    source={IS.REVIEWED},
    target=IS.APPROVED,
    permission="talent.approve_intake",
    guard=_not_the_reviewer,
    form=F.OpinionForm,
)
INTAKE_WORKFLOW.add(
    "register",
    _("Record the public-security acceptance"),
    source={IS.APPROVED},
    target=IS.REGISTERED,
    permission="talent.review_intake",
    form=F.RegisterForm,
)
INTAKE_WORKFLOW.add(
    "request_supplement",
    _("Ask for a supplement"),
    source={IS.SUBMITTED, IS.REVIEWED},
    target=IS.SUPPLEMENT,
    permission="talent.review_intake",
    requires_reason=True,
    button="secondary",
    form=F.SupplementForm,
)
INTAKE_WORKFLOW.add(
    "resubmit",
    _("Send the supplement"),
    source={IS.SUPPLEMENT},
    target=IS.SUBMITTED,
    permission="talent.apply_talent",
    area="portal",
    form=F.ResubmitForm,
)
INTAKE_WORKFLOW.add(
    "refuse",
    _("Refuse"),
    source={IS.SUBMITTED, IS.SUPPLEMENT, IS.REVIEWED},
    target=IS.REFUSED,
    permission="talent.review_intake",
    requires_reason=True,
    button="danger",
)
INTAKE_WORKFLOW.add(
    "withdraw",
    _("Withdraw the application"),
    source={IS.SUBMITTED, IS.SUPPLEMENT, IS.REVIEWED},
    target=IS.WITHDRAWN,
    permission="talent.apply_talent",
    requires_reason=True,
    area="portal",
    button="outline-danger",
)
# The person's written withdrawal brought to the counter.
INTAKE_WORKFLOW.add(
    "withdraw_at_counter",
    _("Record the withdrawal brought to the counter"),
    source={IS.SUBMITTED, IS.SUPPLEMENT, IS.REVIEWED},
    target=IS.WITHDRAWN,
    permission="talent.review_intake",
    requires_reason=True,
    button="secondary",
)
INTAKE_WORKFLOW.for_parties(
    states={
        IS.SUBMITTED: _("Received"),
        IS.SUPPLEMENT: _("Supplement needed"),
        IS.REVIEWED: _("Being reviewed"),
        IS.APPROVED: _("Approved, with the public-security side"),
        IS.REGISTERED: _("Household move accepted"),
        IS.REFUSED: _("Refused"),
        IS.WITHDRAWN: _("Withdrawn"),
    },
    told={
        "request_supplement": _("Supplement requested"),
        "resubmit": None,
        "approve": _("Approved"),
        "register": _("Household move accepted"),
        "refuse": _("Refused"),
        "withdraw": None,
        "withdraw_at_counter": None,
    },
    clocks=(),
)


CS = CertificationState
CERTIFICATION_WORKFLOW = declare_workflow(
    Certification,
    states=CertificationState,
    initial=CS.SUBMITTED,
    todo_states={CS.SUBMITTED, CS.EXPERT_REVIEW, CS.REVIEWED},
    final_states={CS.EXPIRED, CS.REFUSED, CS.WITHDRAWN},
    slug="talent-certifications",
)


def _expert_pending(certification: Any, actor: Any, data: dict[str, Any]) -> Any:
    from hrbureau.talent.certification import pending_review

    if actor is None or pending_review(certification, actor) is None:
        return _("Only an expert assigned to this application who has not scored it yet may score it.")
    return None


def _decider(passed_needed: bool) -> Any:
    def guard(certification: Any, actor: Any, data: dict[str, Any]) -> Any:
        from hrbureau.talent.certification import decision_refusal

        return decision_refusal(certification, actor, certify=passed_needed)

    return guard


CERTIFICATION_WORKFLOW.add(
    "send_to_experts",
    _("Check the criteria and send to the experts"),
    source={CS.SUBMITTED},
    target=CS.EXPERT_REVIEW,
    permission="talent.review_certification",
    form=F.SendToExpertsForm,
)
# Taken by the check above when the rules find the criteria unmet: refused with the plain-words reason.
CERTIFICATION_WORKFLOW.add(
    "criteria_unmet",
    _("Criteria not met"),
    source={CS.SUBMITTED},
    target=CS.REFUSED,
    permission="talent.review_certification",
    offered=False,
)
CERTIFICATION_WORKFLOW.add(
    "score",
    _("Score as an expert"),
    source={CS.EXPERT_REVIEW},
    target=None,
    permission="talent.score_certification",
    guard=_expert_pending,
    form=F.ScoreForm,
)
# Taken with the last expert's score.
CERTIFICATION_WORKFLOW.add(
    "experts_done",
    _("Expert review complete"),
    source={CS.EXPERT_REVIEW},
    target=CS.REVIEWED,
    permission="talent.score_certification",
    offered=False,
)
CERTIFICATION_WORKFLOW.add(
    "certify",
    _("Certify"),
    source={CS.REVIEWED},
    target=CS.CERTIFIED,
    permission="talent.decide_certification",
    guard=_decider(True),
    form=F.CertifyForm,
)
CERTIFICATION_WORKFLOW.add(
    "refuse",
    _("Refuse"),
    source={CS.REVIEWED},
    target=CS.REFUSED,
    permission="talent.decide_certification",
    guard=_decider(False),
    requires_reason=True,
    button="danger",
)
CERTIFICATION_WORKFLOW.add(
    "withdraw",
    _("Withdraw the application"),
    source={CS.SUBMITTED, CS.EXPERT_REVIEW},
    target=CS.WITHDRAWN,
    permission="talent.apply_talent",
    requires_reason=True,
    area="portal",
    button="outline-danger",
)
# The person's written withdrawal brought to the counter.
CERTIFICATION_WORKFLOW.add(
    "withdraw_at_counter",
    _("Record the withdrawal brought to the counter"),
    source={CS.SUBMITTED, CS.EXPERT_REVIEW},
    target=CS.WITHDRAWN,
    permission="talent.review_certification",
    requires_reason=True,
    button="secondary",
)
# Taken by the nightly sweep when the validity has ended, never by hand.
CERTIFICATION_WORKFLOW.add(
    "expire",
    _("Expire"),
    source={CS.CERTIFIED},
    target=CS.EXPIRED,
    permission=None,
    offered=False,
)
CERTIFICATION_WORKFLOW.for_parties(
    states={
        CS.SUBMITTED: _("Received"),
        CS.EXPERT_REVIEW: _("In expert review"),
        CS.REVIEWED: _("Being decided"),
        CS.CERTIFIED: _("Certified"),
        CS.EXPIRED: _("Expired"),
        CS.REFUSED: _("Refused"),
        CS.WITHDRAWN: _("Withdrawn"),
    },
    told={
        "criteria_unmet": _("Criteria not met"),
        "certify": _("Certified"),
        "refuse": _("Refused"),
        "expire": _("Expired"),
        "withdraw": None,
        "withdraw_at_counter": None,
    },
    clocks=(),
)
