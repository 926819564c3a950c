"""The qualification review of a registration (资格审查) on the workflow core: a reviewer passes it (the
exam ticket is issued), fails it with the reason, or asks for a supplement with what is missing; the person
sends the supplement from the portal, or withdraws before the review ends."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from hrbureau.core.actions import ActionForm
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.workflow import declare_workflow
from hrbureau.personnel.recruitment_choices import RegistrationState
from hrbureau.personnel.recruitment_models import Registration

RS = RegistrationState


class PassForm(ActionForm):
    opinion = forms.CharField(
        label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class FailForm(ActionForm):
    reason_label = _("Why the registration does not qualify")


class SupplementForm(ActionForm):
    reason_label = _("What is missing")


class ResupplyForm(ActionForm):
    note = forms.CharField(
        label=_("What was supplied"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )
    materials = MultipleFilesField(label=_("Materials"))


REGISTRATION_WORKFLOW = declare_workflow(
    Registration,
    states=RegistrationState,
    initial=RS.SUBMITTED,
    todo_states={RS.SUBMITTED},
    final_states={RS.QUALIFIED, RS.FAILED, RS.WITHDRAWN},
    slug="recruitment-registrations",
)
REGISTRATION_WORKFLOW.add(
    "qualify",
    _("Pass the qualification review"),
    source={RS.SUBMITTED},
    target=RS.QUALIFIED,
    permission="personnel.review_registration",
    form=PassForm,
)
REGISTRATION_WORKFLOW.add(
    "request_supplement",
    _("Ask for a supplement"),
    source={RS.SUBMITTED},
    target=RS.SUPPLEMENT,
    permission="personnel.review_registration",
    requires_reason=True,
    button="secondary",
    form=SupplementForm,
)
REGISTRATION_WORKFLOW.add(
    "fail",
    _("Fail the qualification review"),
    source={RS.SUBMITTED, RS.SUPPLEMENT},
    target=RS.FAILED,
    permission="personnel.review_registration",
    requires_reason=True,
    button="danger",
    form=FailForm,
)
REGISTRATION_WORKFLOW.add(
    "resupply",
    _("Send the supplement"),
    source={RS.SUPPLEMENT},
    target=RS.SUBMITTED,
    permission="personnel.register",
    area="portal",
    form=ResupplyForm,
)
REGISTRATION_WORKFLOW.add(
    "withdraw",
    _("Withdraw the registration"),
    source={RS.SUBMITTED, RS.SUPPLEMENT},
    target=RS.WITHDRAWN,
    permission="personnel.register",
    requires_reason=True,
    area="portal",
    button="outline-danger",
)
REGISTRATION_WORKFLOW.for_parties(
    states={
        RS.SUBMITTED: _("Received, being reviewed"),
        RS.SUPPLEMENT: _("Supplement needed"),
        RS.QUALIFIED: _("Qualified"),
        RS.FAILED: _("Not qualified"),
        RS.WITHDRAWN: _("Withdrawn"),
    },
    told={
        "qualify": _("Qualified"),
        "request_supplement": _("Supplement requested"),
        "fail": _("Not qualified"),
        "resupply": None,
        "withdraw": None,
    },
    clocks=set(),
)
