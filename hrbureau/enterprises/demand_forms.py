"""The forms of enterprise demands: filing (on the portal, or by staff for an enterprise) and the input of
each action of the workflow (``demand_workflows``), whose field names are the services' keywords."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hrbureau.accounts.choices import OrgUnitKind
from hrbureau.accounts.forms import UnitChoiceField
from hrbureau.accounts.models import OrgUnit
from hrbureau.core.actions import ActDayField, ActionForm
from hrbureau.core.attachments import MultipleFilesField
from hrbureau.core.forms import FixedChoiceField, StyledFormMixin
from hrbureau.enterprises.demand_choices import DemandChannel, DemandKind
from hrbureau.enterprises.models import Enterprise

RATINGS = [(str(n), "★" * n) for n in range(5, 0, -1)]


class DemandFileForm(StyledFormMixin, forms.Form):
    """What an enterprise asks for: the kind (which sets the reply period), a title, what it needs, who
    to call back, and any papers."""

    kind = FixedChoiceField(label=_("Kind of demand"), choices=DemandKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("What do you need?"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=100, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    attachments = MultipleFilesField(label=_("Attachments"))


class StaffDemandFileForm(DemandFileForm):
    """A demand recorded by a service officer (or other staff) for an enterprise they serve."""

    uscc = forms.CharField(
        label=_("Enterprise's unified social credit code"),
        max_length=18,
        help_text=_("The 18 characters of its USCC, as on its page in the register."),
    )
    channel = FixedChoiceField(
        label=_("Channel"), choices=[c for c in DemandChannel.choices if c[0] != DemandChannel.PORTAL]
    )
    filed_on = ActDayField(label=_("Received on"))

    field_order = ["uscc", "channel", "filed_on", "kind", "title", "description"]

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["description"].label = _("What the enterprise needs")

    def clean_uscc(self) -> Enterprise:
        code = "".join(self.cleaned_data["uscc"].split()).upper()
        enterprise = (
            Enterprise.objects.for_user(self.user).filter(uscc=code).first()
            if self.user is not None
            else None
        )
        if enterprise is None:
            raise forms.ValidationError(_("No enterprise you may serve has this code."))
        return enterprise


def routable_units(demand: Any) -> Any:
    """The units a demand may be routed to: any department, or the street of its enterprise (whose staff
    see the street's demands)."""
    condition = Q(kind=OrgUnitKind.DEPARTMENT)
    if demand.street_id:
        condition |= Q(pk=demand.street_id)
    return OrgUnit.objects.filter(condition, is_active=True).select_related("parent").order_by("kind", "path")


class DemandRouteForm(ActionForm):
    """Route the demand to the department or street that answers it."""

    unit = UnitChoiceField(label=_("Responsible unit"), queryset=OrgUnit.objects.none())

    def setup(self) -> None:
        self.fields["unit"].queryset = routable_units(self.case)  # type: ignore[attr-defined]
        if self.case.responsible_unit_id:
            self.fields["unit"].initial = self.case.responsible_unit_id
        self.order_fields(["unit", "reason"])


class DemandTransferForm(DemandRouteForm):
    reason_label = _("Why it goes to another unit")


class DemandReturnForm(ActionForm):
    reason_label = _("Why this is not for your unit")


class DemandReplyForm(ActionForm):
    reason_field = "reply"
    reply = forms.CharField(
        label=_("Reply to the enterprise"), widget=forms.Textarea(attrs={"rows": 5}), max_length=4000
    )
    on = ActDayField(label=_("Replied on"))


class DemandRateForm(ActionForm):
    """The enterprise's rating of the reply, from one to five stars, with a comment."""

    rating = forms.TypedChoiceField(
        label=_("How satisfied are you with the reply?"), choices=RATINGS, coerce=int
    )
    comment = forms.CharField(
        label=_("Anything to add?"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000, required=False
    )


class DemandCloseForm(ActionForm):
    reason_label = _("Why it is closed without the enterprise's rating")


class DemandWithdrawForm(ActionForm):
    reason = forms.CharField(
        label=_("Why do you withdraw it?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class DemandKeyForm(ActionForm):
    reason_label = _("Why leadership should follow it")
