"""What the person is told (portal inbox and SMS) after a step on their subsidy application commits: a
supplement asked for, approval (or approval after the notice), refusal (by the department, the
employer or after an upheld objection). The notice opens the application in the portal for them
(``core.links``: ``talent.subsidyapplication``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hrbureau.accounts.selectors import portal_users_of
from hrbureau.core.notifications import notify
from hrbureau.core.workflow import TransitionContext
from hrbureau.talent.models import SubsidyApplication
from hrbureau.talent.workflows import SUBSIDY_WORKFLOW


def _tell(application: SubsidyApplication, title: str, body: str = "") -> None:
    users = portal_users_of(person_id=application.person_id)
    with transaction.atomic():
        notify(
            title=title,
            body=body,
            url=application.get_absolute_url(),
            users=users,
            sms_to=[u.phone for u in users if getattr(u, "phone", "")],
            case=application,
        )


@SUBSIDY_WORKFLOW.on_commit("request_supplement")
def _supplement_asked(ctx: TransitionContext) -> None:
    application: SubsidyApplication = ctx.case
    _tell(
        application,
        _("Your subsidy application %(number)s needs a supplement: send it on the portal.")
        % {"number": application.number},
        ctx.reason,
    )


@SUBSIDY_WORKFLOW.on_commit("approve", "end_notice", "notice_ended")
def _approved(ctx: TransitionContext) -> None:
    application: SubsidyApplication = ctx.case
    _tell(
        application,
        _("Your subsidy application %(number)s has been approved: %(amount)s yuan.")
        % {"number": application.number, "amount": application.amount},
    )


@SUBSIDY_WORKFLOW.on_commit("refuse", "employer_decline", "uphold_objection")
def _refused(ctx: TransitionContext) -> None:
    application: SubsidyApplication = ctx.case
    _tell(
        application,
        _("Your subsidy application %(number)s was not granted.") % {"number": application.number},
        ctx.reason,
    )
