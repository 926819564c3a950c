"""What the applicant is told (inbox on the portal and SMS to its accounts' phones), after the step
commits: a supplement asked for (what is missing, and that the payout clock waits), the payout, a
refusal with its reason. The notice opens the application's page in the portal for them
(``core.links``: ``policies.policyapplication``)."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from hrbureau.accounts.selectors import portal_users_of
from hrbureau.core.notifications import notify
from hrbureau.core.workflow import TransitionContext
from hrbureau.policies.models import PolicyApplication
from hrbureau.policies.workflows import APPLICATION_WORKFLOW


def _tell(application: PolicyApplication, title: str, body: str = "") -> None:
    users = portal_users_of(enterprise_id=application.enterprise_id, person_id=application.person_id)
    with transaction.atomic():
        notify(
            title=title,
            body=body,
            url=application.get_absolute_url(),
            users=users,
            sms_to=[u.phone for u in users if getattr(u, "phone", "")],
            case=application,
        )


@APPLICATION_WORKFLOW.on_commit("request_supplement")
def _supplement_asked(ctx: TransitionContext) -> None:
    application: PolicyApplication = ctx.case
    _tell(
        application,
        _("Your application %(number)s needs more materials: add them on the portal.")
        % {"number": application.number},
        ctx.reason,
    )


@APPLICATION_WORKFLOW.on_commit("pay")
def _paid(ctx: TransitionContext) -> None:
    application: PolicyApplication = ctx.case
    _tell(application, _("Your application %(number)s has been paid.") % {"number": application.number})


@APPLICATION_WORKFLOW.on_commit("refuse")
def _refused(ctx: TransitionContext) -> None:
    application: PolicyApplication = ctx.case
    _tell(
        application,
        _("Your application %(number)s was not granted.") % {"number": application.number},
        ctx.reason,
    )
